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

  /**
   * States larger than one channel write or read (64 KiB at a time, so that the JDK's temporary direct
   * buffer stays that small) are stored and read back byte for byte, at and around the slice's multiples.
   * Their text does not repeat every 64 KiB, so a slice written or read at the wrong offset would show.
   */
  @Test
  void statesOfSeveralWriteSlicesRoundTripExactly() throws Exception {
    Backend b = client();
    String ws = "slices";
    Path file = dir.resolve("terraform.tfstate.d/slices/terraform.tfstate");
    long serial = 1;
    for (int size : new int[] {65_536, 65_537, 3 * 65_536 - 1, 200_001, 70_000}) {
      byte[] data = patterned("sl", serial++, size);
      b.write(ws, data, WriteCondition.unconditional());
      assertThat(Files.readAllBytes(file)).isEqualTo(data);
      assertThat(b.read(ws)).hasValueSatisfying(v -> assertThat(v).isEqualTo(data));
    }
    // read through the locked file's own descriptor, as a locked run reads it
    String id = b.lock(ws, info("OperationTypeApply"), java.time.Duration.ZERO);
    try {
      byte[] data = patterned("sl", serial, 131_073);
      b.write(ws, data, WriteCondition.unconditional());
      assertThat(Files.readAllBytes(file)).isEqualTo(data);
      assertThat(b.read(ws)).hasValueSatisfying(v -> assertThat(v).isEqualTo(data));
    } finally {
      b.unlock(ws, id);
    }
  }

  /** {@link States#padded}'s state with its filler replaced by letters whose cycle (26) does not divide 64 KiB. */
  private static byte[] patterned(String lineage, long serial, int bytes) {
    String s = new String(States.padded(lineage, serial, bytes), java.nio.charset.StandardCharsets.UTF_8);
    int from = s.indexOf("xxxx");
    int to = s.lastIndexOf("xxxx") + 4;
    StringBuilder sb = new StringBuilder(s.length()).append(s, 0, from);
    for (int i = from; i < to; i++) {
      sb.append((char) ('a' + i % 26));
    }
    return sb.append(s, to, s.length()).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void inPlaceWritesKeepTheFileAndLeaveExactlyTheNewBytes() throws Exception {
    // the locked state file is rewritten in place (terraform's lock stays on it): longer, shorter, equal
    Path f = Files.createTempFile(dir, "inplace", ".tfstate");
    Object inode = Files.getAttribute(f, "unix:ino");
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f,
        java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
      for (String content : new String[] {"{\"serial\": 1, \"resources\": [1, 2, 3]}\n", "{\"serial\": 2}\n",
          "{\"serial\": 3, \"resources\": [1, 2, 3, 4, 5, 6]}\n", "{\"serial\": 4, \"resources\": [1, 2, 3, 4, 5, 7]}\n",
          // several 64 KiB write slices: longer, then shorter across a slice boundary
          "{\"serial\": 5, \"text\": \"" + letters(200_001) + "\"}\n", "{\"serial\": 6, \"text\": \"" + letters(70_000) + "\"}\n"}) {
        byte[] data = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        LocalBackend.writeInPlace(ch, data);
        assertThat(Files.readAllBytes(f)).isEqualTo(data);
        assertThat(ch.size()).isEqualTo(data.length);
      }
    }
    assertThat(Files.getAttribute(f, "unix:ino")).isEqualTo(inode);
  }

  private static String letters(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + i % 26));
    }
    return sb.toString();
  }
}
