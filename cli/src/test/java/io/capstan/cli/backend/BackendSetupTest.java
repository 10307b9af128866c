package io.capstan.cli.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.engine.state.StateCodec;
import io.capstan.engine.state.StateFile;
import io.capstan.state.Backend;
import io.capstan.state.LockInfo;
import io.capstan.state.LockMessages;
import io.capstan.state.WriteCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code init} gets from {@link BackendSetup} and what every later command gets from
 * {@link CurrentBackend}, on the local backend: first setup with {@code -backend-config} merged
 * and cached, Terraform's errors when the block changes, {@code -migrate-state} copying every
 * workspace under the locks, {@code -reconfigure} leaving state behind.
 */
class BackendSetupTest {
  @TempDir
  Path dir;

  private void config(String backendBody) throws IOException {
    Files.writeString(dir.resolve("main.tf"), "terraform {\n  backend \"local\" {\n" + backendBody + "\n  }\n}\n");
  }

  private BackendSetup.Outcome init(BackendSetup.Mode mode, String... backendConfig) {
    return BackendSetup.run(new BackendSetup.Request(dir, CurrentBackend.rootBackendBlock(dir),
        List.of(backendConfig), mode, false, LockOptions.of(true, Duration.ZERO)));
  }

  private static byte[] state(String lineage, long serial) {
    StateFile s = new StateFile(StateFile.TERRAFORM_VERSION, serial, lineage, java.util.Map.of(), List.of(), null);
    return StateCodec.write(s);
  }

  @Test
  void firstSetupMergesBackendConfigAndCachesIt() throws IOException {
    config("    path = \"a.tfstate\"");
    Files.writeString(dir.resolve("extra.hcl"), "workspace_dir = \"wsd\"\n");
    BackendSetup.Outcome o = init(BackendSetup.Mode.DEFAULT, "extra.hcl", "path=override.tfstate");
    assertThat(o.kind()).isEqualTo(BackendSetup.Kind.INITIALIZED);
    assertThat(o.settings().arguments()).containsEntry("path", "override.tfstate").containsEntry("workspace_dir", "wsd");
    String cache = Files.readString(dir.resolve(".terraform/terraform.tfstate"));
    assertThat(cache).contains("\"type\": \"local\"").contains("override.tfstate").contains("\"version\": 3");
    // a later command needs no -backend-config: it uses the cached settings
    try (CurrentBackend.Opened opened = CurrentBackend.open(dir)) {
      opened.backend().write("default", state("l1", 1), WriteCondition.unconditional());
      opened.backend().write("dev", state("l2", 1), WriteCondition.unconditional());
    }
    assertThat(dir.resolve("override.tfstate")).exists();
    assertThat(dir.resolve("wsd/dev/terraform.tfstate")).exists();
    assertThat(init(BackendSetup.Mode.DEFAULT).kind()).isEqualTo(BackendSetup.Kind.UNCHANGED);
  }

  @Test
  void aDirectoryTerraformInitialisedWithTheSameSettingsIsTakenOver() throws IOException {
    config("    path = \"a.tfstate\"");
    // What `terraform init` leaves: its own hash of the block, nulls for unset arguments.
    Files.createDirectories(dir.resolve(".terraform"));
    Files.writeString(dir.resolve(".terraform/terraform.tfstate"), """
        {
          "version": 3,
          "terraform_version": "1.11.4",
          "backend": {
            "type": "local",
            "config": {
              "path": "a.tfstate",
              "workspace_dir": null
            },
            "hash": 1234567890
          }
        }
        """);
    assertThat(init(BackendSetup.Mode.DEFAULT).kind()).isEqualTo(BackendSetup.Kind.UNCHANGED);
    try (CurrentBackend.Opened opened = CurrentBackend.open(dir)) {
      assertThat(opened.backend().type()).isEqualTo("local");
    }
    // a different path is still a changed backend
    config("    path = \"b.tfstate\"");
    Files.writeString(dir.resolve("a.tfstate"), new String(state("l1", 1), java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> init(BackendSetup.Mode.DEFAULT)).isInstanceOf(BackendException.class)
        .hasMessageContaining("changed");
  }

  @Test
  void changedBlockIsRefusedUntilMigratedAndMigrationCopiesEveryWorkspace() throws IOException {
    config("    path = \"a.tfstate\"\n    workspace_dir = \"wsa\"");
    init(BackendSetup.Mode.DEFAULT);
    try (CurrentBackend.Opened opened = CurrentBackend.open(dir)) {
      opened.backend().write("default", state("l1", 3), WriteCondition.unconditional());
      opened.backend().write("dev", state("l2", 5), WriteCondition.unconditional());
    }
    config("    path = \"b.tfstate\"\n    workspace_dir = \"wsb\"");
    assertThatThrownBy(() -> CurrentBackend.open(dir)).isInstanceOf(BackendException.class)
        .hasMessageContaining("Backend initialization required")
        .hasMessageContaining("Reason: Backend configuration block has changed");
    assertThatThrownBy(() -> init(BackendSetup.Mode.DEFAULT)).isInstanceOf(BackendException.class)
        .hasMessageContaining("Backend configuration changed").hasMessageContaining("-migrate-state");

    BackendSetup.Outcome o = init(BackendSetup.Mode.MIGRATE_STATE);
    assertThat(o.kind()).isEqualTo(BackendSetup.Kind.MIGRATED);
    assertThat(o.migratedWorkspaces()).containsExactly("default", "dev");
    try (CurrentBackend.Opened opened = CurrentBackend.open(dir)) {
      assertThat(new String(opened.backend().read("default").orElseThrow())).contains("\"serial\": 3");
      assertThat(new String(opened.backend().read("dev").orElseThrow())).contains("\"lineage\": \"l2\"");
    }
    assertThat(dir.resolve("b.tfstate")).exists();
    assertThat(dir.resolve("wsb/dev/terraform.tfstate")).exists();
  }

  @Test
  void onlyThePathChangedSoOtherWorkspacesStayPut() throws IOException {
    config("    path = \"a.tfstate\"");
    init(BackendSetup.Mode.DEFAULT);
    try (CurrentBackend.Opened opened = CurrentBackend.open(dir)) {
      opened.backend().write("default", state("l1", 3), WriteCondition.unconditional());
      opened.backend().write("dev", state("l2", 5), WriteCondition.unconditional());
    }
    config("    path = \"b.tfstate\"");
    assertThat(init(BackendSetup.Mode.MIGRATE_STATE).migratedWorkspaces()).containsExactly("default");
    try (CurrentBackend.Opened opened = CurrentBackend.open(dir)) {
      assertThat(opened.backend().read("dev")).isPresent();
    }
  }

  @Test
  void reconfigureLeavesTheOldStateBehind() throws IOException {
    config("    path = \"a.tfstate\"");
    init(BackendSetup.Mode.DEFAULT);
    try (CurrentBackend.Opened opened = CurrentBackend.open(dir)) {
      opened.backend().write("default", state("l1", 3), WriteCondition.unconditional());
    }
    config("    path = \"c.tfstate\"");
    assertThat(init(BackendSetup.Mode.RECONFIGURE).kind()).isEqualTo(BackendSetup.Kind.RECONFIGURED);
    try (CurrentBackend.Opened opened = CurrentBackend.open(dir)) {
      assertThat(opened.backend().read("default")).isEmpty();
    }
    assertThat(dir.resolve("a.tfstate")).exists();
  }

  @Test
  void firstSetupOverExistingLocalStateNeedsMigrateState() throws IOException {
    StateFile withResource = StateCodec.read(Files.readAllBytes(Path.of(System.getProperty("capstan.root", ".."))
        .resolve("cli/src/test/resources/state-commands/basic/terraform.tfstate"))).value();
    Files.write(dir.resolve("terraform.tfstate"), StateCodec.write(withResource));
    config("    path = \"remote.tfstate\"");
    assertThatThrownBy(() -> init(BackendSetup.Mode.DEFAULT)).hasMessageContaining("Backend configuration changed");
    assertThat(init(BackendSetup.Mode.MIGRATE_STATE).migratedWorkspaces()).containsExactly("default");
    assertThat(dir.resolve("remote.tfstate")).exists();
  }

  @Test
  void migrationWaitsForNoOneAndReportsAHeldLock() throws IOException {
    config("    path = \"a.tfstate\"");
    init(BackendSetup.Mode.DEFAULT);
    try (CurrentBackend.Opened opened = CurrentBackend.open(dir)) {
      Backend b = opened.backend();
      b.write("default", state("l1", 1), WriteCondition.unconditional());
      String id = b.lock("default", LockInfo.forThisProcess("OperationTypeApply", "1.11.4"), Duration.ZERO);
      try {
        config("    path = \"b.tfstate\"");
        assertThatThrownBy(() -> init(BackendSetup.Mode.MIGRATE_STATE)).isInstanceOf(BackendException.class)
            .hasMessageContaining(LockMessages.SUMMARY);
      } finally {
        b.unlock("default", id);
      }
    }
  }

  @Test
  void commandsRefuseABackendBlockThatWasNeverInitialised() throws IOException {
    config("    path = \"a.tfstate\"");
    assertThatThrownBy(() -> CurrentBackend.resolve(dir, CurrentBackend.rootBackendBlock(dir)))
        .hasMessageContaining("Initial configuration of the requested backend \"local\"");
    assertThat(CurrentBackend.resolve(dir, Optional.empty())).isEqualTo(BackendSettings.DEFAULT_LOCAL);
  }

  @ParameterizedTest(name = "-lock-timeout={0}")
  @CsvSource({"0s,0", "500ms,500", "5s,5000", "1m30s,90000", "2h,7200000"})
  void lockTimeoutParsesGoDurations(String text, long millis) {
    assertThat(LockOptions.parseTimeout(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void badLockTimeoutIsAUsersError() {
    assertThatThrownBy(() -> LockOptions.parseTimeout("soon")).isInstanceOf(BackendException.class)
        .hasMessageContaining("-lock-timeout");
  }
}
