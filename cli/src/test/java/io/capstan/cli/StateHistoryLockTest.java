package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.cli.backend.CurrentBackend;
import io.capstan.state.LockInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Capstan's {@code state history} and {@code state rollback}, and what every state-changing
 * command does with the lock: Terraform's "Error acquiring the state lock" while someone holds
 * it, nothing written then, {@code -lock=false} to go ahead anyway, {@code force-unlock} to free it;
 * and the engine commands refusing to start on a held lock or a state they cannot read.
 */
class StateHistoryLockTest {
  @TempDir
  Path tmp;

  private Path basic() throws IOException {
    return CliRun.copyOf(CliRun.resources().resolve("state-commands/basic"), tmp.resolve("w"));
  }

  @Test
  void historyListsVersionsAndRollbackRestoresOne() throws IOException {
    Path work = basic();
    // history keeps the versions the backend wrote: serial 8 (taint) and 9 (rm)
    assertThat(CliRun.in(work, "taint", "terraform_data.b[0]").code()).isZero();
    assertThat(CliRun.in(work, "state", "rm", "terraform_data.a").code()).isZero();
    CliRun history = CliRun.in(work, "state", "history");
    assertThat(history.out().lines().toList()).hasSize(3);
    assertThat(history.out()).contains("SERIAL").containsPattern("(?m)^\\s*9 .*3\\s+\\(current\\)$")
        .containsPattern("(?m)^\\s*8 .*4$");

    CliRun declined = CliRun.withInput(work, "no\n", "state", "rollback", "8");
    assertThat(declined.code()).isEqualTo(1);
    assertThat(declined.out()).contains("+ terraform_data.a (comes back)");
    assertThat(CliRun.in(work, "state", "list").out()).doesNotContain("terraform_data.a\n");

    CliRun done = CliRun.in(work, "state", "rollback", "-auto-approve", "8");
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(done.out()).contains("now holds the content of serial 8 as serial 10");
    assertThat(CliRun.in(work, "state", "list").out()).startsWith("terraform_data.a\n");
    assertThat(Files.readString(work.resolve("terraform.tfstate"))).contains("\"serial\": 10")
        .contains("\"lineage\": \"2a85cb2a-dfec-d824-e139-e60cc1a949ea\"");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"taint terraform_data.a", "state rm terraform_data.a", "state mv terraform_data.a terraform_data.b2",
      "state replace-provider -auto-approve terraform.io/builtin/terraform example.com/x/y"})
  void aHeldLockStopsEveryStateChange(String command) throws IOException {
    Path work = basic();
    byte[] before = Files.readAllBytes(work.resolve("terraform.tfstate"));
    try (CurrentBackend.Opened o = CurrentBackend.open(work)) {
      String id = o.backend().lock("default", LockInfo.forThisProcess("OperationTypeApply", "1.11.4"), Duration.ZERO);
      String[] words = command.split(" ");
      CliRun refused = CliRun.in(work, words);
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).contains("Error acquiring the state lock", "Lock Info:", "ID:        " + id,
          "OperationTypeApply");
      assertThat(Files.readAllBytes(work.resolve("terraform.tfstate"))).isEqualTo(before);

      // the flag before the positional arguments: after them it is one more argument, as in terraform (Go's flags)
      java.util.List<String> unlockedWords = new java.util.ArrayList<>(java.util.List.of(words));
      unlockedWords.add(words[0].equals("state") ? 2 : 1, "-lock=false");
      String[] unlocked = unlockedWords.toArray(String[]::new);
      CliRun forced = CliRun.in(work, unlocked);
      assertThat(forced.code()).as(forced.err()).isZero();
      assertThat(Files.readAllBytes(work.resolve("terraform.tfstate"))).isNotEqualTo(before);
      o.backend().unlock("default", id);
    }
  }

  /** The engine commands lock, then read, the state before anything else: a held lock or an unreadable state stops them. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"plan", "apply -auto-approve", "refresh", "import terraform_data.z id-1"})
  void aHeldLockOrAnUnreadableStateStopsEveryEngineCommand(String command) throws IOException {
    Path work = basic();
    byte[] before = Files.readAllBytes(work.resolve("terraform.tfstate"));
    String[] words = command.split(" ");
    try (CurrentBackend.Opened o = CurrentBackend.open(work)) {
      String id = o.backend().lock("default", LockInfo.forThisProcess("OperationTypeApply", "1.11.4"), Duration.ZERO);
      Differential.Run refused = Differential.cap(work, words);
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.out()).contains("Error acquiring the state lock", "ID:        " + id, "OperationTypeApply");
      assertThat(Files.readAllBytes(work.resolve("terraform.tfstate"))).isEqualTo(before);
      o.backend().unlock("default", id);
    }
    Files.writeString(work.resolve("terraform.tfstate"), "{\"version\": 3}");
    // diagnostics are coloured unless -no-color, piped or not, as terraform's
    String[] plain = new String[words.length + 1];
    plain[0] = words[0];
    plain[1] = "-no-color";
    System.arraycopy(words, 1, plain, 2, words.length - 1);
    Differential.Run unreadable = Differential.cap(work, plain);
    assertThat(unreadable.exit()).isEqualTo(1);
    assertThat(unreadable.out()).contains("Error: Unsupported state file format");
    assertThat(Files.readString(work.resolve("terraform.tfstate"))).isEqualTo("{\"version\": 3}");
  }

  @Test
  void forceUnlockFreesALockAndSaysWhenThereIsNone() throws IOException {
    Path work = basic();
    try (CurrentBackend.Opened o = CurrentBackend.open(work)) {
      String id = o.backend().lock("default", LockInfo.forThisProcess("OperationTypeApply", "1.11.4"), Duration.ZERO);
      // as terraform's: a local lock is not released without -force, and nothing is asked
      CliRun declined = CliRun.withInput(work, "yes\n", "force-unlock", "-no-color", id);
      assertThat(declined.code()).isEqualTo(1);
      assertThat(declined.err()).isEqualTo("Local state cannot be unlocked by another process\n");
      assertThat(o.backend().lockHolder("default")).isPresent();
      CliRun done = CliRun.in(work, "force-unlock", "-force", "-no-color", id);
      assertThat(done.code()).as(done.err()).isZero();
      assertThat(done.out()).startsWith("Terraform state has been successfully unlocked!");
      assertThat(CliRun.in(work, "taint", "terraform_data.a").code()).isZero();
    }
    CliRun none = CliRun.in(work, "force-unlock", "-force", "-no-color", "abc");
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err()).isEqualTo("Failed to unlock state: LocalState not locked\n");
  }
}
