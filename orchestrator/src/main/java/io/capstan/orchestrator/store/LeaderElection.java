package io.capstan.orchestrator.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Leader election on etcd with a lease: a candidate becomes leader by creating the election key
 * bound to its lease (a transaction that succeeds only when the key is absent), and stays leader
 * while it keeps the lease alive. A leader that dies stops renewing, etcd expires the lease after
 * its TTL and deletes the key, and the next candidate to try wins. A leader that closes revokes
 * its lease so the handover is immediate.
 *
 * <p>Leadership is bounded by the local clock, not by the last answer: every renewal that etcd
 * answers proves the lease lives at least its TTL counted from when the renewal was <em>sent</em>
 * (etcd counts from when it received it), so {@link #isLeader} turns false by itself at that
 * deadline (less a margin) even while a renewal hangs on a stopped or partitioned member. Before
 * the lease can expire in etcd and another candidate win, this one has stopped leading. Until that
 * deadline a failed renewal (the member the client talks to died, the cluster is between leaders)
 * is retried on the same lease, so a short etcd outage does not hand leadership over for nothing.
 */
public final class LeaderElection implements AutoCloseable {
    /** Told when this candidate gains or loses leadership; called on the election thread. */
    public interface Listener {
        void elected();

        void demoted();
    }

    private static final long CALL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long RETRY_MILLIS = 100;

    private final Client client;
    private final ByteSequence key;
    private final ByteSequence identity;
    private final long ttlSeconds;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean abandoned;
    private volatile boolean leader;
    /** System.nanoTime() before which the lease surely still lives in etcd. */
    private volatile long leaseDeadline;
    private long lease;

    private LeaderElection(EtcdStore store, String name, String identity, Duration ttl, Listener listener) {
        this.client = store.client();
        this.key = ByteSequence.from(store.root() + "/\0leader/" + name, StandardCharsets.UTF_8);
        this.identity = ByteSequence.from(Objects.requireNonNull(identity), StandardCharsets.UTF_8);
        this.ttlSeconds = Math.max(1, ttl.toSeconds());
        this.listener = Objects.requireNonNull(listener);
        this.thread = new Thread(this::run, "leader-election " + name);
        this.thread.setDaemon(true);
    }

    /** Starts campaigning for {@code name} as {@code identity}; the lease lives {@code ttl} without renewal. */
    public static LeaderElection start(EtcdStore store, String name, String identity, Duration ttl, Listener listener) {
        LeaderElection e = new LeaderElection(store, name, identity, ttl, listener);
        e.thread.start();
        return e;
    }

    /** True while this candidate leads and its lease has surely not expired in etcd. */
    public boolean isLeader() {
        return leader && leaseAlive();
    }

    private boolean leaseAlive() {
        return System.nanoTime() - leaseDeadline < 0;
    }

    private void run() {
        long tick = Math.max(200, ttlSeconds * 1000 / 3);
        while (running) {
            boolean failed = false;
            try {
                step();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // etcd unreachable or between leaders: keep the lease and retry until it may have expired
                failed = true;
                if (lease != 0 && !leaseAlive()) {
                    stepDown();
                    lease = 0;
                }
            } catch (InterruptedException e) {
                break;
            }
            try {
                Thread.sleep(failed ? RETRY_MILLIS : leader ? tick : Math.max(100, tick / 2));
            } catch (InterruptedException e) {
                break;
            }
        }
        stepDown();
        if (!abandoned && lease != 0) {
            revoke();
        }
    }

    /**
     * Revokes the lease and waits (up to 2 s) for etcd to confirm, even across the interrupt of
     * {@link #close}: a store closed right after must not swallow the revoke, or the handover
     * would take a whole TTL.
     */
    private void revoke() {
        CompletableFuture<?> f = client.getLeaseClient().revoke(lease);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (true) {
            try {
                f.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                return;
            } catch (InterruptedException e) {
                // close() interrupts this thread; keep waiting for the revoke
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                return; // the lease expires by itself
            }
        }
    }

    /** Waits for a call no longer than the lease surely lives while leading (a hung call must not extend leadership). */
    private <T> T await(CompletableFuture<T> call) throws InterruptedException, ExecutionException, TimeoutException {
        long wait = CALL_TIMEOUT_NANOS;
        if (leader) {
            wait = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(wait, leaseDeadline - System.nanoTime()));
        }
        try {
            return call.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw e;
        }
    }

    private void step() throws InterruptedException, ExecutionException, TimeoutException {
        if (leader && !leaseAlive()) {
            stepDown();
        }
        long sent = System.nanoTime();
        if (lease == 0) {
            var g = await(client.getLeaseClient().grant(ttlSeconds));
            lease = g.getID();
            extend(sent, g.getTTL());
        } else {
            long left;
            try {
                left = await(client.getLeaseClient().keepAliveOnce(lease)).getTTL();
            } catch (ExecutionException e) {
                if (!String.valueOf(e.getCause() == null ? null : e.getCause().getMessage()).contains("lease not found")) {
                    throw e;
                }
                left = 0;
            }
            if (left <= 0) {
                // the lease expired in etcd (and with it the key, if we held it): start again with a new one
                stepDown();
                lease = 0;
                return;
            }
            extend(sent, left);
        }
        if (leader) {
            var kvs = await(client.getKVClient().get(key)).getKvs();
            if (kvs.isEmpty() || kvs.get(0).getLease() != lease) {
                stepDown();
            }
            return;
        }
        TxnResponse r = await(client.getKVClient().txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(key, identity, PutOption.builder().withLeaseId(lease).build()))
                .Else(Op.get(key, GetOption.DEFAULT)).commit());
        // the key may be ours already: an earlier campaign that timed out did apply; without this check
        // the key would stay bound to a lease we keep alive, and nobody would ever lead
        boolean ours = r.isSucceeded() || holdsKey(r);
        if (ours && running && leaseAlive()) {
            leader = true;
            listener.elected();
        }
    }

    private boolean holdsKey(TxnResponse r) {
        List<io.etcd.jetcd.kv.GetResponse> gets = r.getGetResponses();
        return !gets.isEmpty() && !gets.get(0).getKvs().isEmpty() && gets.get(0).getKvs().get(0).getLease() == lease;
    }

    /** Etcd answered a grant or renewal sent at {@code sent}: the lease lives {@code ttl} seconds from then. */
    private void extend(long sent, long ttl) {
        long nanos = TimeUnit.SECONDS.toNanos(ttl);
        // a tenth of the TTL (at most half a second) is kept back for the two processes' clocks drifting apart
        leaseDeadline = sent + nanos - Math.min(nanos / 10, TimeUnit.MILLISECONDS.toNanos(500));
    }

    private void stepDown() {
        if (leader) {
            leader = false;
            listener.demoted();
        }
    }

    /** What {@code kill -9} does to a leader: it stops renewing without revoking, so the lease must expire. */
    public void abandon() throws InterruptedException {
        abandoned = true;
        close();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
