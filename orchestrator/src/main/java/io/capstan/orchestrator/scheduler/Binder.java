package io.capstan.orchestrator.scheduler;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.store.Registry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes assumed placements on its own thread as group commits: each binding a compare-and-set
 * on the instance's resource version, and every batch the scheduler handed over while the last
 * commit ran in one store transaction (up to {@link #MAX_BATCH}). The pipeline limits itself: the scheduler asks for {@link #awaitRoom room} before
 * it places, and room is what keeps the placed-but-not-durable bindings within {@link #bound()} —
 * the batch being committed plus at most {@code depth - 1} batches placed ahead of it. So a
 * placement waits behind at most {@code depth - 1} commits, however far the scheduler could run
 * ahead of the disk, and instances not yet placed wait in the scheduler's queue, where later
 * cluster changes still reach them. The batch size adapts to the store ({@link BatchSizer}): one
 * commit should take a few ms, unless full batches then go slower than 4,000 placements/s. A binding that conflicts (the
 * instance changed since the cache saw it) is re-read and bound if it is still pending; a
 * commit that fails makes the cache forget every assumption of its batch, so those instances
 * queue again and nothing is lost.
 */
final class Binder implements AutoCloseable {
    /** Most bindings in one store transaction (etcd refuses more than 128 operations in one Txn). */
    static final int MAX_BATCH = 100;
    /** Fewest bindings a batch is shrunk to: with a slow disk, fewer would only cost fsyncs. */
    static final int MIN_BATCH = 16;
    /** One placement to make durable. */
    record Request(ApiObject bound, String node, long queuedNanos, long placedNanos, Scheduler.Pass pass) {}

    private final Registry registry;
    private final SchedulerCache cache;
    private final Consumer<Scheduler.Binding> listener;
    private final int depth;
    private final BatchSizer sizer;
    private final Thread thread;
    /** Batches handed over and not yet taken by the binder thread; guarded by {@code this}. */
    private final ArrayDeque<List<Request>> batches = new ArrayDeque<>();
    /** Bindings handed over and not yet durable or given up (queued plus the one commit). */
    private int inFlight;
    private int batchSize = MAX_BATCH;
    private int maxInFlight;
    private int maxCommitted;
    private long failedCommits;
    private boolean closed;

    /**
     * @param depth    how many batches may be in flight at once: 1 places the next batch only once
     *                 the previous is durable, 2 places one batch while the previous commits
     * @param minBatch fewest bindings a slow commit shrinks the batch to ({@link #MAX_BATCH}: fixed)
     */
    Binder(Registry registry, SchedulerCache cache, Consumer<Scheduler.Binding> listener, int depth, int minBatch) {
        if (depth < 1 || minBatch < 1 || minBatch > MAX_BATCH) {
            throw new IllegalArgumentException("depth must be at least 1, minBatch within 1.." + MAX_BATCH);
        }
        this.sizer = new BatchSizer(minBatch, MAX_BATCH);
        this.registry = Objects.requireNonNull(registry);
        this.cache = Objects.requireNonNull(cache);
        this.listener = Objects.requireNonNull(listener);
        this.depth = depth;
        this.thread = new Thread(this::run, "scheduler-binder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Most bindings ever in flight at once: {@code depth} full batches. */
    int bound() {
        return depth * MAX_BATCH;
    }

    /**
     * Waits until another batch may be placed and returns how many placements it may hold
     * (at least 1); returns 0 once closed.
     */
    synchronized int awaitRoom() throws InterruptedException {
        while (!closed && depth * batchSize - inFlight <= 0) {
            wait();
        }
        return closed ? 0 : Math.min(batchSize, depth * batchSize - inFlight);
    }

    /** Hands over one placed batch (no larger than {@link #awaitRoom} allowed). */
    void submit(List<Request> batch) {
        if (batch.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (!closed) {
                inFlight += batch.size();
                maxInFlight = Math.max(maxInFlight, inFlight);
                batches.add(List.copyOf(batch));
                notifyAll();
                return;
            }
        }
        giveUp(batch);
    }

    /** The most bindings that were ever placed and not yet durable at once (for tests and the bench). */
    synchronized int maxInFlight() {
        return maxInFlight;
    }

    /** The largest batch ever committed in one transaction. */
    synchronized int maxCommitted() {
        return maxCommitted;
    }

    /** Commits that failed so far (their instances were queued again); counted before room is given back. */
    synchronized long failedCommits() {
        return failedCommits;
    }

    /** The batch size the next placements are sized to. */
    synchronized int batchSize() {
        return batchSize;
    }

    private void run() {
        while (true) {
            List<Request> batch;
            synchronized (this) {
                while (!closed && batches.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        closed = true;
                    }
                }
                if (closed) {
                    break;
                }
                // group commit: every batch handed over while the last commit ran goes in this one
                batch = new ArrayList<>(batches.poll());
                while (!batches.isEmpty() && batch.size() + batches.peek().size() <= MAX_BATCH) {
                    batch.addAll(batches.poll());
                }
                maxCommitted = Math.max(maxCommitted, batch.size());
            }
            long c0 = System.nanoTime();
            long placed0 = c0;
            for (Request r : batch) {
                placed0 = Math.min(placed0, r.placedNanos());
            }
            Set<Request> finished = Collections.newSetFromMap(new IdentityHashMap<>());
            try {
                commit(batch, finished);
            } catch (RuntimeException e) {
                // the store failed (or is closing): what this batch had not yet bound is not bound
                List<Request> rest = new ArrayList<>(batch);
                rest.removeIf(finished::contains);
                giveUp(rest);
                synchronized (this) {
                    failedCommits++;
                }
            }
            long end = System.nanoTime();
            adapt(batch.size(), end - c0, end - placed0);
            synchronized (this) {
                inFlight -= batch.size();
                notifyAll();
            }
        }
        List<List<Request>> left;
        synchronized (this) {
            left = new ArrayList<>(batches);
            batches.clear();
        }
        for (List<Request> b : left) {
            giveUp(b);
        }
    }

    private synchronized void adapt(int size, long commitNanos, long cycleNanos) {
        batchSize = sizer.next(batchSize, size, commitNanos, cycleNanos);
    }

    private void giveUp(List<Request> batch) {
        for (Request r : batch) {
            cache.forget(r.bound());
            r.pass().done(false);
        }
    }

    private void commit(List<Request> batch, Set<Request> finished) {
        List<Request> todo = new ArrayList<>(batch);
        while (!todo.isEmpty()) {
            List<ApiObject> objects = new ArrayList<>(todo.size());
            todo.forEach(r -> objects.add(r.bound()));
            long c0 = System.nanoTime();
            Registry.BatchOutcome out = registry.updateAll(objects);
            if (out.ok()) {
                long now = System.nanoTime();
                for (int k = 0; k < todo.size(); k++) {
                    bound(todo.get(k), out.stored().get(k), c0, now);
                    finished.add(todo.get(k));
                }
                return;
            }
            List<Request> rest = new ArrayList<>();
            for (int k = 0; k < todo.size(); k++) {
                Request r = todo.get(k);
                if (out.conflicted().contains(k)) {
                    retryAlone(r);
                    finished.add(r);
                } else {
                    rest.add(r);
                }
            }
            todo = rest;
        }
    }

    /** The instance moved on since it was listed: bind it to the chosen node if it is still pending. */
    private void retryAlone(Request r) {
        long c0 = System.nanoTime();
        ApiObject i = r.bound();
        Optional<ApiObject> stored = registry.mutate(Kind.INSTANCE, i.getMetadata().getNamespace(), i.getMetadata().getName(), cur -> {
            if (!cur.getInstance().getSpec().getNode().isEmpty() || cur.getInstance().getSpec().getTerminating()) {
                return null;
            }
            return Scheduler.withBinding(cur, r.bound().getInstance().getSpec().getNode(), r.bound().getInstance().getStatus().getAddress());
        });
        if (stored.isPresent() && stored.get().getInstance().getSpec().getNode().equals(r.node())
                && stored.get().getMetadata().getResourceVersion() != i.getMetadata().getResourceVersion()) {
            bound(r, stored.get(), c0, System.nanoTime());
        } else {
            cache.forget(i);
            r.pass().done(false);
        }
    }

    private void bound(Request r, ApiObject stored, long commitStart, long now) {
        cache.confirm(stored);
        // reported before the pass counts it done, so a synchronous caller sees every report
        listener.accept(new Scheduler.Binding(SchedulerCache.key(stored), r.node(), r.queuedNanos(), r.placedNanos(), commitStart, now));
        r.pass().done(true);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        thread.interrupt();
    }
}
