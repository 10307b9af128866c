package io.capstan.orchestrator.scheduler;

import static io.capstan.orchestrator.scheduler.SchedulerFixtures.instance;
import static io.capstan.orchestrator.scheduler.SchedulerFixtures.node;
import static io.capstan.orchestrator.scheduler.SchedulerFixtures.open;
import static io.capstan.orchestrator.scheduler.SchedulerFixtures.perNode;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.store.Registry;
import io.capstan.orchestrator.store.SqliteStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One long-lived scheduler whose cache follows the store's watch: it sees instances and nodes
 * created, changed and deleted after its first pass, counts its own bindings before they are
 * written, and a second scheduler (a new leader) starts from what is bound.
 */
class SchedulerCacheTest {
    @TempDir
    Path dir;

    private static String nodeOf(Registry reg, String instance) {
        return reg.get(Kind.INSTANCE, "default", instance).orElseThrow().getInstance().getSpec().getNode();
    }

    @Test
    void laterInstancesAreSeenAndCapacityFreedByADeletionIsReused() throws Exception {
        try (SqliteStore store = open(dir, "s.db"); Scheduler s = new Scheduler(new Registry(store), 100)) {
            Registry reg = new Registry(store);
            reg.create(node("a", 4000, 1024));
            reg.create(instance("i1", 512));
            reg.create(instance("i2", 512));
            assertThat(s.schedule()).isEqualTo(2);
            reg.create(instance("i3", 512));
            assertThat(s.schedule()).isZero();
            assertThat(reg.get(Kind.INSTANCE, "default", "i3").orElseThrow().getInstance().getStatus().getMessage())
                    .isEqualTo("0/1 nodes are available: 1 insufficient memory");
            assertThat(reg.delete(Kind.INSTANCE, "default", "i1", 0).ok()).isTrue();
            assertThat(s.schedule()).isEqualTo(1);
            assertThat(nodeOf(reg, "i3")).isEqualTo("a");
            assertThat(s.pendingCount()).isZero();
        }
    }

    @Test
    void aNodeThatTurnsNotReadyGetsNothingAndANewNodeIsUsed() throws Exception {
        try (SqliteStore store = open(dir, "s.db"); Scheduler s = new Scheduler(new Registry(store), 100)) {
            Registry reg = new Registry(store);
            reg.create(node("a", 4000, 4096));
            reg.create(node("b", 4000, 4096));
            assertThat(s.schedule()).isZero();
            reg.mutate(Kind.NODE, "", "a", n -> {
                var b = n.toBuilder();
                b.getNodeBuilder().getStatusBuilder().setCondition("NotReady");
                return b.build();
            });
            for (int i = 0; i < 4; i++) {
                reg.create(instance("i" + i, 100));
            }
            assertThat(s.schedule()).isEqualTo(4);
            assertThat(List.of("i0", "i1", "i2", "i3")).allSatisfy(i -> assertThat(nodeOf(reg, i)).isEqualTo("b"));
            reg.create(node("c", 4000, 4096));
            reg.create(instance("i4", 100));
            assertThat(s.schedule()).isEqualTo(1);
            assertThat(nodeOf(reg, "i4")).isEqualTo("c");
        }
    }

    @Test
    void asynchronousPassesReportEveryDurableBindingWithoutOverfillingANode() throws Exception {
        try (SqliteStore store = open(dir, "s.db"); Scheduler s = new Scheduler(new Registry(store), 100)) {
            Registry reg = new Registry(store);
            reg.create(node("a", 4000, 1000));
            reg.create(node("b", 4000, 1000));
            Map<String, String> bound = new ConcurrentHashMap<>();
            s.onBound(b -> bound.put(b.key(), b.node()));
            for (int i = 0; i < 25; i++) {
                reg.create(instance("i" + i, 100));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (bound.size() < 20 && System.nanoTime() < deadline) {
                if (s.awaitPending(100)) {
                    s.scheduleAsync();
                }
            }
            assertThat(bound).hasSize(20);
            assertThat(perNode(reg)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 10L, "b", 10L));
            bound.forEach((key, node) -> assertThat(nodeOf(reg, key.substring(key.lastIndexOf('/') + 1))).isEqualTo(node));
        }
    }

    /**
     * The cache skips decoding a watch event for an instance it already holds at that revision (the
     * binder confirmed its own binding first); a later change by another writer must still reach it.
     */
    @Test
    void anInstanceUnboundByAnotherWriterAfterItsBindingIsPlacedAgain() throws Exception {
        try (SqliteStore store = open(dir, "s.db"); Scheduler s = new Scheduler(new Registry(store), 100)) {
            Registry reg = new Registry(store);
            reg.create(node("a", 4000, 1000));
            reg.create(instance("x", 600));
            assertThat(s.schedule()).isEqualTo(1);
            ApiObject bound = reg.get(Kind.INSTANCE, "default", "x").orElseThrow();
            assertThat(bound.getInstance().getSpec().getNode()).isEqualTo("a");
            var b = bound.toBuilder();
            b.getInstanceBuilder().getSpecBuilder().setNode("");
            assertThat(reg.update(b.build(), false).ok()).isTrue();
            // were the unbinding missed, x would still count 600 MB on a and never be queued again
            assertThat(s.schedule()).isEqualTo(1);
            assertThat(nodeOf(reg, "x")).isEqualTo("a");
            reg.create(instance("y", 600));
            assertThat(s.schedule()).isZero();
            assertThat(nodeOf(reg, "y")).isEmpty();
        }
    }

    @Test
    void aNewSchedulerCountsWhatIsAlreadyBound() throws Exception {
        try (SqliteStore store = open(dir, "s.db")) {
            Registry reg = new Registry(store);
            reg.create(node("a", 4000, 1024));
            reg.create(instance("first", 768));
            try (Scheduler old = new Scheduler(reg, 100)) {
                assertThat(old.schedule()).isEqualTo(1);
            }
            reg.create(instance("second", 512));
            reg.create(instance("third", 256));
            try (Scheduler next = new Scheduler(reg, 100)) {
                assertThat(next.schedule()).isEqualTo(1);
                assertThat(nodeOf(reg, "third")).isEqualTo("a");
                assertThat(nodeOf(reg, "second")).isEmpty();
            }
        }
    }
}
