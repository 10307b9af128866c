package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.cli.backend.BackendSetup;
import io.capstan.cli.backend.CurrentBackend;
import io.capstan.cli.backend.LockOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The state commands on remote backends through {@link CurrentBackend}: a working directory whose
 * {@code backend} block names {@code pg} or {@code etcd} (arguments from {@code -backend-config}),
 * a terraform-written local state migrated into it by {@link BackendSetup}, then state, taint and
 * workspace commands against the real server. Skipped with a printed reason when the server's
 * binaries are missing.
 */
class RemoteBackendCommandsTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"pg", "etcd"})
  void stateAndWorkspaceCommandsWorkOnTheBackend(String type, @TempDir Path tmp) throws Exception {
    Optional<String> missing = RealServers.missing(type);
    if (missing.isPresent()) {
      System.out.println("SKIP: " + type + " backend commands: " + missing.get());
      Assumptions.abort(missing.get());
    }
    Path work = CliRun.copyOf(CliRun.resources().resolve("state-commands/basic"), tmp.resolve("w"));
    Files.writeString(work.resolve("main.tf"), "terraform {\n  backend \"" + type + "\" {}\n}\n");
    try (RealServers.Server server = RealServers.start(type)) {
      List<String> backendConfig = new ArrayList<>();
      server.arguments().forEach((k, v) -> backendConfig.add(k + "=" + v));
      BackendSetup.Outcome o = BackendSetup.run(new BackendSetup.Request(work, CurrentBackend.rootBackendBlock(work),
          backendConfig, BackendSetup.Mode.MIGRATE_STATE, false, LockOptions.of(true, Duration.ofSeconds(5))));
      assertThat(o.kind()).isEqualTo(BackendSetup.Kind.MIGRATED);
      Files.delete(work.resolve("terraform.tfstate")); // from now on only the remote state counts

      CliRun list = CliRun.in(work, "state", "list");
      assertThat(list.code()).as(list.err()).isZero();
      assertThat(list.out()).isEqualTo(Files.readString(
          StateReadCommandsTest.DIR.resolve("expected/list-all.out")));
      assertThat(CliRun.in(work, "output", "-raw", "greeting").out()).isEqualTo("hello");

      CliRun mv = CliRun.in(work, "state", "mv", "terraform_data.a", "terraform_data.z");
      assertThat(mv.out()).contains("Successfully moved 1 object(s).");
      assertThat(CliRun.in(work, "taint", "terraform_data.z").code()).isZero();
      assertThat(CliRun.in(work, "state", "show", "-no-color", "terraform_data.z").out())
          .startsWith("# terraform_data.z: (tainted)\n");
      assertThat(CliRun.in(work, "state", "history").out()).contains("(current)");

      assertThat(CliRun.in(work, "workspace", "new", "dev").code()).isZero();
      assertThat(CliRun.in(work, "workspace", "list").out()).isEqualTo("  default\n* dev\n\n");
      assertThat(CliRun.in(work, "state", "list").out()).isEmpty(); // the new workspace has no resources
      CliRun refused = CliRun.in(work, "workspace", "delete", "-no-color", "default");
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).contains("Workspace is not empty", "terraform_data.z");
      assertThat(CliRun.in(work, "workspace", "select", "default").out()).contains("Switched to workspace \"default\".");
      CliRun del = CliRun.in(work, "workspace", "delete", "dev");
      assertThat(del.code()).as(del.err()).isZero();
      assertThat(CliRun.in(work, "workspace", "list").out()).isEqualTo("* default\n\n");
    }
  }
}
