package io.capstan.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The etcd-like contract of the SQLite store: revisions, compare-and-set, watches that resume, durability across reopen. */
class SqliteStoreTest {
    @TempDir
    Path dir;

    private SqliteStore open() throws Exception {
        return SqliteStore.open(dir.resolve("s.db"), k -> k.startsWith("/Secret/"), SecretBox.open(dir.resolve("key")));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void compareAndSetRefusesStaleWritesAndRevisionsGrow() throws Exception {
        try (SqliteStore s = open()) {
            WriteResult first = s.put("/a", b("1"), Store.ABSENT);
            assertThat(first).isInstanceOf(WriteResult.Applied.class);
            long r1 = ((WriteResult.Applied) first).revision();
            assertThat(s.put("/a", b("again"), Store.ABSENT)).isEqualTo(new WriteResult.Conflict(r1));
            WriteResult second = s.put("/a", b("2"), r1);
            long r2 = ((WriteResult.Applied) second).revision();
            assertThat(r2).isGreaterThan(r1);
            assertThat(s.put("/a", b("stale"), r1)).isEqualTo(new WriteResult.Conflict(r2));
            assertThat(s.delete("/a", r1)).isEqualTo(new WriteResult.Conflict(r2));
            assertThat(s.delete("/a", r2)).isInstanceOf(WriteResult.Applied.class);
            assertThat(s.get("/a")).isEmpty();
            assertThat(s.revision()).isEqualTo(r2 + 1);
        }
    }

    @Test
    void dataAndRevisionsSurviveReopenAndWatchesResumeFromARevision() throws Exception {
        long mid;
        try (SqliteStore s = open()) {
            s.put("/x/1", b("a"), Store.ANY);
            mid = s.revision();
            s.put("/x/2", b("b"), Store.ANY);
            s.put("/y/1", b("other prefix"), Store.ANY);
            s.delete("/x/1", Store.ANY);
        }
        try (SqliteStore s = open()) {
            assertThat(s.revision()).isEqualTo(4);
            assertThat(s.range("/x/").items()).extracting(KeyValue::key).containsExactly("/x/2");
            List<StoreEvent> seen = new CopyOnWriteArrayList<>();
            try (Store.Watch w = s.watch("/x/", mid, seen::add)) {
                s.put("/x/3", b("live"), Store.ANY);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (seen.size() < 3 && System.nanoTime() < end) {
                    Thread.sleep(10);
                }
            }
            assertThat(seen).extracting(e -> e.type() + " " + e.key() + " @" + e.revision())
                    .containsExactly("PUT /x/2 @2", "DELETE /x/1 @4", "PUT /x/3 @5");
        }
    }

    @Test
    void sensitiveValuesAreSealedOnDiskButReadableThroughTheStore() throws Exception {
        try (SqliteStore s = open()) {
            s.put("/Secret/default/db", b("very-secret-password"), Store.ANY);
            s.put("/ConfigMap/default/c", b("plain-config-value"), Store.ANY);
            assertThat(new String(s.get("/Secret/default/db").orElseThrow().value(), StandardCharsets.UTF_8)).isEqualTo("very-secret-password");
        }
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                all.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(all.toString()).doesNotContain("very-secret-password").contains("plain-config-value");
    }

    @Test
    void concurrentWritersShareCommitsWithoutLosingOrReorderingAnything() throws Exception {
        try (SqliteStore s = open()) {
            s.put("/counter", b("0"), Store.ABSENT);
            List<StoreEvent> seen = new CopyOnWriteArrayList<>();
            int threads = 8;
            int perThread = 40;
            try (Store.Watch w = s.watch("/", s.revision(), seen::add)) {
                List<Thread> ts = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    Thread th = new Thread(() -> {
                        for (int i = 0; i < perThread; i++) {
                            s.put("/own/" + id + "/" + i, b("x"), Store.ABSENT);
                            // a compare-and-set increment: retried until it applies, so every one counts once
                            while (true) {
                                KeyValue cur = s.get("/counter").orElseThrow();
                                int n = Integer.parseInt(new String(cur.value(), StandardCharsets.UTF_8));
                                if (s.put("/counter", b(Integer.toString(n + 1)), cur.modRevision()) instanceof WriteResult.Applied) {
                                    break;
                                }
                            }
                        }
                    });
                    th.start();
                    ts.add(th);
                }
                for (Thread th : ts) {
                    th.join();
                }
                int total = threads * perThread;
                assertThat(new String(s.get("/counter").orElseThrow().value(), StandardCharsets.UTF_8)).isEqualTo(Integer.toString(total));
                assertThat(s.range("/own/").items()).hasSize(total);
                assertThat(s.revision()).isEqualTo(1 + 2L * total);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (seen.size() < 2 * total && System.nanoTime() < end) {
                    Thread.sleep(10);
                }
            }
            // every write once, in revision order, with no gap
            assertThat(seen).extracting(StoreEvent::revision)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(2, 1 + 2L * threads * perThread).boxed().toList());
        }
        try (SqliteStore s = open()) {
            assertThat(s.revision()).isEqualTo(1 + 2L * 8 * 40);
            assertThat(s.range("/own/").items()).hasSize(8 * 40);
        }
    }
}
