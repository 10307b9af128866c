package io.capstan.orchestrator.scheduler;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.store.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Writes assumed placements on its own thread, as group commits: each store transaction carries
 * every binding queued while the previous one was being made durable (up to {@link #BATCH}), each
 * a compare-and-set on the instance's resource version. The queue holds at most one batch, so a
 * binding waits for at most the commit in flight and its own, and the scheduler places ahead of
 * the disk by no more than that. A binding that conflicts (the
 * instance changed since the cache saw it) is re-read and bound if it is still pending; otherwise
 * the cache forgets the assumption.
 */
final class Binder implements AutoCloseable {
    /**
     * Most bindings written in one store transaction (etcd refuses more than 128 operations in one
     * Txn). Also the queue's size: 1,000 was measured too (all pending at once: the same
     * placements/s, attempt p50 369 ms instead of 33–46 ms, since a commit of 1,000 costs ten times
     * the CPU of one of 100 and every binding queues behind a full batch).
     */
    static final int BATCH = 100;

    /** One placement to make durable. */
    record Request(ApiObject bound, String node, long queuedNanos, long placedNanos, Scheduler.Pass pass) {}

    private final Registry registry;
    private final SchedulerCache cache;
    private final Consumer<Scheduler.Binding> listener;
    private final int batch;
    private final BlockingQueue<Request> queue;
    private final Thread thread;
    private volatile boolean closed;

    Binder(Registry registry, SchedulerCache cache, Consumer<Scheduler.Binding> listener) {
        this.registry = Objects.requireNonNull(registry);
        this.cache = Objects.requireNonNull(cache);
        this.listener = Objects.requireNonNull(listener);
        this.batch = BATCH;
        this.queue = new ArrayBlockingQueue<>(batch);
        this.thread = new Thread(this::run, "scheduler-binder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a binding; blocks while a full batch is already waiting (back-pressure from the disk). */
    void submit(Request r) throws InterruptedException {
        if (closed) {
            cache.forget(r.bound());
            r.pass().done(false);
            return;
        }
        queue.put(r);
    }

    private void run() {
        List<Request> batch = new ArrayList<>(this.batch);
        while (!closed) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, this.batch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                // the store failed (or is closing): nothing of this batch was bound
                for (Request r : batch) {
                    cache.forget(r.bound());
                    r.pass().done(false);
                }
            }
            batch.clear();
        }
        List<Request> left = new ArrayList<>();
        queue.drainTo(left);
        for (Request r : left) {
            cache.forget(r.bound());
            r.pass().done(false);
        }
    }

    private void commit(List<Request> batch) {
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
                }
                return;
            }
            List<Request> rest = new ArrayList<>();
            for (int k = 0; k < todo.size(); k++) {
                Request r = todo.get(k);
                if (out.conflicted().contains(k)) {
                    retryAlone(r);
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
        closed = true;
        thread.interrupt();
    }
}
