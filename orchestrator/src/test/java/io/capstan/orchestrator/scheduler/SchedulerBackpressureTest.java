package io.capstan.orchestrator.scheduler;

import static io.capstan.orchestrator.scheduler.SchedulerFixtures.instance;
import static io.capstan.orchestrator.scheduler.SchedulerFixtures.node;
import static io.capstan.orchestrator.scheduler.SchedulerFixtures.open;
import static io.capstan.orchestrator.scheduler.SchedulerFixtures.perNode;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.store.ForwardingStore;
import io.capstan.orchestrator.store.Registry;
import io.capstan.orchestrator.store.SqliteStore;
import io.capstan.orchestrator.store.TxnResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler places no faster than the binder commits: with a store whose commits are slow,
 * placed-but-not-durable bindings never exceed the binder's bound; a commit
 * that fails loses no instance and leaves no capacity counted for it.
 */
class SchedulerBackpressureTest {
    @TempDir
    Path dir;

    /** A real SQLite store whose multi-key commits first sleep (a slow disk) or fail when told to. */
    private static final class SlowStore extends ForwardingStore {
        private final long sleepMs;
        private final int failTxn;
        private int txns;
        final List<Integer> bindingCommits = Collections.synchronizedList(new ArrayList<>());

        SlowStore(SqliteStore inner, long sleepMs, int failTxn) {
            super(inner);
            this.sleepMs = sleepMs;
            this.failTxn = failTxn;
        }

        @Override
        public TxnResult txn(List<Put> puts) {
            int n;
            synchronized (this) {
                n = ++txns;
            }
            if (n == failTxn) {
                throw new IllegalStateException("store txn failed: disk I/O error (injected)");
            }
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            TxnResult r = inner.txn(puts);
            if (r instanceof TxnResult.Committed) {
                bindingCommits.add(puts.size());
            }
            return r;
        }

    }

    /** Creates nodes and instances in a few commits straight on SQLite, before the slow wrapper is used. */
    private static void populate(SqliteStore store, int nodes, long nodeMb, int instances, long instMb) {
        Registry reg = new Registry(store);
        List<ApiObject> all = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            all.add(node("n" + n, 1_000_000, nodeMb));
        }
        for (int i = 0; i < instances; i++) {
            all.add(instance("i" + i, instMb));
        }
        for (int from = 0; from < all.size(); from += 100) {
            assertThat(reg.updateAll(all.subList(from, Math.min(all.size(), from + 100))).ok()).isTrue();
        }
    }

    /** The most bindings placed and not yet durable at one moment, from each binding's own timestamps. */
    private static int maxOverlap(List<Scheduler.Binding> bs) {
        int max = 0;
        for (Scheduler.Binding b : bs) {
            int n = 0;
            for (Scheduler.Binding o : bs) {
                if (o.placedNanos() <= b.placedNanos() && b.placedNanos() < o.durableNanos()) {
                    n++;
                }
            }
            max = Math.max(max, n);
        }
        return max;
    }

    @Test
    void withSlowCommitsInFlightStaysWithinTheBoundAndBatchesStayFull() throws Exception {
        try (SqliteStore sqlite = open(dir, "s.db")) {
            populate(sqlite, 4, 1_000_000, 600, 10);
            // every commit takes at least 30 ms: far above the binder's target of a few ms, and a full
            // batch of 100 then goes slower than 4,000/s, so batches stay full rather than shrink
            SlowStore slow = new SlowStore(sqlite, 30, 0);
            Registry reg = new Registry(slow);
            List<Scheduler.Binding> bound = Collections.synchronizedList(new ArrayList<>());
            try (Scheduler s = new Scheduler(reg, 100)) {
                s.onBound(bound::add);
                assertThat(s.schedule()).isEqualTo(600);
                assertThat(s.maxInFlight()).isLessThanOrEqualTo(s.inFlightBound());
            }
            // every instance bound once, where the store says it is
            assertThat(bound).hasSize(600);
            assertThat(bound.stream().map(Scheduler.Binding::key).distinct()).hasSize(600);
            Map<String, Long> per = perNode(reg);
            assertThat(per.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(600);
            // the scheduler never ran ahead of the disk by more than one batch (the old binder allowed a
            // full queue of 100 plus the commit of 100 in flight)
            assertThat(maxOverlap(bound)).isLessThanOrEqualTo(Binder.MAX_BATCH * Scheduler.DEPTH);
            assertThat(slow.bindingCommits).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(Binder.MAX_BATCH));
            assertThat(slow.bindingCommits).containsOnly(Binder.MAX_BATCH).hasSize(6);
        }
    }

    @Test
    void aFailedCommitLosesNoInstanceAndFreesWhatItHadAssumed() throws Exception {
        try (SqliteStore sqlite = open(dir, "f.db")) {
            // exactly room for all 300: an assumption the failed commit left counted would strand one
            populate(sqlite, 3, 1000, 300, 10);
            SlowStore failing = new SlowStore(sqlite, 0, 2);
            Registry reg = new Registry(failing);
            Map<String, Integer> reports = new HashMap<>();
            try (Scheduler s = new Scheduler(reg, 100)) {
                s.onBound(b -> {
                    synchronized (reports) {
                        reports.merge(b.key(), 1, Integer::sum);
                    }
                });
                int first = s.schedule();
                assertThat(first).isLessThan(300);
                assertThat(s.pendingCount()).isEqualTo(300 - first);
                assertThat(s.schedule()).isEqualTo(300 - first);
                assertThat(s.pendingCount()).isZero();
            }
            assertThat(reports).hasSize(300).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
            assertThat(perNode(reg)).containsExactlyInAnyOrderEntriesOf(Map.of("n0", 100L, "n1", 100L, "n2", 100L));
        }
    }
}
