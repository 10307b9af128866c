package io.capstan.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Instance;
import io.capstan.orchestrator.api.v1.InstanceSpec;
import io.capstan.orchestrator.api.v1.Node;
import io.capstan.orchestrator.api.v1.NodeSpec;
import io.capstan.orchestrator.api.v1.NodeStatus;
import io.capstan.orchestrator.api.v1.ObjectMeta;
import io.capstan.orchestrator.api.v1.Resources;
import io.capstan.orchestrator.api.v1.Template;
import io.capstan.orchestrator.scheduler.Scheduler;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on a real three-member etcd cluster (each test in its own key root), plus
 * what only a replicated store can show: killing one member of three changes nothing a client
 * sees — writes, compare-and-set and a running watch carry on.
 */
class EtcdStoreContractTest extends StoreContract {
    private static EtcdProcesses etcd;
    private static SecretBox box;
    @TempDir
    static Path dir;
    private final List<EtcdStore> open = new ArrayList<>();

    @BeforeAll
    static void startEtcd() throws Exception {
        etcd = EtcdProcesses.start(3);
        box = SecretBox.open(dir.resolve("key"));
    }

    @AfterAll
    static void stopEtcd() throws Exception {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Override
    Store store() {
        return store(kv -> kv);
    }

    private EtcdStore store(UnaryOperator<KV> kvCalls) {
        EtcdStore s = EtcdStore.connect(etcd.endpoints(), "/t-" + UUID.randomUUID(), k -> k.startsWith("/Secret/"), box, kvCalls);
        open.add(s);
        return s;
    }

    @AfterEach
    void close() {
        open.forEach(EtcdStore::close);
    }

    @Test
    void secretsAreSealedInEtcdButReadableThroughTheStore() {
        Store s = store();
        s.put("/Secret/default/db", b("very-secret-password"), Store.ANY);
        assertThat(new String(s.get("/Secret/default/db").orElseThrow().value(), StandardCharsets.UTF_8)).isEqualTo("very-secret-password");
        try (EtcdStore raw = EtcdStore.connect(etcd.endpoints(), "", k -> false, box)) {
            String all = raw.range("/").items().stream().map(kv -> new String(kv.value(), StandardCharsets.ISO_8859_1))
                    .reduce("", String::concat);
            assertThat(all).doesNotContain("very-secret-password");
        }
    }

    /**
     * jetcd closes a watcher for good after some errors (a status it does not retry, "no leader",
     * the server ending the stream); the store's watch must then carry on from the first revision
     * it has not delivered, without gaps or repeats. Here the etcd watcher is ended directly, the
     * way jetcd ends it, at a known point between writes.
     */
    @Test
    void aWatchCarriesOnWhenItsEtcdStreamEnds() throws Exception {
        Store s = store();
        List<StoreEvent> seen = new CopyOnWriteArrayList<>();
        long before = s.revision();
        try (Store.Watch w = s.watch("/resume/", before, seen::add)) {
            for (int i = 0; i < 10; i++) {
                s.put("/resume/k" + (i % 3), b("v" + i), Store.ANY);
            }
            awaitSize(seen, 10);
            EtcdWatch ew = (EtcdWatch) w;
            ew.dropCurrentStream();
            for (int i = 10; i < 20; i++) {
                s.put("/resume/k" + (i % 3), b("v" + i), Store.ANY);
            }
            s.delete("/resume/k0", Store.ANY);
            awaitSize(seen, 21);
            assertThat(ew.reopened()).isGreaterThanOrEqualTo(1);
            ew.dropCurrentStream();
            s.put("/resume/k9", b("after second drop"), Store.ANY);
            awaitSize(seen, 22);
            assertThat(ew.reopened()).isGreaterThanOrEqualTo(2);
        }
        assertThat(seen).hasSize(22);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).revision()).isGreaterThan(seen.get(i - 1).revision());
        }
        assertThat(seen.get(20).type()).isEqualTo(StoreEvent.Type.DELETE);
        assertThat(new String(seen.get(19).value(), StandardCharsets.UTF_8)).isEqualTo("v19");
    }

    /**
     * A write committed by etcd whose answer never reaches the client (its member died in between)
     * is retried; the retry must neither apply it a second time (an extra revision and watch event)
     * nor report the compare-and-set it did itself as a conflict.
     */
    @Test
    void aWriteWhoseAnswerIsLostIsAppliedOnce() throws Exception {
        LossyKv[] lossy = new LossyKv[1];
        EtcdStore s = store(kv -> lossy[0] = new LossyKv(kv));
        List<StoreEvent> seen = new CopyOnWriteArrayList<>();
        long before = s.revision();
        try (Store.Watch w = s.watch("/lost/", before, seen::add)) {
            lossy[0].loseNextAnswer();
            long r1 = rev(s.put("/lost/a", b("one"), Store.ANY));
            KeyValue a = s.get("/lost/a").orElseThrow();
            assertThat(a.modRevision()).isEqualTo(r1);

            lossy[0].loseNextAnswer();
            TxnResult t = s.txn(List.of(new Store.Put("/lost/a", b("two"), a.modRevision()),
                    new Store.Put("/lost/b", b("new"), Store.ABSENT), new Store.Put("/lost/c", b("any"), Store.ANY)));
            assertThat(t).isInstanceOf(TxnResult.Committed.class);
            long r2 = ((TxnResult.Committed) t).applied().get(0).revision();
            assertThat(((TxnResult.Committed) t).applied()).extracting(WriteResult.Applied::revision).containsOnly(r2);

            lossy[0].loseNextAnswer();
            s.put("/Secret/lost", b("sealed"), Store.ANY);
            s.put("/lost/end", b("end"), Store.ANY);
            awaitSize(seen, 5);
            assertThat(s.revision()).as("one revision per write, none applied twice").isEqualTo(before + 4);
            assertThat(s.get("/Secret/lost").orElseThrow().value()).isEqualTo(b("sealed"));
        }
        assertThat(seen).extracting(StoreEvent::key).containsExactly("/lost/a", "/lost/a", "/lost/b", "/lost/c", "/lost/end");
    }

    /**
     * A delete of whatever is there, committed by etcd with its answer lost: the retry finds the
     * key gone and must report the deletion (with the value it removed), not "not found".
     */
    @Test
    void aDeleteWhoseAnswerIsLostReportsTheDeletion() {
        LossyKv[] lossy = new LossyKv[1];
        EtcdStore s = store(kv -> lossy[0] = new LossyKv(kv));
        s.put("/gone/a", b("last words"), Store.ANY);
        long before = s.revision();
        lossy[0].loseNextAnswer();
        WriteResult r = s.delete("/gone/a", Store.ANY);
        assertThat(r).isInstanceOf(WriteResult.Applied.class);
        assertThat(((WriteResult.Applied) r).previous()).isEqualTo(b("last words"));
        assertThat(s.get("/gone/a")).isEmpty();
        assertThat(s.revision()).as("deleted once").isEqualTo(before + 1);
        assertThat(s.delete("/gone/a", Store.ANY)).as("a key that is gone is still not found")
                .isEqualTo(new WriteResult.Conflict(0));
    }

    /**
     * A watch that must resume from a revision etcd has compacted away cannot deliver what it
     * missed: it tells its owner, once, and delivers nothing more. Here the etcd stream ends while
     * the watch's next revision lies before a compaction another client made.
     */
    @Test
    void aWatchBehindACompactionTellsItsOwner() throws Exception {
        EtcdStore s = store(kv -> kv);
        List<StoreEvent> seen = new CopyOnWriteArrayList<>();
        List<RuntimeException> ended = new CopyOnWriteArrayList<>();
        long before = s.revision();
        try (Store.Watch w = s.watch("/c/", before, seen::add, ended::add)) {
            s.put("/c/a", b("seen"), Store.ANY);
            awaitSize(seen, 1);
            long now = compactPastTheWatch(s);
            ((EtcdWatch) w).dropCurrentStream();
            awaitSize(ended, 1);
            s.put("/c/b", b("after the end"), Store.ANY);
            assertThat(ended).hasSize(1);
            assertThat(ended.get(0)).isInstanceOf(Store.CompactedException.class);
            assertThat(s.compactedRevision()).isGreaterThanOrEqualTo(now);
        }
        assertThat(seen).extracting(StoreEvent::key).containsExactly("/c/a");
        assertThat(ended).as("told once, never after close").hasSize(1);
    }

    /**
     * The scheduler's cache on etcd: after its watch ends behind a compaction it lists and watches
     * again (an informer's answer to "too old resource version"), so an instance created after the
     * end is still placed, and later ones too.
     */
    @Test
    void theSchedulerCacheListsAgainAfterItsWatchEnds() throws Exception {
        EtcdStore etcdStore = store(kv -> kv);
        Watches store = new Watches(etcdStore);
        Registry reg = new Registry(store);
        try (Scheduler sched = new Scheduler(reg, 100)) {
            reg.create(node("n1"));
            assertThat(sched.schedule()).isZero();
            assertThat(store.opened).hasSize(1);
            compactPastTheWatch(etcdStore);
            ((EtcdWatch) store.opened.get(0)).dropCurrentStream();
            awaitSize(store.ended, 1);
            reg.create(instance("i1"));
            assertThat(sched.schedule()).isEqualTo(1);
            assertThat(store.opened).as("listed and watched again").hasSize(2);
            reg.create(instance("i2"));
            assertThat(sched.schedule()).isEqualTo(1);
            assertThat(reg.list(Kind.INSTANCE, "default").items())
                    .allSatisfy(i -> assertThat(i.getInstance().getSpec().getNode()).isEqualTo("n1"));
        }
    }

    /** Writes outside this store's root (so no watch of it sees them), then compacts etcd to now. */
    private static long compactPastTheWatch(EtcdStore s) throws Exception {
        KV raw = s.client().getKVClient();
        ByteSequence other = ByteSequence.from("/elsewhere-" + UUID.randomUUID(), StandardCharsets.UTF_8);
        for (int i = 0; i < 5; i++) {
            raw.put(other, ByteSequence.from("x" + i, StandardCharsets.UTF_8)).get(20, TimeUnit.SECONDS);
        }
        long now = s.revision();
        raw.compact(now).get(20, TimeUnit.SECONDS);
        return now;
    }

    private static ApiObject node(String name) {
        Resources r = Resources.newBuilder().setCpuMillis(4000).setMemoryMb(4096).build();
        return ApiObject.newBuilder().setKind("Node").setMetadata(ObjectMeta.newBuilder().setName(name))
                .setNode(Node.newBuilder().setSpec(NodeSpec.newBuilder().setAddress("127.0.0.1"))
                        .setStatus(NodeStatus.newBuilder().setCondition("Ready").setCapacity(r).setAllocatable(r))).build();
    }

    private static ApiObject instance(String name) {
        return ApiObject.newBuilder().setKind("Instance").setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default"))
                .setInstance(Instance.newBuilder().setSpec(InstanceSpec.newBuilder().setDeployment("d")
                        .setTemplate(Template.newBuilder().setRequests(Resources.newBuilder().setMemoryMb(64))))).build();
    }

    /** The store as it is, recording the watches it opens and the ends they report. */
    private static final class Watches extends ForwardingStore {
        final List<Watch> opened = new CopyOnWriteArrayList<>();
        final List<RuntimeException> ended = new CopyOnWriteArrayList<>();

        Watches(Store inner) {
            super(inner);
        }

        @Override
        public Watch watch(String prefix, long afterRevision, Consumer<StoreEvent> listener, Consumer<RuntimeException> end) {
            Watch w = inner.watch(prefix, afterRevision, listener, why -> {
                end.accept(why); // first: the test waits for the record below, then relies on the owner having heard
                ended.add(why);
            });
            opened.add(w);
            return w;
        }
    }

    /** Kills member 0 for good; the other tests keep working on the remaining quorum of two. */
    @Test
    void losingOneMemberOfThreeChangesNothingVisible() throws Exception {
        Store s = store();
        List<StoreEvent> seen = new CopyOnWriteArrayList<>();
        long before = s.revision();
        try (Store.Watch w = s.watch("/loss/", before, seen::add)) {
            long last = 0;
            for (int i = 0; i < 50; i++) {
                last = rev(s.put("/loss/k" + (i % 5), b("v" + i), Store.ANY));
            }
            etcd.kill(0);
            for (int i = 50; i < 100; i++) {
                long r = rev(s.put("/loss/k" + (i % 5), b("v" + i), Store.ANY));
                assertThat(r).isGreaterThan(last);
                last = r;
            }
            KeyValue k0 = s.get("/loss/k0").orElseThrow();
            assertThat(s.put("/loss/k0", b("cas"), k0.modRevision())).isInstanceOf(WriteResult.Applied.class);
            assertThat(s.put("/loss/k0", b("stale"), k0.modRevision())).isInstanceOf(WriteResult.Conflict.class);
            awaitSize(seen, 101);
        }
        assertThat(seen).hasSize(101);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).revision()).isGreaterThan(seen.get(i - 1).revision());
        }
        assertThat(s.range("/loss/").items()).hasSize(5);
    }
}
