package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local backend's state lock is shared with terraform 1.11 both ways: terraform locks the
 * state file itself (fcntl), and so does Capstan. Each tool's apply is held inside a local-exec
 * provisioner that touches a "started" marker and waits for a "release" marker, so the other tool
 * runs exactly while the lock is held (no sleeps decide the outcome). Also as terraform: a state
 * that is not locked cannot be force-unlocked ("LocalState not locked"), the lock info a killed
 * terraform leaves does not lock the state, and a holder that has not written its info yet is
 * reported without the Lock Info table.
 */
class LocalLockDifferentialTest {
  private static final String CONFIG = """
      variable "marker" {
        type = string
      }

      resource "terraform_data" "w" {
        triggers_replace = var.marker
        provisioner "local-exec" {
          command = "touch ${var.marker}-started; while [ ! -f ${var.marker}-release ]; do sleep 0.05; done"
        }
      }
      """;

  @TempDir
  Path dir;

  private void setUp(String workspace) throws Exception {
    Differential.terraform();
    Files.writeString(dir.resolve("main.tf"), CONFIG);
    Differential.tfOk(dir, "init", "-input=false", "-no-color");
    if (workspace != null) {
      Differential.tfOk(dir, "workspace", "new", "-no-color", workspace);
    }
  }

  /** terraform apply in the background, returned once its provisioner runs (the lock is held). */
  private Process terraformHolding(String marker) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Differential.terraform().toString(), "apply", "-auto-approve",
        "-input=false", "-no-color", "-var", "marker=" + marker).directory(dir.toFile());
    pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
    pb.environment().put("CHECKPOINT_DISABLE", "1");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve(marker + ".out").toFile());
    Process p = pb.start();
    awaitMarker(marker, p::isAlive);
    return p;
  }

  /** capstan apply in this JVM on another thread, returned once its provisioner runs. */
  private CompletableFuture<Differential.Run> capstanHolding(String marker, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("apply", "-auto-approve", "-input=false", "-no-color", "-var",
        "marker=" + marker));
    args.addAll(List.of(extra));
    CompletableFuture<Differential.Run> run =
        CompletableFuture.supplyAsync(() -> Differential.cap(dir, args.toArray(String[]::new)));
    awaitMarker(marker, () -> !run.isDone());
    return run;
  }

  private void awaitMarker(String marker, java.util.function.BooleanSupplier running) throws Exception {
    Path started = dir.resolve(marker + "-started");
    while (!Files.exists(started)) {
      assertThat(running.getAsBoolean()).as("the apply holding the lock ended before its provisioner started:\n"
          + (Files.exists(dir.resolve(marker + ".out")) ? Files.readString(dir.resolve(marker + ".out")) : "")).isTrue();
      Thread.sleep(20);
    }
  }

  private void release(String marker) throws IOException {
    Files.createFile(dir.resolve(marker + "-release"));
  }

  private static String lockInfoTable(String out) {
    Matcher m = Pattern.compile("(?s)Lock Info:\n.*?  Info:[^\n]*\n").matcher(out);
    assertThat(m.find()).as("a Lock Info table in:\n" + out).isTrue();
    return m.group();
  }

  private static String lockId(String out) {
    Matcher m = Pattern.compile("ID:\\s+(\\S+)").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return m.group(1);
  }

  private void capstanRefusesWhileTerraformHolds(String stateFile) throws Exception {
    Process tf = terraformHolding("tf1");
    try {
      // terraform's own view of its lock, next to Capstan's
      Differential.Run tfPlan = Differential.tf(dir, "plan", "-input=false", "-no-color", "-var", "marker=x");
      Differential.Run capPlan = Differential.cap(dir, "plan", "-input=false", "-no-color", "-var", "marker=x");
      assertThat(tfPlan.exit()).as(tfPlan.out()).isEqualTo(1);
      assertThat(capPlan.exit()).as(capPlan.out()).isEqualTo(1);
      assertThat(capPlan.out()).contains("Error: Error acquiring the state lock\n\n"
          + "Error message: resource temporarily unavailable\nLock Info:\n");
      assertThat(capPlan.out()).doesNotContain("no longer running").doesNotContain("force-unlock");
      assertThat(lockInfoTable(capPlan.out())).isEqualTo(lockInfoTable(tfPlan.out()))
          .contains("  Path:      " + stateFile + "\n", "  Operation: OperationTypeApply\n", "  Version:   1.11.4\n");
      // piped without -no-color, framed in colour as terraform frames it (its view does not ask for a terminal)
      Differential.Run tfColour = Differential.tf(dir, "plan", "-input=false", "-var", "marker=x");
      assertThat(tfColour.out()).contains("\u001b[31m\u2502\u001b[0m \u001b[0m\u001b[1m\u001b[31mError: \u001b[0m"
          + "\u001b[0m\u001b[1mError acquiring the state lock");
      assertThat(Differential.cap(dir, "plan", "-input=false", "-var", "marker=x").out()).isEqualTo(tfColour.out());

      // console (without -plan) takes the lock as terraform's does: the same error; neither has -lock or
      // -lock-timeout. terraform's console, whose -state defaults to terraform.tfstate, reads and locks that
      // file in every workspace, as Capstan's does: a workspace's locked state does not stop it.
      if (stateFile.equals("terraform.tfstate")) {
        Differential.Run tfConsole = Differential.tf(dir, "console", "-no-color");
        Differential.Run capConsole = Differential.cap(dir, "console", "-no-color");
        assertThat(tfConsole.exit()).as(tfConsole.out()).isEqualTo(1);
        assertThat(capConsole.out()).isEqualTo(tfConsole.out()).contains("Error: Error acquiring the state lock");
        assertThat(capConsole.exit()).isEqualTo(1);
        for (String flag : List.of("-lock=false", "-lock-timeout=1s")) {
          assertThat(Differential.tf(dir, "console", "-no-color", flag).exit()).as(flag).isEqualTo(1);
          assertThat(Differential.cap(dir, "console", "-no-color", flag).exit()).as(flag).isEqualTo(1);
        }
      } else {
        ConsolePlanDifferentialTest.Outcome tfConsole = ConsolePlanDifferentialTest.terraform(dir,
            "terraform.workspace", List.of(), java.util.Map.of());
        ConsolePlanDifferentialTest.Outcome capConsole = ConsolePlanDifferentialTest.capstan(dir,
            "terraform.workspace", List.of(), java.util.Map.of());
        assertThat(tfConsole.code()).as(tfConsole.err()).isZero();
        assertThat(tfConsole.out()).isEqualTo("\"dev\"\n");
        assertThat(capConsole).isEqualTo(tfConsole);
      }

      // a live terraform's lock cannot be forced from another process, as terraform's own force-unlock cannot:
      // both say "LocalState not locked", coloured or not, and the lock stays
      String id = lockId(tfPlan.out());
      for (List<String> args : List.of(List.of("force-unlock", "-force", "-no-color", id),
          List.of("force-unlock", "-force", id))) {
        Differential.Run forced = Differential.cap(dir, args.toArray(String[]::new));
        Differential.Run tfForced = Differential.tf(dir, args.toArray(String[]::new));
        assertThat(tfForced.exit()).as(tfForced.out()).isEqualTo(1);
        assertThat(forced.exit()).as(forced.out()).isEqualTo(1);
        assertThat(forced.out()).isEqualTo(tfForced.out()).contains("Failed to unlock state: LocalState not locked");
      }
      assertThat(Differential.cap(dir, "plan", "-input=false", "-no-color", "-var", "marker=x").out())
          .as("still locked").contains("Error: Error acquiring the state lock");

      // -lock-timeout waits for terraform and then takes the lock (the holder is released meanwhile)
      CompletableFuture<Differential.Run> waiting = CompletableFuture.supplyAsync(() -> Differential.cap(dir,
          "apply", "-auto-approve", "-input=false", "-no-color", "-lock-timeout=300s", "-var", "marker=cap2"));
      release("tf1");
      assertThat(tf.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(tf.exitValue()).as(Files.readString(dir.resolve("tf1.out"))).isZero();
      release("cap2");
      Differential.Run after = waiting.get(300, TimeUnit.SECONDS);
      assertThat(after.exit()).as(after.out()).isZero();
      assertThat(after.out()).contains("Apply complete! Resources: 1 added, 0 changed, 1 destroyed.");
    } finally {
      if (!Files.exists(dir.resolve("tf1-release"))) {
        release("tf1");
      }
      tf.waitFor(300, TimeUnit.SECONDS);
    }
    assertThat(dir.resolve(stateFile).resolveSibling(".terraform.tfstate.lock.info")).doesNotExist();
  }

  private void terraformRefusesWhileCapstanHolds(String stateFile) throws Exception {
    CompletableFuture<Differential.Run> cap = capstanHolding("cap1");
    try {
      Differential.Run tfPlan = Differential.tf(dir, "plan", "-input=false", "-no-color", "-var", "marker=x");
      assertThat(tfPlan.exit()).as(tfPlan.out()).isEqualTo(1);
      assertThat(tfPlan.out()).contains("Error: Error acquiring the state lock\n\n"
          + "Error message: resource temporarily unavailable\nLock Info:\n");
      // terraform shows the lock info Capstan wrote, as it shows its own
      String table = lockInfoTable(tfPlan.out());
      assertThat(table).contains("  Path:      " + stateFile + "\n", "  Operation: OperationTypeApply\n");
      String info = Files.readString(dir.resolve(stateFile).resolveSibling(".terraform.tfstate.lock.info"),
          StandardCharsets.UTF_8);
      assertThat(info).contains("\"ID\":\"" + lockId(table) + "\"");
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
          dir.resolve(stateFile).resolveSibling(".terraform.tfstate.lock.info")))).as("mode, as terraform writes it")
          .isEqualTo("rw-------");
      assertThat(Differential.tf(dir, "force-unlock", "-force", lockId(table)).out()).contains("LocalState not locked");
      // and Capstan, as a second process would, is refused too (in-JVM here)
      Differential.Run capPlan = Differential.cap(dir, "plan", "-input=false", "-no-color", "-var", "marker=x");
      assertThat(capPlan.exit()).as(capPlan.out()).isEqualTo(1);
      assertThat(lockInfoTable(capPlan.out())).isEqualTo(table);
    } finally {
      release("cap1");
    }
    Differential.Run done = cap.get(300, TimeUnit.SECONDS);
    assertThat(done.exit()).as(done.out()).isZero();
    // Capstan wrote the state into the file terraform locks: terraform reads it and has nothing to do
    Differential.Run tfPlan = Differential.tf(dir, "plan", "-input=false", "-no-color", "-detailed-exitcode",
        "-var", "marker=cap1");
    assertThat(tfPlan.exit()).as(tfPlan.out()).isZero();
    assertThat(tfPlan.out()).contains("No changes.");
    assertThat(dir.resolve(stateFile).resolveSibling(".terraform.tfstate.lock.info")).doesNotExist();
  }

  @Test
  void capstanRefusesWhileTerraformHoldsTheDefaultState() throws Exception {
    setUp(null);
    capstanRefusesWhileTerraformHolds("terraform.tfstate");
  }

  @Test
  void terraformRefusesWhileCapstanHoldsTheDefaultState() throws Exception {
    setUp(null);
    terraformRefusesWhileCapstanHolds("terraform.tfstate");
  }

  @Test
  void aWorkspacesStateFileIsLockedBothWays() throws Exception {
    setUp("dev");
    capstanRefusesWhileTerraformHolds("terraform.tfstate.d/dev/terraform.tfstate");
    terraformRefusesWhileCapstanHolds("terraform.tfstate.d/dev/terraform.tfstate");
  }

  private static final List<List<String>> FORCE_UNLOCKS = List.of(
      List.of("force-unlock", "-force", "-no-color", "0d0e0a0d-0000-4000-8000-000000000000"),
      List.of("force-unlock", "-force", "0d0e0a0d-0000-4000-8000-000000000000"),
      List.of("force-unlock", "-no-color", "0d0e0a0d-0000-4000-8000-000000000000"),
      List.of("force-unlock", "0d0e0a0d-0000-4000-8000-000000000000"));

  private void forceUnlockSaysWhatTerraformSays() throws Exception {
    for (List<String> args : FORCE_UNLOCKS) {
      Differential.Run tf = Differential.tf(dir, args.toArray(String[]::new));
      Differential.Run cap = Differential.cap(dir, args.toArray(String[]::new));
      assertThat(tf.exit()).as(tf.out()).isEqualTo(1);
      assertThat(cap.out()).as(String.join(" ", args)).isEqualTo(tf.out());
      assertThat(cap.exit()).as(String.join(" ", args)).isEqualTo(tf.exit());
    }
  }

  @Test
  void forceUnlockOfAStateThatIsNotLockedIsTerraformsError() throws Exception {
    setUp(null);
    forceUnlockSaysWhatTerraformSays(); // no state file yet
    assertThat(Differential.tf(dir, "force-unlock", "-force", "-no-color", "x").out())
        .isEqualTo("Failed to unlock state: LocalState not locked\n");
    release("a"); // the apply's provisioner goes straight through
    Differential.tfOk(dir, "apply", "-auto-approve", "-input=false", "-no-color", "-var", "marker=a");
    forceUnlockSaysWhatTerraformSays(); // a state, not locked
    assertThat(dir.resolve("terraform.tfstate")).exists();
  }

  /**
   * terraform killed while it holds the lock: the OS drops its lock, its lock info stays. terraform
   * then simply takes the lock (overwriting the info), and so does Capstan; force-unlock of the dead
   * holder's ID is "LocalState not locked" from both.
   */
  @Test
  void theLockInfoOfAKilledTerraformDoesNotLockTheState() throws Exception {
    setUp(null);
    Process tf = terraformHolding("tf1");
    String id;
    try {
      Differential.Run refused = Differential.cap(dir, "plan", "-input=false", "-no-color", "-var", "marker=x");
      assertThat(refused.exit()).as(refused.out()).isEqualTo(1);
      id = lockId(refused.out());
      tf.destroyForcibly(); // SIGKILL: no unlock
      assertThat(tf.waitFor(300, TimeUnit.SECONDS)).isTrue();
    } finally {
      release("tf1"); // its provisioner's shell outlives it
    }
    Path info = dir.resolve(".terraform.tfstate.lock.info");
    assertThat(Files.readString(info)).contains("\"ID\":\"" + id + "\"");
    // Capstan first: the killed terraform's own info is still there
    Differential.Run capPlan = Differential.cap(dir, "plan", "-input=false", "-no-color", "-var", "marker=tf1");
    assertThat(capPlan.exit()).as(capPlan.out()).isZero();
    assertThat(capPlan.out()).doesNotContain("Error acquiring the state lock");
    assertThat(info).as("removed at unlock").doesNotExist();
    // each plan removed the info when it unlocked; the killed terraform's is written back before each tool
    for (String tool : List.of("terraform", "capstan")) {
      Files.writeString(info, "{\"ID\":\"" + id + "\",\"Operation\":\"OperationTypeApply\",\"Info\":\"\","
          + "\"Who\":\"root@vm\",\"Version\":\"1.11.4\",\"Created\":\"2026-11-28T21:03:12.332454816Z\","
          + "\"Path\":\"terraform.tfstate\"}");
      release(tool); // its apply's provisioner goes through
      List<String> unlock = List.of("force-unlock", "-force", "-no-color", id);
      Differential.Run forced = tool.equals("terraform") ? Differential.tf(dir, unlock.toArray(String[]::new))
          : Differential.cap(dir, unlock.toArray(String[]::new));
      assertThat(forced.exit()).isEqualTo(1);
      assertThat(forced.out()).as(tool).isEqualTo("Failed to unlock state: LocalState not locked\n");
      Differential.Run apply = tool.equals("terraform")
          ? Differential.tf(dir, "apply", "-auto-approve", "-input=false", "-no-color", "-var", "marker=" + tool)
          : Differential.cap(dir, "apply", "-auto-approve", "-input=false", "-no-color", "-var", "marker=" + tool);
      assertThat(apply.exit()).as(tool + ": " + apply.out()).isZero();
      assertThat(info).as(tool + " removes the info it overwrote").doesNotExist();
    }
  }

  /**
   * A holder that has locked the state file but not written its lock info yet (here this JVM
   * itself, which Capstan's in-JVM run sees as another holder): terraform's error names the info
   * file it could not open and has no Lock Info table; Capstan's is the same, human and -json.
   */
  @Test
  void aHolderThatHasNotWrittenItsInfoYetIsReportedAsTerraformReportsIt() throws Exception {
    setUp("dev");
    Path state = Files.createDirectories(dir.resolve("terraform.tfstate.d/dev")).resolve("terraform.tfstate");
    for (List<String> args : List.of(List.of("plan", "-input=false", "-no-color", "-var", "marker=x"),
        List.of("plan", "-input=false", "-json", "-var", "marker=x"),
        List.of("apply", "-input=false", "-auto-approve", "-no-color", "-var", "marker=x"))) {
      Differential.Run tf;
      Differential.Run cap;
      try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(state,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
          java.nio.channels.FileLock held = ch.tryLock()) {
        assertThat(held).isNotNull();
        tf = Differential.tf(dir, args.toArray(String[]::new));
        cap = Differential.cap(dir, args.toArray(String[]::new)); // closing its descriptor drops this JVM's lock: last
      }
      String what = String.join(" ", args);
      assertThat(tf.exit()).as(tf.out()).isEqualTo(1);
      assertThat(cap.exit()).as(what + ": " + cap.out()).isEqualTo(1);
      if (args.contains("-json")) {
        assertThat(diagnostics(cap.out())).as(what).isEqualTo(diagnostics(tf.out()))
            .anySatisfy(d -> assertThat(d).contains("open terraform.tfstate.d/dev/.terraform.tfstate.lock.info: "
                + "no such file or directory"));
      } else {
        // (the line is wrapped at 78 columns, by both)
        assertThat(cap.out()).as(what).isEqualTo(tf.out()).contains("Error message: resource temporarily unavailable\n"
            + "open terraform.tfstate.d/dev/.terraform.tfstate.lock.info: no such file or\ndirectory\n\n"
            + "Terraform acquires a state lock").doesNotContain("Lock Info:");
      }
    }
  }

  /** The -json diagnostics, without their timestamps. */
  private static List<String> diagnostics(String jsonl) throws IOException {
    List<String> out = new ArrayList<>();
    for (var m : Differential.uiMessages(jsonl)) {
      if (m.path("type").asText().equals("diagnostic")) {
        out.add(m.path("diagnostic").toString());
      }
    }
    return out;
  }
}
