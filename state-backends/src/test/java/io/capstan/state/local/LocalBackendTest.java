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

  /**
   * A conditional write over a stored state (the write's check reads only the stored snapshot's
   * lineage and serial): the file holds exactly the bytes written, the backup exactly the bytes it
   * replaced, the history the new version with its resource count; a stale or unrelated
   * condition is still refused and leaves all three as they were.
   */
  @Test
  void conditionalWriteKeepsExactBytesBackupAndHistory() throws Exception {
    Backend b = client();
    String ws = "cond";
    Path file = dir.resolve("terraform.tfstate.d/cond/terraform.tfstate");
    byte[] first = States.padded("cw", 1, 200_000);
    b.write(ws, first, WriteCondition.basedOn(io.capstan.state.StateMeta.NONE));
    byte[] second = States.withResource(first, "more");
    b.write(ws, second, new WriteCondition.Expect("cw", 1));
    assertThat(Files.readAllBytes(file)).isEqualTo(second);
    assertThat(Files.readAllBytes(file.resolveSibling("terraform.tfstate.backup"))).isEqualTo(first);
    assertThat(b.historyVersion(ws, 2)).hasValueSatisfying(v -> assertThat(v).isEqualTo(second));
    assertThat(b.history(ws).get(0).serial()).isEqualTo(2);
    assertThat(b.history(ws).get(0).resources()).isEqualTo(2);

    byte[] third = States.withResource(second, "again");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.write(ws, third, new WriteCondition.Expect("cw", 1)))
        .isInstanceOf(io.capstan.state.StateConflictException.class).hasMessageContaining("serial 2 is stored now");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.write(ws, third, new WriteCondition.Expect("other", 2)))
        .isInstanceOf(io.capstan.state.StateConflictException.class).hasMessageContaining("unrelated lineage");
    assertThat(Files.readAllBytes(file)).isEqualTo(second);
    assertThat(Files.readAllBytes(file.resolveSibling("terraform.tfstate.backup"))).isEqualTo(first);
    assertThat(b.historyVersion(ws, 3)).isEmpty();
  }

  @Test
  void inPlaceWritesKeepTheFileAndLeaveExactlyTheNewBytes() throws Exception {
    // the locked state file is rewritten in place (terraform's lock stays on it): longer, shorter, equal
    Path f = Files.createTempFile(dir, "inplace", ".tfstate");
    Object inode = Files.getAttribute(f, "unix:ino");
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f,
        java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
      for (String content : new String[] {"{\"serial\": 1, \"resources\": [1, 2, 3]}\n", "{\"serial\": 2}\n",
          "{\"serial\": 3, \"resources\": [1, 2, 3, 4, 5, 6]}\n", "{\"serial\": 4, \"resources\": [1, 2, 3, 4, 5, 7]}\n"}) {
        byte[] data = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        LocalBackend.writeInPlace(ch, data);
        assertThat(Files.readAllBytes(f)).isEqualTo(data);
        assertThat(ch.size()).isEqualTo(data.length);
      }
    }
    assertThat(Files.getAttribute(f, "unix:ino")).isEqualTo(inode);
  }
}
