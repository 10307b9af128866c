package io.capstan.state.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.Backends;
import io.capstan.state.LockHeldException;
import io.capstan.state.LockInfo;
import io.capstan.state.servers.Tmp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local backend removes {@code .terraform.tfstate.lock.info} when it unlocks, as terraform
 * removes its own, and stays exclusive although its fcntl lock lives on that file: ten worker
 * processes racing lock, read, append, write, unlock on one workspace (each unlock deletes the file
 * that waiters may have opened already) append exactly once each, and no lock file is left. A
 * killed holder's info does not lock the state: the next client takes the lock and overwrites it,
 * as terraform does, and force-unlock says terraform's "LocalState not locked".
 */
class LocalLockFileTest {
  private Path dir;

  @BeforeEach
  void createDir() throws Exception {
    dir = Files.createTempDirectory("capstan-lockfile");
  }

  @AfterEach
  void deleteDir() {
    Tmp.delete(dir);
  }

  private Map<String, String> cfg() {
    return Map.of("capstan.working_dir", dir.toString());
  }

  @Test
  void unlockRemovesTheLockInfoFile() throws Exception {
    Path info = dir.resolve(".terraform.tfstate.lock.info");
    try (Backend b = Backends.open(new BackendConfig("local", cfg(), Map.of()))) {
      String id = b.lock("default", LockInfo.forThisProcess("OperationTypeApply", "t"), Duration.ZERO);
      assertThat(Files.readString(info)).contains(id);
      b.unlock("default", id);
      assertThat(info).doesNotExist();
      String again = b.lock("default", LockInfo.forThisProcess("OperationTypeApply", "t"), Duration.ZERO);
      b.unlock("default", again);
      assertThat(info).doesNotExist();
    }
  }

  @Test
  void racingProcessesStayExclusiveWhileEachUnlockDeletesTheFile() throws Exception {
    try (Backend b = Backends.open(new BackendConfig("local", cfg(), Map.of()))) {
      Race.tenProcessesAppendExactlyOnce("local", cfg(), b);
    }
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".lock.info")).toList())
          .as("lock info files left behind").isEmpty();
    }
  }

  @Test
  void aKilledHoldersInfoIsOverwrittenByTheNextLock() throws Exception {
    Path info = dir.resolve(".terraform.tfstate.lock.info");
    Process holder = Workers.start("hold", "local", "default", "x", "10s", cfg());
    String id = Workers.awaitLocked(holder, Duration.ofSeconds(60));
    try (Backend b = Backends.open(new BackendConfig("local", cfg(), Map.of()))) {
      LockHeldException live = org.junit.jupiter.api.Assertions.assertThrows(LockHeldException.class,
          () -> b.lock("default", LockInfo.forThisProcess("OperationTypeApply", "t"), Duration.ZERO));
      assertThat(live.stale()).isFalse();
      assertThat(live.holder().id()).isEqualTo(id);
      assertThat(b.lockHolder("default")).hasValueSatisfying(h -> assertThat(h.id()).isEqualTo(id));
      // as terraform's: a lock another live process holds is not this process's to release
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.forceUnlock("default", id))
          .hasMessage("LocalState not locked");
      assertThat(b.lockHolder("default")).as("still held").hasValueSatisfying(h -> assertThat(h.id()).isEqualTo(id));
      Workers.kill9(holder);
      assertThat(Files.readString(info)).as("the killed holder's info stays").contains(id);
      assertThat(b.lockHolder("default")).as("but no one holds the lock").isEmpty();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.forceUnlock("default", id))
          .hasMessage("LocalState not locked");
      LockInfo mine = LockInfo.forThisProcess("OperationTypeApply", "t");
      assertThat(b.lock("default", mine, Duration.ZERO)).isEqualTo(mine.id());
      assertThat(Files.readString(info)).contains(mine.id()).doesNotContain(id);
      b.unlock("default", mine.id());
      assertThat(info).doesNotExist();
    }
  }
}
