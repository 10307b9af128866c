package io.capstan.cli;

import static io.capstan.cli.TeamStateTest.capstan;
import static io.capstan.cli.TeamStateTest.init;
import static io.capstan.cli.TeamStateTest.pull;
import static io.capstan.cli.TeamStateTest.skipUnlessAvailable;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's server faults in the middle of a real {@code capstan apply}: the apply stops at a
 * gate (a {@code local-exec} provisioner that waits for a file the test creates), the test
 * injects the fault, then opens the gate, so the fault always lands mid-apply without relying
 * on timing. A three-member etcd losing its leader to {@code kill -9} must not fail the apply;
 * a PostgreSQL restart (which ends the session holding the advisory lock) must fail it with an
 * error that names the backend, where the completed changes are kept and what to run, and a
 * rerun must converge with every object recorded once.
 */
class TeamStateFaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Everything the configuration creates: five before the gate, the gate, two after it. */
  private static final Set<String> ALL = Set.of("terraform_data.before[\"a\"]", "terraform_data.before[\"b\"]",
      "terraform_data.before[\"c\"]", "terraform_data.before[\"d\"]", "terraform_data.before[\"e\"]",
      "terraform_data.gate", "terraform_data.after[\"x\"]", "terraform_data.after[\"y\"]");

  private static String config(String backend, Path dir) {
    String reached = dir.resolve("reached").toString();
    String release = dir.resolve("release").toString();
    return "terraform {\n  backend \"" + backend + "\" {}\n}\n\n"
        + "resource \"terraform_data\" \"before\" {\n  for_each = toset([\"a\", \"b\", \"c\", \"d\", \"e\"])\n"
        + "  input    = each.key\n}\n\n"
        + "resource \"terraform_data\" \"gate\" {\n  depends_on = [terraform_data.before]\n  input      = \"gate\"\n\n"
        + "  provisioner \"local-exec\" {\n"
        + "    command = \"touch " + reached + "; while [ ! -f " + release + " ]; do sleep 0.1; done\"\n  }\n}\n\n"
        + "resource \"terraform_data\" \"after\" {\n  for_each = toset([\"x\", \"y\"])\n"
        + "  input    = \"${terraform_data.gate.id}-${each.key}\"\n}\n";
  }

  /** Returns once the apply waits at the gate, with every "before" object created. */
  private static void awaitGate(Process apply, Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (!Files.exists(dir.resolve("reached"))) {
      assertThat(apply.isAlive()).as("apply ended before the gate: %s", Files.readString(dir.resolve("apply.log")))
          .isTrue();
      assertThat(System.nanoTime()).as("apply reached the gate").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /** Whatever happened, the gate opens and the apply ends, so no capstan process outlives the test. */
  private static void release(Process apply, Path dir) throws Exception {
    Files.writeString(dir.resolve("release"), "");
    if (!apply.waitFor(60, TimeUnit.SECONDS)) {
      apply.destroyForcibly().waitFor();
    }
  }

  private static String finish(Process apply, Path dir) throws Exception {
    Files.writeString(dir.resolve("release"), "");
    assertThat(apply.waitFor(180, TimeUnit.SECONDS)).as("apply finished").isTrue();
    return Files.readString(dir.resolve("apply.log"));
  }

  @Test
  void applySurvivesTheEtcdLeaderKilledMidApply(@TempDir Path dir) throws Exception {
    skipUnlessAvailable("etcd3");
    Files.writeString(dir.resolve("main.tf"), config("etcd", dir));
    try (RealServers.Server cluster = RealServers.start("etcd3")) {
      init(dir, cluster);
      Process apply = capstan(dir, "apply.log", "apply", "-auto-approve");
      String out;
      try {
        awaitGate(apply, dir);
        cluster.fault().run(); // kill -9 of the leader while the apply holds the lock
        out = finish(apply, dir);
      } finally {
        release(apply, dir);
      }
      assertThat(apply.exitValue()).as(out).isZero();
      assertThat(out).contains("Apply complete! Resources: 8 added, 0 changed, 0 destroyed.");

      assertThat(stateAddresses(pull(dir))).containsExactlyInAnyOrderElementsOf(ALL);
      assertPlansNoChanges(dir);
      System.out.println("etcd: leader killed mid-apply; apply completed with 8 objects, next plan clean");
    }
  }

  @Test
  void postgresRestartMidApplyFailsClearlyLosesNothingAndARerunConverges(@TempDir Path dir) throws Exception {
    skipUnlessAvailable("pg");
    Files.writeString(dir.resolve("main.tf"), config("pg", dir));
    try (RealServers.Server pg = RealServers.start("pg")) {
      init(dir, pg);
      Process apply = capstan(dir, "apply.log", "apply", "-auto-approve");
      String out;
      try {
        awaitGate(apply, dir);
        pg.fault().run(); // every session ends, the one holding the advisory lock too
        out = finish(apply, dir);
      } finally {
        release(apply, dir);
      }
      assertThat(apply.exitValue()).as(out).isEqualTo(1);
      String journal = ".terraform/capstan/journal-default.jsonl";
      assertThat(out).contains("Error: Failed to save state", "\"pg\" backend", journal, "capstan apply")
          .doesNotContain("Exception", "\tat ");
      System.out.println("pg restarted mid-apply, the apply ends with:\n" + out.substring(out.indexOf("Error:")));

      // nothing the provider created is lost: each object is in the stored state or in the journal
      Set<String> kept = new TreeSet<>(storedAddresses(dir));
      kept.addAll(journaled(dir.resolve(journal)));
      assertThat(kept).containsExactlyInAnyOrderElementsOf(ALL);

      Process rerun = capstan(dir, "rerun.log", "apply", "-auto-approve");
      assertThat(rerun.waitFor(180, TimeUnit.SECONDS)).isTrue();
      String again = Files.readString(dir.resolve("rerun.log"));
      assertThat(rerun.exitValue()).as(again).isZero();
      assertThat(again).as("the rerun recovers the journal instead of creating objects twice")
          .contains("Apply complete! Resources: 0 added, 0 changed, 0 destroyed.").doesNotContain("Creating...");
      assertThat(dir.resolve(journal)).doesNotExist();

      JsonNode state = pull(dir);
      List<String> addrs = stateAddresses(state);
      assertThat(addrs).containsExactlyInAnyOrderElementsOf(ALL).doesNotHaveDuplicates();
      Set<String> ids = new HashSet<>();
      state.path("resources").forEach(r -> r.path("instances").forEach(i -> ids.add(i.path("attributes").path("id")
          .asText())));
      assertThat(ids).hasSize(ALL.size());
      assertPlansNoChanges(dir);
      System.out.println("pg: restarted mid-apply; apply failed naming the backend and the journal, "
          + "rerun recovered " + ALL.size() + " objects, next plan clean");
    }
  }

  private static void assertPlansNoChanges(Path dir) throws Exception {
    Process plan = capstan(dir, "plan.log", "plan", "-detailed-exitcode");
    assertThat(plan.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(plan.exitValue()).as("second plan is clean: %s", Files.readString(dir.resolve("plan.log"))).isZero();
  }

  /** The objects the backend holds now (none when the state was never written). */
  private static List<String> storedAddresses(Path dir) throws Exception {
    Process p = capstan(dir, "stored.json", "state", "pull");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("stored.json.err"))).isZero();
    String text = Files.readString(dir.resolve("stored.json")).trim();
    return text.isEmpty() ? List.of() : stateAddresses(JSON.readTree(text));
  }

  /** Addresses of the objects a journal records as written (minus those it records as removed). */
  private static Set<String> journaled(Path journal) throws Exception {
    assertThat(journal).as("the journal the error names").exists();
    Set<String> out = new TreeSet<>();
    List<String> lines = new ArrayList<>(Files.readAllLines(journal));
    for (String line : lines.subList(1, lines.size())) {
      JsonNode n = JSON.readTree(line);
      if (n.path("op").asText().equals("put")) {
        out.add(address(n.path("type").asText(), n.path("name").asText(), n.path("index_key")));
      } else {
        out.remove(n.path("address").asText());
      }
    }
    return out;
  }

  /** Every instance address in a state document, in Terraform's syntax. */
  private static List<String> stateAddresses(JsonNode state) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : state.path("resources")) {
      for (JsonNode i : r.path("instances")) {
        out.add(address(r.path("type").asText(), r.path("name").asText(), i.path("index_key")));
      }
    }
    return out;
  }

  private static String address(String type, String name, JsonNode key) {
    return type + "." + name + (key.isNull() || key.isMissingNode() ? "" : "[" + key + "]");
  }
}
