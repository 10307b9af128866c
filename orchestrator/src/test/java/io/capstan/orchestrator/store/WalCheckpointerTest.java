package io.capstan.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's checkpoints run on their own thread: committed pages reach the database file without
 * any write doing it, and each checkpoint that copied pages is reported with when it ran (which the
 * scheduler bench lines slow commits up with).
 */
class WalCheckpointerTest {
    @TempDir
    Path dir;

    @Test
    void committedPagesReachTheDatabaseFileAndEachCheckpointIsReported() throws Exception {
        Path file = dir.resolve("s.db");
        long t0 = System.nanoTime();
        try (SqliteStore s = SqliteStore.open(file, k -> false, SecretBox.open(dir.resolve("key")))) {
            List<Store.Put> puts = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                puts.add(new Store.Put("/k/" + i, ("value " + i).repeat(20).getBytes(StandardCharsets.UTF_8), Store.ABSENT));
            }
            assertThat(s.txn(puts)).isInstanceOf(TxnResult.Committed.class);
            long t1 = System.nanoTime();
            // a checkpoint that starts after the commit copies it; the checkpointer runs once a
            // second, and a loaded machine may delay it, so wait generously
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (s.checkpointWindows().stream().noneMatch(w -> w[0] > t1) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(s.checkpointWindows()).anyMatch(w -> w[0] > t1).allSatisfy(w -> {
                assertThat(w[0]).isGreaterThan(t0);
                assertThat(w[1]).isGreaterThanOrEqualTo(w[0]);
            });
            // 500 values of about 140 bytes, each in the kv and the log table, are in the database file itself
            assertThat(Files.size(file)).isGreaterThan(2 * 500 * 140);
        }
        try (SqliteStore again = SqliteStore.open(file, k -> false, SecretBox.open(dir.resolve("key")))) {
            assertThat(again.range("/k/").items()).hasSize(500);
        }
    }
}
