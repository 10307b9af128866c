package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 7's engine-level team-state checks with real {@code capstan} processes: ten applies at
 * once against one remote state (pg, etcd), a SIGKILLed apply holding the lock (pg: the advisory
 * lock dies with the session; local: the OS lock dies with the process and the next apply takes it,
 * as terraform's does, although the killed one's lock info is still there), and
 * the real {@code terraform} sharing a pg state with Capstan.
 */
class TeamStateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern APPLIED = Pattern.compile("Apply complete! Resources: (\\d+) added, (\\d+) changed");
  private static final int PROCESSES = 10;
  private static final int OBJECTS = 10;

  /** Ten resources from a set variable plus one whose input names the process that applied last. */
  private static String config(String backend) {
    return "terraform {\n  backend \"" + backend + "\" {}\n}\n\n"
        + "variable \"names\" {\n  type = set(string)\n}\n\nvariable \"tag\" {\n  type = string\n}\n\n"
        + "resource \"terraform_data\" \"each\" {\n  for_each = var.names\n  input    = each.key\n}\n\n"
        + "resource \"terraform_data\" \"last\" {\n  input = var.tag\n}\n";
  }

  private static String namesVar() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < OBJECTS; i++) {
      names.add("\"o" + i + "\"");
    }
    return "names=[" + String.join(",", names) + "]";
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"pg", "etcd"})
  void tenConcurrentAppliesRecordEveryObjectOnce(String type, @TempDir Path dir) throws Exception {
    skipUnlessAvailable(type);
    Files.writeString(dir.resolve("main.tf"), config(type));
    try (RealServers.Server server = RealServers.start(type)) {
      init(dir, server);
      List<Process> procs = new ArrayList<>();
      for (int i = 0; i < PROCESSES; i++) {
        procs.add(capstan(dir, "out-" + i + ".log", "apply", "-auto-approve", "-lock-timeout=60s",
            "-var", namesVar(), "-var", "tag=p" + i));
      }
      int applied = 0;
      int added = 0;
      int changed = 0;
      for (int i = 0; i < PROCESSES; i++) {
        // generous: ten JVMs take turns on the lock, and CI shares 2 cores
        assertThat(procs.get(i).waitFor(600, TimeUnit.SECONDS)).as("process %d finished", i).isTrue();
        String out = Files.readString(dir.resolve("out-" + i + ".log"));
        Matcher m = APPLIED.matcher(out);
        if (procs.get(i).exitValue() == 0) {
          assertThat(m.find()).as(out).isTrue();
          applied++;
          added += Integer.parseInt(m.group(1));
          changed += Integer.parseInt(m.group(2));
        } else {
          assertThat(out).as("a failed apply must fail on the lock").contains("Error acquiring the state lock");
        }
      }
      // exactly one apply created the objects; every later one found them and changed only "last"
      assertThat(applied).as("at least one apply wins the lock").isPositive();
      assertThat(added).isEqualTo(OBJECTS + 1);
      assertThat(changed).isLessThanOrEqualTo(applied - 1);
      JsonNode state = pull(dir);
      List<String> addrs = addresses(state);
      assertThat(addrs).hasSize(OBJECTS + 1).doesNotHaveDuplicates();
      Set<String> ids = new HashSet<>();
      for (JsonNode r : state.path("resources")) {
        for (JsonNode inst : r.path("instances")) {
          ids.add(inst.path("attributes").path("id").asText());
        }
      }
      assertThat(ids).hasSize(OBJECTS + 1);
      System.out.println(type + ": " + PROCESSES + " concurrent applies, " + applied + " applied, "
          + (PROCESSES - applied) + " failed on the lock; state holds " + addrs.size() + " objects once each");
    }
  }

  @Test
  void killedApplyOnPgReleasesTheAdvisoryLock(@TempDir Path dir) throws Exception {
    skipUnlessAvailable("pg");
    Files.writeString(dir.resolve("main.tf"), config("pg").replace("resource \"terraform_data\" \"last\"",
        "resource \"terraform_data\" \"slow\" {\n  for_each = toset([for i in range(300) : tostring(i)])\n"
            + "  input = \"${var.tag}-${each.key}\"\n}\n\nresource \"terraform_data\" \"last\""));
    try (RealServers.Server server = RealServers.start("pg")) {
      init(dir, server);
      Process victim = capstan(dir, "victim.log", "apply", "-auto-approve", "-var", namesVar(), "-var", "tag=a");
      waitForOutput(victim, dir.resolve("victim.log"), ": Creating...");
      assertThat(victim.isAlive()).as("the apply must still hold the lock when killed").isTrue();
      victim.destroyForcibly(); // SIGKILL
      victim.waitFor();
      Process next = capstan(dir, "next.log", "apply", "-auto-approve", "-var", namesVar(), "-var", "tag=b");
      assertThat(next.waitFor(180, TimeUnit.SECONDS)).isTrue();
      String out = Files.readString(dir.resolve("next.log"));
      assertThat(next.exitValue()).as(out).isZero();
      assertThat(out).doesNotContain("Error acquiring the state lock").contains("Apply complete!");
      assertThat(addresses(pull(dir))).hasSize(OBJECTS + 300 + 1).doesNotHaveDuplicates();
    }
  }

  @Test
  void killedApplyOnLocalLeavesNoLockTheNextApplyWaitsFor(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("main.tf"), config("local").replace("terraform {\n  backend \"local\" {}\n}\n\n", "")
        .replace("resource \"terraform_data\" \"last\"",
            "resource \"terraform_data\" \"slow\" {\n  for_each = toset([for i in range(300) : tostring(i)])\n"
                + "  input = \"${var.tag}-${each.key}\"\n}\n\nresource \"terraform_data\" \"last\""));
    Process victim = capstan(dir, "victim.log", "apply", "-auto-approve", "-var", namesVar(), "-var", "tag=a");
    waitForOutput(victim, dir.resolve("victim.log"), ": Creating...");
    assertThat(victim.isAlive()).as("the apply must still hold the lock when killed").isTrue();
    victim.destroyForcibly();
    victim.waitFor();
    assertThat(dir.resolve(".terraform.tfstate.lock.info")).as("the killed apply's lock info").exists();
    Process next = capstan(dir, "next.log", "apply", "-auto-approve", "-var", namesVar(), "-var", "tag=b");
    assertThat(next.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(dir.resolve("next.log"));
    assertThat(next.exitValue()).as(out).isZero();
    assertThat(out).doesNotContain("Error acquiring the state lock").contains("Apply complete!");
    assertThat(dir.resolve(".terraform.tfstate.lock.info")).doesNotExist();
    assertThat(addresses(JSON.readTree(dir.resolve("terraform.tfstate").toFile())))
        .hasSize(OBJECTS + 300 + 1).doesNotHaveDuplicates();
  }

  @Test
  void terraformAndCapstanShareOnePgState(@TempDir Path dir) throws Exception {
    skipUnlessAvailable("pg");
    String tfBin = terraformOrSkip("terraform/pg compatibility");
    Files.writeString(dir.resolve("main.tf"), config("pg"));
    try (RealServers.Server server = RealServers.start("pg")) {
      String conn = "-backend-config=conn_str=" + server.arguments().get("conn_str");
      // one team member's checkout runs terraform, another's runs capstan, both on the same pg state
      Path tf = Files.createDirectories(dir.resolve("tf"));
      Files.writeString(tf.resolve("main.tf"), config("pg"));
      run(tf, "tf-init.log", 0, tfBin, "init", "-input=false", "-no-color", conn);
      run(tf, "tf-apply.log", 0, tfBin, "apply", "-auto-approve", "-input=false", "-no-color",
          "-var", namesVar(), "-var", "tag=tf");
      init(dir, server);
      Process plan = capstan(dir, "plan.log", "plan", "-detailed-exitcode", "-var", namesVar(), "-var", "tag=tf");
      assertThat(plan.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(plan.exitValue()).as("capstan plans no changes: " + Files.readString(dir.resolve("plan.log"))).isZero();
      Process apply = capstan(dir, "apply.log", "apply", "-auto-approve", "-var", namesVar(), "-var", "tag=capstan");
      assertThat(apply.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String applied = Files.readString(dir.resolve("apply.log"));
      assertThat(apply.exitValue()).as(applied).isZero();
      assertThat(applied).contains("Apply complete! Resources: 0 added, 1 changed, 0 destroyed.");
      run(tf, "tf-plan.log", 0, tfBin, "plan", "-detailed-exitcode", "-input=false",
          "-no-color", "-var", namesVar(), "-var", "tag=capstan");
    }
  }

  /**
   * Terraform's s3 backend and Capstan's on one bucket (s3proxy): both lay workspaces out under
   * {@code env:/NAME/KEY}, both lock with the {@code KEY.tflock} object Terraform 1.11 creates
   * with {@code use_lockfile} (the {@code dynamodb_table} lock is DynamoDbLockDifferentialTest's), and
   * each tool plans no changes after the other applied, in the default workspace and in "dev".
   */
  @Test
  void terraformAndCapstanShareOneS3StateWithWorkspacesAndTheLock(@TempDir Path dir) throws Exception {
    String tfBin = terraformOrSkip("terraform/s3 compatibility");
    try (RealServers.Server server = RealServers.start("s3")) {
      String main = config("s3").replace("  backend \"s3\" {}\n", s3Block(server.arguments()));
      Path tf = Files.createDirectories(dir.resolve("tf"));
      Path cs = Files.createDirectories(dir.resolve("capstan"));
      Files.writeString(tf.resolve("main.tf"), main);
      Files.writeString(cs.resolve("main.tf"), main);

      // terraform applies in the default workspace and in a new one, "dev"
      run(tf, "tf-init.log", 0, tfBin, "init", "-input=false", "-no-color");
      run(tf, "tf-apply.log", 0, tfBin, "apply", "-auto-approve", "-input=false", "-no-color", "-var", namesVar(),
          "-var", "tag=tf");
      run(tf, "tf-ws.log", 0, tfBin, "workspace", "new", "-no-color", "dev");
      run(tf, "tf-apply-dev.log", 0, tfBin, "apply", "-auto-approve", "-input=false", "-no-color", "-var",
          namesVar(), "-var", "tag=tf-dev");

      // capstan finds both workspaces where terraform put them and plans no changes in either
      ok(cs, "init.log", "init", "-input=false");
      assertThat(ok(cs, "ws-list.log", "workspace", "list")).contains("* default\n  dev\n"); // SLF4J may warn first
      ok(cs, "plan.log", "plan", "-detailed-exitcode", "-var", namesVar(), "-var", "tag=tf");
      ok(cs, "ws-select.log", "workspace", "select", "dev");

      // capstan applies a change in each workspace (in dev: only that change, so it sees terraform's objects) ...
      assertThat(ok(cs, "apply-dev.log", "apply", "-auto-approve", "-var", namesVar(), "-var", "tag=capstan-dev"))
          .contains("Apply complete! Resources: 0 added, 1 changed, 0 destroyed.");
      ok(cs, "ws-select2.log", "workspace", "select", "default");
      assertThat(ok(cs, "apply.log", "apply", "-auto-approve", "-var", namesVar(), "-var", "tag=capstan"))
          .contains("Apply complete! Resources: 0 added, 1 changed, 0 destroyed.");

      // ... and terraform plans no changes on top of them
      run(tf, "tf-plan-dev.log", 0, tfBin, "plan", "-detailed-exitcode", "-input=false", "-no-color", "-var",
          namesVar(), "-var", "tag=capstan-dev");
      run(tf, "tf-ws-select.log", 0, tfBin, "workspace", "select", "-no-color", "default");
      run(tf, "tf-plan.log", 0, tfBin, "plan", "-detailed-exitcode", "-input=false", "-no-color", "-var",
          namesVar(), "-var", "tag=capstan");

      // one lock for both: a capstan apply waiting for approval holds it against terraform ...
      Process held = capstan(cs, "held.log", "apply", "-var", namesVar(), "-var", "tag=held");
      try {
        waitForOutput(held, cs.resolve("held.log"), "Enter a value:");
        assertThat(held.isAlive()).as(Files.readString(cs.resolve("held.log"))).isTrue();
        run(tf, "tf-locked.log", 1, tfBin, "plan", "-lock-timeout=0s", "-input=false", "-no-color", "-var",
            namesVar(), "-var", "tag=capstan");
        assertThat(Files.readString(tf.resolve("tf-locked.log"))).contains("Error acquiring the state lock");
      } finally {
        answer(held, "no");
      }
      // ... and a terraform apply waiting for approval holds it against capstan
      ProcessBuilder pb = new ProcessBuilder(tfBin, "apply", "-no-color", "-var", namesVar(), "-var", "tag=held")
          .directory(tf.toFile()).redirectErrorStream(true).redirectOutput(tf.resolve("tf-held.log").toFile());
      pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
      Process tfHeld = pb.start();
      try {
        waitForOutput(tfHeld, tf.resolve("tf-held.log"), "Enter a value:");
        assertThat(tfHeld.isAlive()).as(Files.readString(tf.resolve("tf-held.log"))).isTrue();
        Process locked = capstan(cs, "locked.log", "plan", "-lock-timeout=0s", "-var", namesVar(), "-var", "tag=x");
        assertThat(locked.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(cs.resolve("locked.log"));
        assertThat(locked.exitValue()).as(out).isEqualTo(1);
        assertThat(out).contains("Error acquiring the state lock", "OperationTypeApply");
      } finally {
        answer(tfHeld, "no");
      }
    }
  }

  /** Terraform's s3 backend block for the test server, endpoints as Terraform 1.11 spells them. */
  private static String s3Block(java.util.Map<String, String> args) {
    StringBuilder b = new StringBuilder("  backend \"s3\" {\n");
    args.forEach((k, v) -> {
      if (k.equals("endpoints.s3")) {
        b.append("    endpoints = { s3 = \"").append(v).append("\" }\n");
      } else if (v.equals("true") || v.equals("false")) {
        b.append("    ").append(k).append(" = ").append(v).append('\n');
      } else {
        b.append("    ").append(k).append(" = \"").append(v).append("\"\n");
      }
    });
    return b.append("  }\n").toString();
  }

  /** Runs capstan to completion, expecting exit 0; returns what it printed. */
  static String ok(Path dir, String log, String... args) throws Exception {
    Process p = capstan(dir, log, args);
    // generous: a cold JVM per command, on CI's 2 shared cores
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("capstan %s finished", args[0]).isTrue();
    String out = Files.readString(dir.resolve(log));
    assertThat(p.exitValue()).as("capstan " + String.join(" ", args) + ": " + out).isZero();
    return out;
  }

  static void answer(Process p, String text) throws Exception {
    try {
      p.getOutputStream().write((text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      p.getOutputStream().close();
    } catch (IOException alreadyGone) {
      // the process ended on its own
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }

  // ---------------------------------------------------------------------------------------------

  static void skipUnlessAvailable(String type) {
    Optional<String> missing = RealServers.missing(type);
    if (missing.isPresent()) {
      System.out.println("SKIP: " + type + " team-state test: " + missing.get());
      Assumptions.abort(missing.get());
    }
  }

  static void init(Path dir, RealServers.Server server) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("init", "-input=false"));
    server.arguments().forEach((k, v) -> cmd.add("-backend-config=" + k + "=" + v));
    Process p = capstan(dir, "init.log", cmd.toArray(String[]::new));
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("init.log"))).isZero();
  }

  static JsonNode pull(Path dir) throws Exception {
    Process p = capstan(dir, "pull.json", "state", "pull");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("pull.json"))).isZero();
    return JSON.readTree(dir.resolve("pull.json").toFile());
  }

  static List<String> addresses(JsonNode state) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : state.path("resources")) {
      for (JsonNode i : r.path("instances")) {
        out.add(r.path("type").asText() + "." + r.path("name").asText() + i.path("index_key"));
      }
    }
    return out;
  }

  static void waitForOutput(Process p, Path log, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (p.isAlive() && System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(5);
    }
  }

  /** The terraform binary; without one, prints {@code SKIP: what: ...} and aborts the test. */
  static String terraformOrSkip(String what) {
    Optional<Path> t = terraform();
    if (t.isEmpty()) {
      System.out.println("SKIP: " + what + ": terraform is not on PATH");
      Assumptions.abort("terraform is not on PATH");
    }
    return t.get().toString();
  }

  static Optional<Path> terraform() {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path t = Path.of(d, "terraform");
      if (Files.isExecutable(t)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  static void run(Path dir, String log, int expected, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(log).toFile());
    pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
    Process p = pb.start();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + Files.readString(dir.resolve(log))).isEqualTo(expected);
  }

  static Process capstan(Path dir, String log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        "io.capstan.cli.Main"));
    cmd.addAll(List.of(args));
    if (List.of("apply", "plan", "init").contains(args[0])) {
      cmd.add("-no-color");
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(dir.resolve(log).toFile());
    if (log.endsWith(".json")) {
      pb.redirectError(dir.resolve(log + ".err").toFile()); // JSON on stdout alone
    } else {
      pb.redirectErrorStream(true);
    }
    pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
    return pb.start();
  }
}
