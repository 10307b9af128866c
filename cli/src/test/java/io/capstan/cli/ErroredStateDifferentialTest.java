package io.capstan.cli;

import static io.capstan.cli.TeamStateTest.capstan;
import static io.capstan.cli.TeamStateTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An apply whose final state save fails (an http backend that refuses every write, from the
 * start: no timing involved): terraform 1.11.4 and Capstan both write {@code errored.tfstate} in
 * the working directory with the applied objects and print terraform's instructions; once the
 * backend accepts writes again, {@code state push errored.tfstate} by either tool stores it and
 * the other tool plans no changes on top of it. Capstan's journal of the failed run is then set
 * aside (the state was written after that run began), not replayed over the pushed state.
 */
class ErroredStateDifferentialTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String main(String address) {
    return "terraform {\n  backend \"http\" {\n    address        = \"" + address + "\"\n"
        + "    retry_max      = 0\n    retry_wait_min = 0\n  }\n}\n\n"
        + "resource \"terraform_data\" \"a\" {\n  input = \"one\"\n}\n\n"
        + "resource \"terraform_data\" \"b\" {\n  input = terraform_data.a.output\n}\n";
  }

  /** The text of the diagnostic titled {@code summary}, up to the next one or the end. */
  private static String diagnostic(String out, String summary) {
    int at = out.indexOf("Error: " + summary);
    assertThat(at).as("\"%s\" in:\n%s", summary, out).isNotNegative();
    int next = out.indexOf("\n│ Error: ", at + 1);
    int nextPlain = out.indexOf("\nError: ", at + 1);
    int nextWarn = out.indexOf("Warning: ", at + 1);
    int end = out.length();
    for (int n : List.of(next, nextPlain, nextWarn)) {
      if (n > 0 && n < end) {
        end = n;
      }
    }
    return out.substring(at, end).strip();
  }

  private static List<String> addresses(JsonNode state) {
    List<String> out = new ArrayList<>();
    state.path("resources").forEach(r -> out.add(r.path("type").asText() + "." + r.path("name").asText()));
    return out;
  }

  /**
   * terraform's whole output when the save fails after an apply that also warns (a quoted reference, a
   * failed check assertion): the progress lines, the warnings, then its two errors, as its view sorts
   * them. Capstan prints the same, then its own note about the journal, which terraform has no
   * counterpart of. Both tools write to the same refusing address (nothing is ever stored there).
   */
  @Test
  void theOutputOfAFailedSaveIsTerraformsThenTheJournalNote(@TempDir Path dir) throws Exception {
    String tf = TeamStateTest.terraformOrSkip("errored.tfstate output");
    try (HttpStateServer server = new HttpStateServer()) {
      server.failWrites.set(true);
      String config = main(server.address("both")).replace("  input = terraform_data.a.output\n",
          "  input      = terraform_data.a.output\n  depends_on = [\"terraform_data.a\"]\n")
          + "\ncheck \"c\" {\n  assert {\n    condition     = terraform_data.a.output == \"two\"\n"
          + "    error_message = \"a is not two\"\n  }\n}\n";
      Path tfDir = Files.createDirectories(dir.resolve("tf"));
      Path csDir = Files.createDirectories(dir.resolve("cs"));
      Files.writeString(tfDir.resolve("main.tf"), config);
      Files.writeString(csDir.resolve("main.tf"), config);
      run(tfDir, "tf-init.log", 0, tf, "init", "-input=false", "-no-color");
      Process init = capstan(csDir, "init.log", "init", "-input=false");
      assertThat(init.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(init.exitValue()).as(Files.readString(csDir.resolve("init.log"))).isZero();
      run(tfDir, "tf-apply.log", 1, tf, "apply", "-auto-approve", "-input=false", "-no-color");
      Process apply = capstan(csDir, "apply.log", "apply", "-auto-approve");
      assertThat(apply.waitFor(300, TimeUnit.SECONDS)).isTrue();
      String csOut = masked(Files.readString(csDir.resolve("apply.log")));
      assertThat(apply.exitValue()).as(csOut).isEqualTo(1);
      String tfOut = masked(Files.readString(tfDir.resolve("tf-apply.log")));
      assertThat(tfOut).contains("Warning: Quoted references are deprecated", "Warning: Check block assertion failed",
          "Error: Failed to save state", "giving up after 1 attempt(s)");
      assertThat(tfOut.indexOf("Warning: Check block")).isLessThan(tfOut.indexOf("Error: Failed to save state"));
      assertThat(csOut).startsWith(tfOut);
      assertThat(csOut.substring(tfOut.length())).startsWith("\nWarning: Changes kept in the journal\n")
          .doesNotContain("Error:");
    }
  }

  /** Output without what differs between runs: object ids and durations. */
  private static String masked(String out) {
    return out.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID")
        .replaceAll("after \\d+s", "after Ns");
  }

  @Test
  void failedSaveWritesErroredStateAndEitherToolPushesIt(@TempDir Path dir) throws Exception {
    String tf = TeamStateTest.terraformOrSkip("errored.tfstate");
    try (HttpStateServer server = new HttpStateServer()) {
      server.failWrites.set(true);
      Path tfDir = Files.createDirectories(dir.resolve("tf"));
      Path csDir = Files.createDirectories(dir.resolve("cs"));
      Files.writeString(tfDir.resolve("main.tf"), main(server.address("tf")));
      Files.writeString(csDir.resolve("main.tf"), main(server.address("cs")));
      run(tfDir, "tf-init.log", 0, tf, "init", "-input=false", "-no-color");
      Process init = capstan(csDir, "init.log", "init", "-input=false");
      assertThat(init.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(init.exitValue()).as(Files.readString(csDir.resolve("init.log"))).isZero();

      run(tfDir, "tf-apply.log", 1, tf, "apply", "-auto-approve", "-input=false", "-no-color");
      Process apply = capstan(csDir, "apply.log", "apply", "-auto-approve");
      assertThat(apply.waitFor(300, TimeUnit.SECONDS)).isTrue();
      String csOut = Files.readString(csDir.resolve("apply.log"));
      assertThat(apply.exitValue()).as(csOut).isEqualTo(1);
      String tfOut = Files.readString(tfDir.resolve("tf-apply.log"));

      // terraform's instructions, word for word
      assertThat(diagnostic(csOut, "Failed to persist state to backend"))
          .isEqualTo(diagnostic(tfOut, "Failed to persist state to backend"));
      assertThat(csOut).contains("Error: Failed to save state", "Error saving state: ", "errored.tfstate");

      // the same applied objects, on the serial and lineage the backend held
      JsonNode tfErrored = JSON.readTree(tfDir.resolve("errored.tfstate").toFile());
      JsonNode csErrored = JSON.readTree(csDir.resolve("errored.tfstate").toFile());
      assertThat(addresses(csErrored)).isEqualTo(addresses(tfErrored))
          .containsExactly("terraform_data.a", "terraform_data.b");
      assertThat(csErrored.path("serial").asLong()).isEqualTo(tfErrored.path("serial").asLong());
      assertThat(csErrored.path("version").asInt()).isEqualTo(4);
      assertThat(server.states).isEmpty();

      // the backend is back: each tool pushes its errored.tfstate, the other plans no changes on it
      server.failWrites.set(false);
      run(tfDir, "tf-push.log", 0, tf, "state", "push", "-no-color", "errored.tfstate");
      Process push = capstan(csDir, "push.log", "state", "push", "errored.tfstate");
      assertThat(push.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(push.exitValue()).as(Files.readString(csDir.resolve("push.log"))).isZero();
      assertThat(JSON.readTree(server.states.get("/cs")).path("serial").asLong())
          .isEqualTo(JSON.readTree(server.states.get("/tf")).path("serial").asLong());

      run(csDir, "tf-plan.log", 0, tf, "plan", "-detailed-exitcode", "-input=false", "-no-color");
      Process plan = capstan(tfDir, "plan.log", "plan", "-detailed-exitcode");
      assertThat(plan.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(plan.exitValue()).as(Files.readString(tfDir.resolve("plan.log"))).isZero();

      // Capstan's journal of the failed run began before the pushed state was written: it is set
      // aside with a warning, never replayed over the pushed state
      Path journal = csDir.resolve(".terraform/capstan/journal-default.jsonl");
      assertThat(journal).exists();
      Process replan = capstan(csDir, "replan.log", "plan", "-detailed-exitcode");
      assertThat(replan.waitFor(300, TimeUnit.SECONDS)).isTrue();
      String replanOut = Files.readString(csDir.resolve("replan.log"));
      assertThat(replan.exitValue()).as(replanOut).isZero();
      assertThat(replanOut).contains("Warning: Journal of an earlier run not replayed", "No changes.");
      assertThat(journal).doesNotExist();
      assertThat(csDir.resolve(".terraform/capstan/journal-default.jsonl.stale")).exists();
      assertThat(JSON.readTree(server.states.get("/cs")).path("serial").asLong())
          .isEqualTo(JSON.readTree(server.states.get("/tf")).path("serial").asLong());
    }
  }

  /**
   * The state is stored but Capstan's copy of it in the backend's history (a POST to {@code ADDRESS/history/N},
   * which terraform does not make) is refused: the apply succeeds with a warning saying so, writes no
   * {@code errored.tfstate}, and finishes its journal; the stored state holds the applied objects.
   */
  @Test
  void aRefusedHistoryPostAfterTheStateWasStoredIsAWarning(@TempDir Path dir) throws Exception {
    try (HttpStateServer server = new HttpStateServer()) {
      Path csDir = Files.createDirectories(dir.resolve("cs"));
      Files.writeString(csDir.resolve("main.tf"), main(server.address("cs")));
      Process init = capstan(csDir, "init.log", "init", "-input=false");
      assertThat(init.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(init.exitValue()).as(Files.readString(csDir.resolve("init.log"))).isZero();

      server.refuse("/cs/history/1", 1);
      Process apply = capstan(csDir, "apply.log", "apply", "-auto-approve", "-no-color");
      assertThat(apply.waitFor(300, TimeUnit.SECONDS)).isTrue();
      String out = Files.readString(csDir.resolve("apply.log"));
      assertThat(apply.exitValue()).as(out).isZero();
      assertThat(out.replaceAll("\\s+", " ")).contains("Warning: State history not kept",
              "The state (serial 1) was stored at " + server.address("cs") + ", but",
              "/cs/history/1 failed after 1 attempt: HTTP 500. The state itself is safe",
              "Apply complete! Resources: 2 added, 0 changed, 0 destroyed.")
          .doesNotContain("Error", "errored.tfstate");
      assertThat(out.indexOf("Warning: State history not kept")).isLessThan(out.indexOf("Apply complete!"));
      assertThat(csDir.resolve("errored.tfstate")).doesNotExist();
      assertThat(csDir.resolve(".terraform/capstan/journal-default.jsonl")).doesNotExist();
      JsonNode stored = JSON.readTree(server.states.get("/cs"));
      assertThat(stored.path("serial").asLong()).isEqualTo(1);
      assertThat(addresses(stored)).containsExactly("terraform_data.a", "terraform_data.b");
      assertThat(server.states).doesNotContainKey("/cs/history/1");

      // the next write keeps its history again
      Files.writeString(csDir.resolve("main.tf"), main(server.address("cs")).replace("\"one\"", "\"two\""));
      Process again = capstan(csDir, "again.log", "apply", "-auto-approve", "-no-color");
      assertThat(again.waitFor(300, TimeUnit.SECONDS)).isTrue();
      String out2 = Files.readString(csDir.resolve("again.log"));
      assertThat(again.exitValue()).as(out2).isZero();
      assertThat(out2).doesNotContain("Warning: State history not kept");
      assertThat(server.states).containsKey("/cs/history/2");
    }
  }
}
