package io.capstan.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three candidates on a three-member etcd cluster: exactly one leads; when the leader dies
 * without a goodbye (its lease must expire) another takes over within a few seconds, and at no
 * sampled moment do two live candidates both lead; a leader that closes hands over at once.
 */
class LeaderElectionTest {
    @TempDir
    Path dir;

    @Test
    void oneLeaderAtATimeAndFailoverWithinTheLeaseTtl() throws Exception {
        try (EtcdProcesses etcd = EtcdProcesses.start(3);
             EtcdStore store = EtcdStore.connect(etcd.endpoints(), "/le-" + UUID.randomUUID(), k -> false, SecretBox.open(dir.resolve("k")))) {
            AtomicInteger elections = new AtomicInteger();
            List<LeaderElection> candidates = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                candidates.add(LeaderElection.start(store, "scheduler", "server-" + i, Duration.ofSeconds(2), new LeaderElection.Listener() {
                    @Override
                    public void elected() {
                        elections.incrementAndGet();
                    }

                    @Override
                    public void demoted() {
                    }
                }));
            }
            try {
                LeaderElection first = awaitSingleLeader(candidates, Duration.ofSeconds(10));
                Thread.sleep(3000);
                assertThat(leaders(candidates)).containsExactly(first);
                assertThat(elections.get()).isEqualTo(1);

                long t0 = System.nanoTime();
                first.abandon();
                List<LeaderElection> alive = new ArrayList<>(candidates);
                alive.remove(first);
                LeaderElection second = awaitSingleLeader(alive, Duration.ofSeconds(10));
                long failoverMs = (System.nanoTime() - t0) / 1_000_000;
                assertThat(failoverMs).as("failover after a silent leader death, ms").isLessThan(6_000);
                assertThat(elections.get()).isEqualTo(2);

                t0 = System.nanoTime();
                second.close();
                alive.remove(second);
                awaitSingleLeader(alive, Duration.ofSeconds(5));
                assertThat((System.nanoTime() - t0) / 1_000_000).as("handover after a clean close, ms").isLessThan(2_000);
            } finally {
                candidates.forEach(LeaderElection::close);
            }
        }
    }

    private static List<LeaderElection> leaders(List<LeaderElection> cs) {
        return cs.stream().filter(LeaderElection::isLeader).toList();
    }

    private static LeaderElection awaitSingleLeader(List<LeaderElection> cs, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            List<LeaderElection> l = leaders(cs);
            assertThat(l.size()).as("leaders at once").isLessThanOrEqualTo(1);
            if (l.size() == 1) {
                return l.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no leader within " + within);
    }
}
