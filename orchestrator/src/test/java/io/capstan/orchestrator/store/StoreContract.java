package io.capstan.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} promises, run against each implementation: compare-and-set on the
 * modification revision, one global revision that every write advances, prefix ranges, and
 * watches that replay from a revision then go live, with the last value on deletes.
 */
abstract class StoreContract {

    /** A fresh, empty namespace of the store under test. */
    abstract Store store();

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static long rev(WriteResult w) {
        assertThat(w).isInstanceOf(WriteResult.Applied.class);
        return ((WriteResult.Applied) w).revision();
    }

    @Test
    void compareAndSetRefusesStaleWritesAndEveryWriteAdvancesTheRevision() {
        Store s = store();
        long start = s.revision();
        long r1 = rev(s.put("/a", b("1"), Store.ABSENT));
        assertThat(r1).isGreaterThan(start);
        assertThat(s.put("/a", b("again"), Store.ABSENT)).isEqualTo(new WriteResult.Conflict(r1));
        WriteResult second = s.put("/a", b("2"), r1);
        long r2 = rev(second);
        assertThat(r2).isGreaterThan(r1);
        assertThat(((WriteResult.Applied) second).createRevision()).isEqualTo(r1);
        assertThat(new String(((WriteResult.Applied) second).previous(), StandardCharsets.UTF_8)).isEqualTo("1");
        assertThat(s.put("/a", b("stale"), r1)).isEqualTo(new WriteResult.Conflict(r2));
        assertThat(s.delete("/a", r1)).isEqualTo(new WriteResult.Conflict(r2));
        assertThat(s.delete("/missing", Store.ANY)).isEqualTo(new WriteResult.Conflict(0));
        KeyValue kv = s.get("/a").orElseThrow();
        assertThat(kv.modRevision()).isEqualTo(r2);
        assertThat(kv.createRevision()).isEqualTo(r1);
        long r3 = rev(s.delete("/a", r2));
        assertThat(s.get("/a")).isEmpty();
        assertThat(s.revision()).isEqualTo(r3);
    }

    @Test
    void rangesListOnlyTheirPrefixInKeyOrderAtOneRevision() {
        Store s = store();
        s.put("/r/b", b("2"), Store.ANY);
        s.put("/r/a", b("1"), Store.ANY);
        long last = rev(s.put("/rx/c", b("other"), Store.ANY));
        Range r = s.range("/r/");
        assertThat(r.items()).extracting(KeyValue::key).containsExactly("/r/a", "/r/b");
        assertThat(r.revision()).isEqualTo(last);
    }

    @Test
    void watchesReplayFromARevisionThenDeliverLiveEventsInOrder() throws Exception {
        Store s = store();
        s.put("/x/1", b("a"), Store.ANY);
        long mid = s.revision();
        long r2 = rev(s.put("/x/2", b("b"), Store.ANY));
        s.put("/y/1", b("other prefix"), Store.ANY);
        long r4 = rev(s.delete("/x/1", Store.ANY));
        List<StoreEvent> seen = new CopyOnWriteArrayList<>();
        long r5;
        try (Store.Watch w = s.watch("/x/", mid, seen::add)) {
            r5 = rev(s.put("/x/3", b("live"), Store.ANY));
            awaitSize(seen, 3);
        }
        assertThat(seen).extracting(e -> e.type() + " " + e.key() + " @" + e.revision() + " " + new String(e.value(), StandardCharsets.UTF_8))
                .containsExactly("PUT /x/2 @" + r2 + " b", "DELETE /x/1 @" + r4 + " a", "PUT /x/3 @" + r5 + " live");
    }

    /**
     * A listener that throws ends its watch (its owner went away): the end callback hears why,
     * once, and nothing more is delivered — checked against a second watch that does see later writes.
     */
    @Test
    void aWatchWhoseListenerThrowsEndsAndSaysSo() throws Exception {
        Store s = store();
        long from = s.revision();
        List<StoreEvent> seen = new CopyOnWriteArrayList<>();
        List<RuntimeException> ended = new CopyOnWriteArrayList<>();
        List<StoreEvent> other = new CopyOnWriteArrayList<>();
        try (Store.Watch w = s.watch("/f/", from, e -> {
            seen.add(e);
            if (e.key().equals("/f/boom")) {
                throw new IllegalStateException("listener gone");
            }
        }, ended::add)) {
            s.put("/f/a", b("a"), Store.ANY);
            s.put("/f/boom", b("b"), Store.ANY);
            awaitSize(ended, 1);
            s.put("/f/after", b("c"), Store.ANY);
            try (Store.Watch w2 = s.watch("/f/", from, other::add)) {
                awaitSize(other, 3);
            }
        }
        assertThat(ended).singleElement().satisfies(e -> assertThat(e).hasMessage("listener gone"));
        assertThat(seen).extracting(StoreEvent::key).containsExactly("/f/a", "/f/boom");
        assertThat(other).extracting(StoreEvent::key).containsExactly("/f/a", "/f/boom", "/f/after");
    }

    static void awaitSize(List<?> items, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (items.size() < n && System.nanoTime() - end < 0) {
            Thread.sleep(10);
        }
        assertThat(items).hasSizeGreaterThanOrEqualTo(n);
    }

    @Test
    void txnWritesEveryKeyAtomicallyOrNoneAndNamesTheKeysThatMovedOn() throws Exception {
        Store s = store();
        long a1 = rev(s.put("/t/a", b("a1"), Store.ABSENT));
        long b1 = rev(s.put("/t/b", b("b1"), Store.ABSENT));
        List<StoreEvent> seen = new CopyOnWriteArrayList<>();
        try (Store.Watch w = s.watch("/t/", s.revision(), seen::add)) {
            TxnResult stale = s.txn(List.of(new Store.Put("/t/a", b("a2"), a1), new Store.Put("/t/b", b("b2"), a1),
                    new Store.Put("/t/c", b("c1"), Store.ABSENT)));
            assertThat(stale).isEqualTo(new TxnResult.Conflicted(java.util.Map.of("/t/b", b1)));
            assertThat(new String(s.get("/t/a").orElseThrow().value(), StandardCharsets.UTF_8)).isEqualTo("a1");
            assertThat(s.get("/t/c")).isEmpty();
            assertThat(s.revision()).isEqualTo(b1);

            TxnResult ok = s.txn(List.of(new Store.Put("/t/a", b("a2"), a1), new Store.Put("/t/b", b("b2"), b1),
                    new Store.Put("/t/c", b("c1"), Store.ABSENT)));
            assertThat(ok).isInstanceOf(TxnResult.Committed.class);
            List<WriteResult.Applied> applied = ((TxnResult.Committed) ok).applied();
            assertThat(applied).hasSize(3);
            assertThat(applied).allSatisfy(x -> assertThat(x.revision()).isGreaterThan(b1));
            assertThat(new String(applied.get(0).previous(), StandardCharsets.UTF_8)).isEqualTo("a1");
            assertThat(applied.get(0).createRevision()).isEqualTo(a1);
            assertThat(applied.get(2).previous()).isNull();
            for (String k : List.of("/t/a", "/t/b", "/t/c")) {
                KeyValue kv = s.get(k).orElseThrow();
                assertThat(kv.modRevision()).isEqualTo(applied.get(k.charAt(3) - 'a').revision());
            }
            assertThat(s.revision()).isEqualTo(applied.get(2).revision());
            assertThat(s.txn(List.of(new Store.Put("/t/c", b("again"), Store.ABSENT))))
                    .isEqualTo(new TxnResult.Conflicted(java.util.Map.of("/t/c", applied.get(2).revision())));
            awaitSize(seen, 3);
        }
        assertThat(seen).extracting(e -> e.key() + " " + new String(e.value(), StandardCharsets.UTF_8))
                .containsExactly("/t/a a2", "/t/b b2", "/t/c c1");
    }
}
