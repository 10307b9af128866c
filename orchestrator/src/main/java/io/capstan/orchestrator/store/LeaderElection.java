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
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Leader election on etcd with a lease: a candidate becomes leader by creating the election key
 * bound to its lease (a transaction that succeeds only when the key is absent), and stays leader
 * while it keeps the lease alive. A leader that dies stops renewing, etcd expires the lease after
 * its TTL and deletes the key, and the next candidate to try wins. A leader that cannot renew
 * (or finds the key no longer its own) steps down at once; a leader that closes revokes its lease
 * so the handover is immediate.
 */
public final class LeaderElection implements AutoCloseable {
    /** Told when this candidate gains or loses leadership; called on the election thread. */
    public interface Listener {
        void elected();

        void demoted();
    }

    private final Client client;
    private final ByteSequence key;
    private final ByteSequence identity;
    private final long ttlSeconds;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean abandoned;
    private volatile boolean leader;
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

    public boolean isLeader() {
        return leader;
    }

    private void run() {
        long tick = Math.max(200, ttlSeconds * 1000 / 3);
        while (running) {
            try {
                step();
            } catch (RuntimeException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                stepDown();
                lease = 0;
            } catch (InterruptedException e) {
                break;
            }
            try {
                Thread.sleep(leader ? tick : Math.max(100, tick / 2));
            } catch (InterruptedException e) {
                break;
            }
        }
        stepDown();
        if (!abandoned && lease != 0) {
            client.getLeaseClient().revoke(lease);
        }
    }

    private void step() throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        if (lease == 0) {
            lease = client.getLeaseClient().grant(ttlSeconds).get(5, TimeUnit.SECONDS).getID();
        } else {
            long left = client.getLeaseClient().keepAliveOnce(lease).get(5, TimeUnit.SECONDS).getTTL();
            if (left <= 0) {
                throw new IllegalStateException("lease expired");
            }
        }
        if (leader) {
            var kvs = client.getKVClient().get(key).get(5, TimeUnit.SECONDS).getKvs();
            if (kvs.isEmpty() || kvs.get(0).getLease() != lease) {
                stepDown();
            }
            return;
        }
        TxnResponse r = client.getKVClient().txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(key, identity, PutOption.builder().withLeaseId(lease).build()))
                .Else(Op.get(key, GetOption.DEFAULT)).commit().get(5, TimeUnit.SECONDS);
        if (r.isSucceeded() && running) {
            leader = true;
            listener.elected();
        }
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
