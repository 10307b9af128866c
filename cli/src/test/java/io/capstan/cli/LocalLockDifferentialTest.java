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
 * runs exactly while the lock is held (no sleeps decide the outcome).
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

      // a live terraform's lock cannot be forced from another process, as terraform's own force-unlock cannot
      String id = lockId(tfPlan.out());
      Differential.Run forced = Differential.cap(dir, "force-unlock", "-force", id);
      assertThat(forced.exit()).as(forced.out()).isEqualTo(1);
      assertThat(forced.out()).startsWith("Failed to unlock state: ").contains("held by a running process");
      assertThat(Differential.tf(dir, "force-unlock", "-force", id).out()).contains("LocalState not locked");

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
}
