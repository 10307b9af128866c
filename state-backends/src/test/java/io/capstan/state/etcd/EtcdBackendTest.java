package io.capstan.state.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.BackendContractTest;
import io.capstan.state.StateException;
import io.capstan.state.StateMeta;
import io.capstan.state.States;
import io.capstan.state.WriteCondition;
import io.capstan.state.servers.EtcdCluster;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backend contract on etcd, plus the failures only a networked store has, each provoked at a
 * known point: a transaction that fails in transit (its member died, the cluster is between
 * leaders) must be retried, one whose answer was lost after etcd committed it must not be taken
 * for somebody else's lock or write, and a lock whose lease ended must fail the next write loudly.
 */
class EtcdBackendTest extends BackendContractTest {
  private EtcdCluster etcd;
  private final Map<Backend, FaultyKv> faults = Collections.synchronizedMap(new IdentityHashMap<>());

  @BeforeAll
  void startEtcd() {
    etcd = EtcdCluster.start(1);
  }

  @AfterAll
  void stopEtcd() {
    etcd.close();
  }

  @Override
  protected Backend newClient(Map<String, String> extra) {
    Map<String, String> args = new HashMap<>(extra);
    args.put("endpoints", etcd.endpoints());
    args.put("prefix", "contract/");
    FaultyKv[] kv = new FaultyKv[1];
    EtcdBackend b = new EtcdBackend(new BackendConfig("etcd", args, Map.of()), real -> kv[0] = new FaultyKv(real));
    faults.put(b, kv[0]);
    return b;
  }

  /** The fault switch of a client made by {@link #newClient}. */
  private FaultyKv faults(Backend b) {
    return faults.get(b);
  }

  @Test
  void aTransactionThatFailsInTransitIsRetried() {
    EtcdBackend b = (EtcdBackend) client();
    String ws = workspace();
    byte[] s1 = States.state("transit", 1);
    faults(b).inject(FaultyKv.Fault.UNSENT);
    String id = b.lock(ws, info("OperationTypeApply"), Duration.ZERO);
    faults(b).inject(FaultyKv.Fault.UNSENT);
    b.write(ws, s1, WriteCondition.basedOn(StateMeta.NONE));
    b.unlock(ws, id);
    assertThat(b.read(ws)).hasValueSatisfying(v -> assertThat(v).isEqualTo(s1));
    assertThat(b.lockHolder(ws)).isEmpty();
  }

  @Test
  void aTransactionWhoseAnswerIsLostIsNotTakenForSomebodyElses() {
    EtcdBackend b = (EtcdBackend) client();
    String ws = workspace();
    byte[] s1 = States.state("lost", 1);
    b.write(ws, s1, WriteCondition.basedOn(StateMeta.NONE));
    faults(b).inject(FaultyKv.Fault.ANSWER_LOST);
    String id = b.lock(ws, info("OperationTypeApply"), Duration.ZERO);
    assertThat(b.lockHolder(ws).orElseThrow().id()).isEqualTo(id);
    byte[] s2 = States.withResource(s1, "r");
    faults(b).inject(FaultyKv.Fault.ANSWER_LOST);
    b.write(ws, s2, WriteCondition.basedOn(StateMeta.of(s1)));
    assertThat(b.read(ws)).hasValueSatisfying(v -> assertThat(v).isEqualTo(s2));
    b.unlock(ws, id);
    Backend other = client();
    other.unlock(ws, other.lock(ws, info("OperationTypeApply"), Duration.ZERO));
  }

  @Test
  void aLockWhoseLeaseEndsFailsTheNextWriteLoudly() throws Exception {
    EtcdBackend b = (EtcdBackend) client();
    String ws = workspace();
    byte[] s1 = States.state("expired", 1);
    b.write(ws, s1, WriteCondition.basedOn(StateMeta.NONE));
    String id = b.lock(ws, info("OperationTypeApply"), Duration.ZERO);
    try (Client raw = Client.builder().endpoints(etcd.endpoints().split(",")).build()) {
      ByteSequence key = ByteSequence.from("contract/" + ws + "/.lock", StandardCharsets.UTF_8);
      long lease = raw.getKVClient().get(key).get(10, TimeUnit.SECONDS).getKvs().get(0).getLease();
      // what etcd does when a lease is not renewed within its TTL
      raw.getLeaseClient().revoke(lease).get(10, TimeUnit.SECONDS);
    }
    assertThatThrownBy(() -> b.write(ws, States.withResource(s1, "r"), WriteCondition.basedOn(StateMeta.of(s1))))
        .isInstanceOf(StateException.class).hasMessageContaining("lock on workspace \"" + ws + "\" expired")
        .hasMessageContaining("nothing was written");
    assertThat(b.read(ws)).hasValueSatisfying(v -> assertThat(v).isEqualTo(s1));
    b.unlock(ws, id);
    Backend other = client();
    other.unlock(ws, other.lock(ws, info("OperationTypeApply"), Duration.ZERO));
  }
}
