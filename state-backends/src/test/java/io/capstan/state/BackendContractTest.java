package io.capstan.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.state.crypto.EncryptingBackend;
import io.capstan.state.crypto.StateEncryption;
import io.capstan.state.crypto.StateEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every backend must do, run against a real server by each subclass: read/write, workspaces,
 * two clients racing for a lock, lost-update refusal, lock info round trip, force-unlock,
 * history and rollback, lock timeout, encryption on top.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContractTest {
  private static final AtomicInteger WORKSPACES = new AtomicInteger();
  private final List<Backend> opened = new ArrayList<>();

  /** A new client of the same store, with extra arguments (e.g. capstan.history_limit). */
  protected abstract Backend newClient(Map<String, String> extra);

  protected Backend client() {
    return client(Map.of());
  }

  protected Backend client(Map<String, String> extra) {
    Backend b = newClient(extra);
    opened.add(b);
    return b;
  }

  @AfterEach
  void closeClients() {
    opened.forEach(Backend::close);
    opened.clear();
  }

  protected static String workspace() {
    return "ws" + WORKSPACES.incrementAndGet() + "-" + ProcessHandle.current().pid();
  }

  protected static LockInfo info(String operation) {
    return LockInfo.forThisProcess(operation, "0.1.0-test");
  }

  @Test
  void readWriteRoundTrip() {
    Backend b = client();
    String ws = workspace();
    assertThat(b.read(ws)).isEmpty();
    byte[] s1 = States.state("lin-rt", 1, "a", "b");
    b.write(ws, s1, WriteCondition.basedOn(StateMeta.NONE));
    assertThat(b.read(ws)).hasValueSatisfying(v -> assertThat(v).isEqualTo(s1));
    assertThat(client().read(ws)).hasValueSatisfying(v -> assertThat(v).isEqualTo(s1));
    byte[] s2 = States.withResource(s1, "c");
    b.write(ws, s2, WriteCondition.basedOn(StateMeta.of(s1)));
    assertThat(StateMeta.of(client().read(ws).orElseThrow())).isEqualTo(new StateMeta("lin-rt", 2, 3));
  }

  @Test
  void workspacesAreListedAndDeleted() {
    Backend b = client();
    String ws1 = workspace();
    String ws2 = workspace();
    b.write(ws2, States.state("l2", 1), WriteCondition.unconditional());
    b.write(ws1, States.state("l1", 1, "x"), WriteCondition.unconditional());
    List<String> names = client().workspaces();
    assertThat(names.get(0)).isEqualTo("default");
    assertThat(names).contains(ws1, ws2);
    assertThat(names.subList(1, names.size())).isSorted();
    b.deleteWorkspace(ws1);
    assertThat(client().workspaces()).doesNotContain(ws1).contains(ws2);
    assertThat(client().read(ws1)).isEmpty();
    assertThatThrownBy(() -> b.deleteWorkspace("default")).isInstanceOf(StateException.class)
        .hasMessageContaining("default workspace cannot be deleted");
  }

  @Test
  void twoClientsRacingForTheLockExactlyOneWins() throws Exception {
    String ws = workspace();
    client().write(ws, States.state("race", 1), WriteCondition.unconditional());
    for (int round = 0; round < 3; round++) {
      Backend a = client();
      Backend c = client();
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Callable<Optional<String>> attempt1 = racer(a, ws, go);
      Callable<Optional<String>> attempt2 = racer(c, ws, go);
      Future<Optional<String>> f1 = pool.submit(attempt1);
      Future<Optional<String>> f2 = pool.submit(attempt2);
      go.countDown();
      Optional<String> r1 = f1.get();
      Optional<String> r2 = f2.get();
      pool.shutdown();
      assertThat(r1.isPresent() ^ r2.isPresent()).as("exactly one of two racing clients gets the lock").isTrue();
      if (r1.isPresent()) {
        a.unlock(ws, r1.get());
      } else {
        c.unlock(ws, r2.get());
      }
    }
  }

  private static Callable<Optional<String>> racer(Backend b, String ws, CountDownLatch go) {
    return () -> {
      go.await();
      try {
        return Optional.of(b.lock(ws, info("OperationTypeApply"), Duration.ZERO));
      } catch (LockHeldException e) {
        return Optional.empty();
      }
    };
  }

  @Test
  void aWriterHoldingAStaleSerialIsRefused() {
    String ws = workspace();
    Backend alice = client();
    Backend bob = client();
    byte[] base = States.state("lin-lu", 4, "a");
    alice.write(ws, base, WriteCondition.basedOn(StateMeta.NONE));
    StateMeta aliceRead = StateMeta.of(alice.read(ws).orElseThrow());
    StateMeta bobRead = StateMeta.of(bob.read(ws).orElseThrow());
    bob.write(ws, States.withResource(base, "bob"), WriteCondition.basedOn(bobRead));
    assertThatThrownBy(() -> alice.write(ws, States.withResource(base, "alice"), WriteCondition.basedOn(aliceRead)))
        .isInstanceOf(StateConflictException.class).hasMessageContaining("serial 4 was read, serial 5 is stored");
    assertThatThrownBy(() -> alice.write(ws, States.state("other-lineage", 9), WriteCondition.basedOn(
        new StateMeta("other-lineage", 5, 0)))).isInstanceOf(StateConflictException.class)
        .hasMessageContaining("lineage");
    assertThatThrownBy(() -> alice.write(ws, States.state("lin-lu", 1), WriteCondition.basedOn(StateMeta.NONE)))
        .isInstanceOf(StateConflictException.class);
    assertThat(States.resourceNames(client().read(ws).orElseThrow())).containsExactly("a", "bob");
  }

  @Test
  void lockInfoRoundTripsToOtherClients() {
    String ws = workspace();
    Backend holder = client();
    holder.write(ws, States.state("li", 1), WriteCondition.unconditional());
    LockInfo mine = new LockInfo(java.util.UUID.randomUUID().toString(), "OperationTypeApply", "from the contract test",
        "alice@laptop", "0.1.0-test", java.time.Instant.parse("2026-01-02T03:04:05.123456Z"), "", 4242, "laptop");
    String id = holder.lock(ws, mine, Duration.ZERO);
    assertThat(id).isEqualTo(mine.id());
    Backend other = client();
    LockHeldException e = org.junit.jupiter.api.Assertions.assertThrows(LockHeldException.class,
        () -> other.lock(ws, info("OperationTypePlan"), Duration.ZERO));
    assertThat(e.holder()).isNotNull();
    assertThat(e.holder().id()).isEqualTo(mine.id());
    assertThat(e.holder().operation()).isEqualTo("OperationTypeApply");
    assertThat(e.holder().who()).isEqualTo("alice@laptop");
    assertThat(e.holder().info()).isEqualTo("from the contract test");
    assertThat(e.holder().version()).isEqualTo("0.1.0-test");
    assertThat(e.holder().created()).isEqualTo(mine.created());
    assertThat(e.stale()).isFalse();
    assertThat(LockMessages.detail(e)).contains("Lock Info:\n  ID:        " + mine.id())
        .contains("  Who:       alice@laptop").contains("-lock=false");
    assertThat(other.lockHolder(ws)).hasValueSatisfying(h -> assertThat(h.id()).isEqualTo(mine.id()));
    holder.unlock(ws, id);
    assertThat(client().lockHolder(ws)).isEmpty();
  }

  @Test
  void forceUnlockFreesAnotherClientsLock() {
    String ws = workspace();
    Backend crashed = client();
    crashed.write(ws, States.state("fu", 1), WriteCondition.unconditional());
    String id = crashed.lock(ws, info("OperationTypeApply"), Duration.ZERO);
    Backend rescuer = client();
    assertThatThrownBy(() -> rescuer.forceUnlock(ws, "not-the-id")).isInstanceOf(StateException.class)
        .hasMessageContaining("does not match");
    assertThatThrownBy(() -> rescuer.unlock(ws, id)).isInstanceOf(StateException.class);
    rescuer.forceUnlock(ws, id);
    String again = rescuer.lock(ws, info("OperationTypeApply"), Duration.ZERO);
    rescuer.unlock(ws, again);
  }

  @Test
  void lockTimeoutWaitsForTheHolder() throws Exception {
    String ws = workspace();
    Backend holder = client();
    holder.write(ws, States.state("lt", 1), WriteCondition.unconditional());
    String id = holder.lock(ws, info("OperationTypeApply"), Duration.ZERO);
    Backend waiter = client();
    long start = System.nanoTime();
    assertThatThrownBy(() -> waiter.lock(ws, info("OperationTypeApply"), Duration.ofMillis(800)))
        .isInstanceOf(LockHeldException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    Thread release = new Thread(() -> {
      try {
        Thread.sleep(400);
      } catch (InterruptedException ignored) {
        return;
      }
      holder.unlock(ws, id);
    });
    release.start();
    String got = waiter.lock(ws, info("OperationTypeApply"), Duration.ofSeconds(20));
    release.join();
    waiter.unlock(ws, got);
  }

  @Test
  void historyKeepsTheLastVersionsAndRollbackRestoresOne() {
    String ws = workspace();
    Backend b = client(Map.of("capstan.history_limit", "3", "capstan.who", "carol@ci"));
    byte[] s = States.state("hist", 1, "a");
    b.write(ws, s, WriteCondition.basedOn(StateMeta.NONE));
    for (String r : List.of("b", "c", "d")) {
      byte[] next = States.withResource(s, r);
      b.write(ws, next, WriteCondition.basedOn(StateMeta.of(s)));
      s = next;
    }
    List<HistoryEntry> h = client().history(ws);
    assertThat(h).extracting(HistoryEntry::serial).containsExactly(4L, 3L, 2L);
    assertThat(h).extracting(HistoryEntry::resources).containsExactly(4, 3, 2);
    assertThat(h.get(0).who()).isEqualTo("carol@ci");
    assertThat(h.get(0).lineage()).isEqualTo("hist");
    assertThat(h.get(0).time()).isAfter(java.time.Instant.now().minusSeconds(120));

    String id = b.lock(ws, info("OperationTypeApply"), Duration.ZERO);
    RollbackPlan plan = b.planRollback(ws, 2);
    assertThat(plan.removed()).containsExactly("terraform_data.c", "terraform_data.d");
    assertThat(plan.added()).isEmpty();
    assertThat(plan.from().serial()).isEqualTo(4);
    assertThat(States.resourceNames(b.read(ws).orElseThrow())).hasSize(4); // planning changed nothing
    b.rollback(ws, 2);
    b.unlock(ws, id);
    byte[] now = client().read(ws).orElseThrow();
    assertThat(StateMeta.of(now)).isEqualTo(new StateMeta("hist", 5, 2));
    assertThat(States.resourceNames(now)).containsExactly("a", "b");
    assertThat(client().history(ws)).extracting(HistoryEntry::serial).containsExactly(5L, 4L, 3L);
    assertThatThrownBy(() -> b.rollback(ws, 1)).isInstanceOf(StateException.class)
        .hasMessageContaining("no kept state with serial 1");
  }

  @Test
  void encryptedStateIsUnreadableAtRestAndRotatesKeys() {
    String ws = workspace();
    StateEncryption oldKey = new StateEncryption(List.of("old passphrase"), 10_000);
    Backend enc = new EncryptingBackend(client(), oldKey);
    byte[] plain = States.state("enc", 1, "secret_thing");
    enc.write(ws, plain, WriteCondition.basedOn(StateMeta.NONE));
    byte[] raw = client().read(ws).orElseThrow();
    assertThat(StateEnvelope.isEncrypted(raw)).isTrue();
    assertThat(new String(raw, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("secret_thing");
    assertThat(StateMeta.of(raw)).isEqualTo(new StateMeta("enc", 1, 1));
    assertThat(enc.read(ws)).hasValueSatisfying(v -> assertThat(v).isEqualTo(plain));

    Backend rotated = new EncryptingBackend(client(), new StateEncryption(List.of("new passphrase", "old passphrase"),
        10_000));
    assertThat(rotated.read(ws)).hasValueSatisfying(v -> assertThat(v).isEqualTo(plain));
    byte[] next = States.withResource(plain, "more");
    rotated.write(ws, next, WriteCondition.basedOn(StateMeta.of(raw)));
    assertThatThrownBy(() -> enc.read(ws)).isInstanceOf(StateException.class)
        .hasMessageContaining("key that is not configured");
    assertThat(new EncryptingBackend(client(), new StateEncryption(List.of("new passphrase"), 10_000)).read(ws))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(next));
    assertThatThrownBy(() -> rotated.write(ws, next, WriteCondition.basedOn(StateMeta.of(raw))))
        .isInstanceOf(StateConflictException.class);
  }
}
