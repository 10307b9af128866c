package io.capstan.state.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.BackendContractTest;
import io.capstan.state.States;
import io.capstan.state.WriteCondition;
import io.capstan.state.servers.Tmp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalBackendTest extends BackendContractTest {
  private Path dir;

  @BeforeAll
  void createDir() throws Exception {
    dir = Files.createTempDirectory("capstan-local");
  }

  @AfterAll
  void deleteDir() {
    Tmp.delete(dir);
  }

  @Override
  protected Backend newClient(Map<String, String> extra) {
    Map<String, String> args = new HashMap<>(extra);
    args.put("capstan.working_dir", dir.toString());
    return new LocalBackend(new BackendConfig("local", args, Map.of()));
  }

  @Test
  void layoutIsTerraformsWithBackupAndNoTempFilesLeft() throws Exception {
    Backend b = client();
    b.write("default", States.state("lay", 1, "a"), WriteCondition.unconditional());
    b.write("default", States.state("lay", 2, "a", "b"), WriteCondition.unconditional());
    b.write("staging", States.state("lay2", 1), WriteCondition.unconditional());
    assertThat(dir.resolve("terraform.tfstate")).exists();
    assertThat(States.resourceNames(Files.readAllBytes(dir.resolve("terraform.tfstate.backup")))).containsExactly("a");
    assertThat(dir.resolve("terraform.tfstate.d/staging/terraform.tfstate")).exists();
    try (var s = Files.walk(dir)) {
      assertThat(s.map(Path::toString).filter(p -> p.endsWith(".tmp"))).isEmpty();
    }
  }
}
