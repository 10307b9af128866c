package io.capstan.state.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.Backends;
import io.capstan.state.LockHeldException;
import io.capstan.state.LockInfo;
import io.capstan.state.LockMessages;
import io.capstan.state.servers.HttpStateServer;
import io.capstan.state.servers.S3ProxyServer;
import io.capstan.state.servers.Tmp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of a process holding the lock on the backends whose lock outlives its holder (S3 lock
 * object, HTTP server lock): the next client is told the holder is gone, with the exact
 * force-unlock command, and force-unlock frees the lock. (The local backend's lock is an OS lock
 * that dies with its holder: {@code LocalLockFileTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaleLockTest {
  private Path dir;
  private S3ProxyServer s3;
  private HttpStateServer http;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("capstan-stale");
    s3 = S3ProxyServer.start();
    http = HttpStateServer.start();
  }

  @AfterAll
  void stop() {
    s3.close();
    http.close();
    Tmp.delete(dir);
  }

  private Map<String, String> cfg(String type) {
    Map<String, String> m = new HashMap<>();
    switch (type) {
      case "s3" -> m.putAll(Map.of("bucket", S3ProxyServer.BUCKET, "key", "stale/terraform.tfstate", "region",
          "us-east-1", "endpoints.s3", s3.endpoint(), "use_path_style", "true", "use_lockfile", "true",
          "access_key", S3ProxyServer.ACCESS_KEY, "secret_key", S3ProxyServer.SECRET_KEY));
      case "http" -> m.putAll(Map.of("address", http.url("/stale"), "lock_address", http.url("/stale"),
          "unlock_address", http.url("/stale")));
      default -> throw new IllegalArgumentException(type);
    }
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"s3", "http"})
  void aKilledHoldersLockIsReportedStaleAndForceUnlockFreesIt(String type) throws Exception {
    Process holder = Workers.start("hold", type, "default", "x", "10s", cfg(type));
    String id = Workers.awaitLocked(holder, Duration.ofSeconds(60));
    long pid = holder.pid();
    try (Backend b = Backends.open(new BackendConfig(type, cfg(type), Map.of()))) {
      LockHeldException live = org.junit.jupiter.api.Assertions.assertThrows(LockHeldException.class,
          () -> b.lock("default", LockInfo.forThisProcess("OperationTypeApply", "t"), Duration.ZERO));
      assertThat(live.stale()).isFalse();
      Workers.kill9(holder);
      LockHeldException stale = org.junit.jupiter.api.Assertions.assertThrows(LockHeldException.class,
          () -> b.lock("default", LockInfo.forThisProcess("OperationTypeApply", "t"), Duration.ofSeconds(2)));
      assertThat(stale.stale()).isTrue();
      assertThat(stale.holder().id()).isEqualTo(id);
      String detail = LockMessages.detail(stale);
      assertThat(detail).contains("Error message: ").contains("ID:        " + id)
          .contains("(PID " + pid + " on ").contains("is no longer running")
          .contains("  capstan force-unlock " + id + "\n");
      b.forceUnlock("default", id);
      String mine = b.lock("default", LockInfo.forThisProcess("OperationTypeApply", "t"), Duration.ZERO);
      b.unlock("default", mine);
    }
  }
}
