package io.capstan.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
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
        EtcdStore s = EtcdStore.connect(etcd.endpoints(), "/t-" + UUID.randomUUID(), k -> k.startsWith("/Secret/"), box);
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
        EtcdStore s = (EtcdStore) store();
        List<StoreEvent> seen = new CopyOnWriteArrayList<>();
        long before = s.revision();
        try (Store.Watch w = s.watch("/lost/", before, seen::add)) {
            s.loseNextAnswer();
            long r1 = rev(s.put("/lost/a", b("one"), Store.ANY));
            KeyValue a = s.get("/lost/a").orElseThrow();
            assertThat(a.modRevision()).isEqualTo(r1);

            s.loseNextAnswer();
            TxnResult t = s.txn(List.of(new Store.Put("/lost/a", b("two"), a.modRevision()),
                    new Store.Put("/lost/b", b("new"), Store.ABSENT), new Store.Put("/lost/c", b("any"), Store.ANY)));
            assertThat(t).isInstanceOf(TxnResult.Committed.class);
            long r2 = ((TxnResult.Committed) t).applied().get(0).revision();
            assertThat(((TxnResult.Committed) t).applied()).extracting(WriteResult.Applied::revision).containsOnly(r2);

            s.loseNextAnswer();
            s.put("/Secret/lost", b("sealed"), Store.ANY);
            s.put("/lost/end", b("end"), Store.ANY);
            awaitSize(seen, 5);
            assertThat(s.revision()).as("one revision per write, none applied twice").isEqualTo(before + 4);
            assertThat(s.get("/Secret/lost").orElseThrow().value()).isEqualTo(b("sealed"));
        }
        assertThat(seen).extracting(StoreEvent::key).containsExactly("/lost/a", "/lost/a", "/lost/b", "/lost/c", "/lost/end");
    }

    private static void awaitSize(List<StoreEvent> seen, int n) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (seen.size() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(n);
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
            long end = System.nanoTime() + 20_000_000_000L;
            while (seen.size() < 101 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
        }
        assertThat(seen).hasSize(101);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).revision()).isGreaterThan(seen.get(i - 1).revision());
        }
        assertThat(s.range("/loss/").items()).hasSize(5);
    }
}
