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
 * without a goodbye (its lease must expire) another takes over once its lease expires, and at no
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
                LeaderElection first = awaitSingleLeader(candidates, Duration.ofSeconds(60));
                Thread.sleep(3000);
                assertThat(leaders(candidates)).containsExactly(first);
                assertThat(elections.get()).isEqualTo(1);

                long t0 = System.nanoTime();
                first.abandon();
                List<LeaderElection> alive = new ArrayList<>(candidates);
                alive.remove(first);
                // how soon depends on the lease TTL and the machine: the bound is generous, the order is checked
                LeaderElection second = awaitSingleLeader(alive, Duration.ofSeconds(60));
                assertThat(first.isLeader()).as("the silent leader stopped leading before another won").isFalse();
                assertThat(elections.get()).isEqualTo(2);
                System.out.printf("leader election: failover after a silent death %d ms%n", (System.nanoTime() - t0) / 1_000_000);

                // a clean close revokes the lease before it returns: the election key is no longer its own
                String secondIdentity = "server-" + candidates.indexOf(second);
                second.close();
                assertThat(leaderKeyHolder(store)).as("election key right after close").isNotEqualTo(secondIdentity);
                alive.remove(second);
                awaitSingleLeader(alive, Duration.ofSeconds(60));
            } finally {
                candidates.forEach(LeaderElection::close);
            }
        }
    }

    /**
     * The leader's etcd member freezes (SIGSTOP: its connection stays open, nothing answers, a
     * renewal hangs). The other members expire the lease and another candidate wins; the frozen
     * side must have stopped leading before that, not when its hanging call times out. The order
     * is causal, not timed: etcd counts the TTL from when it received the last renewal, the
     * candidate from when it sent it. B is sampled before A, so a B that leads at its sample was
     * elected before A's sample: two leaders in one sample are two leaders at one moment.
     */
    @Test
    void aLeaderCutOffFromEtcdStopsLeadingBeforeAnotherIsElected() throws Exception {
        try (EtcdProcesses etcd = EtcdProcesses.start(3)) {
            String root = "/le-" + UUID.randomUUID();
            SecretBox box = SecretBox.open(dir.resolve("k"));
            AtomicInteger demotedA = new AtomicInteger();
            try (EtcdStore onM0 = EtcdStore.connect(etcd.endpoint(0), root, k -> false, box);
                 EtcdStore onOthers = EtcdStore.connect(etcd.endpoint(1) + "," + etcd.endpoint(2), root, k -> false, box)) {
                LeaderElection a = LeaderElection.start(onM0, "controllers", "a", Duration.ofSeconds(2), counting(new AtomicInteger(), demotedA));
                LeaderElection b = null;
                try {
                    assertThat(awaitSingleLeader(List.of(a), Duration.ofSeconds(60))).isSameAs(a);
                    b = LeaderElection.start(onOthers, "controllers", "b", Duration.ofSeconds(2), counting(new AtomicInteger(), new AtomicInteger()));
                    etcd.pause(0);
                    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    boolean bLeads = false;
                    while (!bLeads && System.nanoTime() < end) {
                        bLeads = b.isLeader();
                        boolean aLeads = a.isLeader();
                        assertThat(bLeads && aLeads).as("B leads while A, cut off from etcd, still leads").isFalse();
                        Thread.sleep(5);
                    }
                    assertThat(bLeads).as("B elected after A's lease expired in etcd").isTrue();
                    assertThat(a.isLeader()).isFalse();
                    awaitCount(demotedA, 1, Duration.ofSeconds(60));
                } finally {
                    etcd.resume(0);
                    a.close();
                    if (b != null) {
                        b.close();
                    }
                }
            }
        }
    }

    /**
     * The leader's lease ends under it (revoked here, as etcd does when it expires it): the
     * leader must notice, step down, and campaign again on a new lease rather than keep renewing
     * a lease that is gone or stop campaigning.
     */
    @Test
    void aLeaderWhoseLeaseEndsStepsDownAndCampaignsAgain() throws Exception {
        try (EtcdProcesses etcd = EtcdProcesses.start(1);
             EtcdStore store = EtcdStore.connect(etcd.endpoints(), "/le-" + UUID.randomUUID(), k -> false, SecretBox.open(dir.resolve("k")))) {
            AtomicInteger elected = new AtomicInteger();
            AtomicInteger demoted = new AtomicInteger();
            try (LeaderElection e = LeaderElection.start(store, "controllers", "only", Duration.ofSeconds(2), counting(elected, demoted))) {
                awaitSingleLeader(List.of(e), Duration.ofSeconds(60));
                var key = io.etcd.jetcd.ByteSequence.from(store.root() + "/\0leader/controllers", java.nio.charset.StandardCharsets.UTF_8);
                long lease = store.client().getKVClient().get(key).get(10, java.util.concurrent.TimeUnit.SECONDS).getKvs().get(0).getLease();
                store.client().getLeaseClient().revoke(lease).get(10, java.util.concurrent.TimeUnit.SECONDS);
                awaitCount(demoted, 1, Duration.ofSeconds(60));
                awaitCount(elected, 2, Duration.ofSeconds(60));
                assertThat(e.isLeader()).isTrue();
                long now = store.client().getKVClient().get(key).get(10, java.util.concurrent.TimeUnit.SECONDS).getKvs().get(0).getLease();
                assertThat(now).as("the key is bound to a new lease").isNotEqualTo(lease);
            }
        }
    }

    private static LeaderElection.Listener counting(AtomicInteger elected, AtomicInteger demoted) {
        return new LeaderElection.Listener() {
            @Override
            public void elected() {
                elected.incrementAndGet();
            }

            @Override
            public void demoted() {
                demoted.incrementAndGet();
            }
        };
    }

    private static void awaitCount(AtomicInteger n, int atLeast, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (n.get() < atLeast && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(n.get()).isGreaterThanOrEqualTo(atLeast);
    }

    /** Who holds the "scheduler" election key now, or "" when nobody does. */
    private static String leaderKeyHolder(EtcdStore store) throws Exception {
        var key = io.etcd.jetcd.ByteSequence.from(store.root() + "/\0leader/scheduler", java.nio.charset.StandardCharsets.UTF_8);
        var kvs = store.client().getKVClient().get(key).get(30, java.util.concurrent.TimeUnit.SECONDS).getKvs();
        return kvs.isEmpty() ? "" : kvs.get(0).getValue().toString(java.nio.charset.StandardCharsets.UTF_8);
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
