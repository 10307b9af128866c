package io.capstan.state.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.LockHeldException;
import io.capstan.state.LockInfo;
import io.capstan.state.StateException;
import io.capstan.state.StateMeta;
import io.capstan.state.States;
import io.capstan.state.WriteCondition;
import io.capstan.state.pg.PgBackend;
import io.capstan.state.servers.PostgresServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** pg under concurrent processes, a killed lock holder, and a PostgreSQL restart. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgFaultsTest {
  private PostgresServer pg;

  @BeforeAll
  void start() {
    pg = PostgresServer.start();
  }

  @AfterAll
  void stop() {
    pg.close();
  }

  private Map<String, String> cfg() {
    return Map.of("conn_str", pg.connStr());
  }

  private Backend client() {
    return new PgBackend(new BackendConfig("pg", cfg(), Map.of()));
  }

  @Test
  void tenProcessesAppendEachObjectExactlyOnce() throws Exception {
    try (Backend b = client()) {
      Race.tenProcessesAppendExactlyOnce("pg", cfg(), b);
    }
  }

  @Test
  void theAdvisoryLockDiesWithAKilledHolder() throws Exception {
    try (Backend b = client()) {
      b.write("killed", States.state("k", 1), WriteCondition.unconditional());
      Process holder = Workers.start("hold", "pg", "killed", "x", "10s", cfg());
      String id = Workers.awaitLocked(holder, Duration.ofSeconds(60));
      LockHeldException held = org.junit.jupiter.api.Assertions.assertThrows(LockHeldException.class,
          () -> b.lock("killed", LockInfo.forThisProcess("OperationTypeApply", "t"), Duration.ZERO));
      assertThat(held.holder().id()).isEqualTo(id);
      Workers.kill9(holder);
      String mine = b.lock("killed", LockInfo.forThisProcess("OperationTypeApply", "t"), Duration.ofSeconds(10));
      b.unlock("killed", mine);
    }
  }

  @Test
  void aRestartDuringWritesFailsClearlyAndARerunConverges() {
    try (Backend b = client()) {
      byte[] s = States.state("restart", 1, "a");
      b.write("restart", s, WriteCondition.basedOn(StateMeta.NONE));
      String id = b.lock("restart", LockInfo.forThisProcess("OperationTypeApply", "t"), Duration.ZERO);
      pg.stopServer();
      byte[] next = States.withResource(s, "b");
      assertThatThrownBy(() -> b.write("restart", next, WriteCondition.basedOn(StateMeta.of(s))))
          .isInstanceOf(StateException.class).hasMessageContaining("nothing was");
      pg.startServer();
      // the lock's session died with the server: writing now under the old lock is refused
      assertThatThrownBy(() -> b.write("restart", next, WriteCondition.basedOn(StateMeta.of(s))))
          .isInstanceOf(StateException.class).hasMessageContaining("lock");
      assertThat(b.read("restart")).hasValueSatisfying(v -> assertThat(v).isEqualTo(s));
      String again = b.lock("restart", LockInfo.forThisProcess("OperationTypeApply", "t"), Duration.ofSeconds(10));
      b.write("restart", next, WriteCondition.basedOn(StateMeta.of(b.read("restart").orElseThrow())));
      b.unlock("restart", again);
      assertThat(States.resourceNames(b.read("restart").orElseThrow())).containsExactly("a", "b");
      assertThat(id).isNotEqualTo(again);
    }
  }
}
