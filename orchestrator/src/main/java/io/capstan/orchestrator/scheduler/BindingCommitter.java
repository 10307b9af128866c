package io.capstan.orchestrator.scheduler;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.store.Registry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler's pipelined group commit: while the scheduling thread filters and scores, this
 * committer's own thread writes the bindings placed so far, each transaction carrying everything
 * queued since the previous one began (at most {@code maxBatch}). A transaction that conflicts
 * (some instances changed since they were listed) writes nothing: the others are committed again
 * at once and the conflicted ones are handed back for the scheduling thread to retry one by one.
 * {@code T} is the scheduler's placement target, carried through untouched.
 */
final class BindingCommitter<T> implements AutoCloseable {
    /** One binding: the instance as bound, where, and when its placement started ({@link System#nanoTime()}). */
    record Binding<T>(ApiObject object, T target, long startedNanos) {
    }

    /**
     * What the committer did: bindings made durable, their latencies (placement start to durable),
     * when each became durable ({@code namespace/name} to {@link System#nanoTime()}), and the conflicted ones.
     */
    record Result<T>(int bound, List<Long> latencies, Map<String, Long> durableAt, List<Binding<T>> conflicted) {
    }

    private static final Binding<Object> END = new Binding<>(ApiObject.getDefaultInstance(), null, 0);
    private final Registry registry;
    private final int maxBatch;
    private final BlockingQueue<Binding<?>> queue;
    private final List<Long> latencies = new ArrayList<>();
    private final Map<String, Long> durableAt = new HashMap<>();
    private final List<Binding<T>> conflicted = new ArrayList<>();
    private final Thread thread;
    private volatile RuntimeException failure;
    private int bound;

    BindingCommitter(Registry registry, int maxBatch) {
        this.registry = Objects.requireNonNull(registry);
        this.maxBatch = maxBatch;
        // at most one batch ahead of the commit in flight: placements never wait behind a long backlog of their own
        this.queue = new ArrayBlockingQueue<>(maxBatch);
        this.thread = new Thread(this::run, "scheduler-commit");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a binding (waits when the committer is far behind). */
    void offer(ApiObject bound, T target, long startedNanos) {
        if (failure != null) {
            throw failure;
        }
        try {
            queue.put(new Binding<>(bound, target, startedNanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding", e);
        }
    }

    /** Waits until everything queued is committed (or conflicted). */
    Result<T> finish() {
        try {
            queue.put(END);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding", e);
        }
        if (failure != null) {
            throw failure;
        }
        return new Result<>(bound, latencies, durableAt, conflicted);
    }

    @SuppressWarnings("unchecked")
    private void run() {
        List<Binding<T>> batch = new ArrayList<>(maxBatch);
        boolean end = false;
        try {
            while (!end) {
                Binding<?> first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                List<Binding<?>> taken = new ArrayList<>(maxBatch);
                taken.add(first);
                queue.drainTo(taken, maxBatch - 1);
                batch.clear();
                for (Binding<?> b : taken) {
                    if (b == END) {
                        end = true;
                    } else {
                        batch.add((Binding<T>) b);
                    }
                }
                commit(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            // let a producer blocked on a full queue go on, so that it sees the failure
            queue.clear();
        }
    }

    private void commit(List<Binding<T>> batch) {
        List<Binding<T>> todo = new ArrayList<>(batch);
        while (!todo.isEmpty()) {
            Registry.BatchOutcome out = registry.updateAll(todo.stream().map(Binding::object).toList());
            if (out.ok()) {
                long now = System.nanoTime();
                for (Binding<T> b : todo) {
                    latencies.add(now - b.startedNanos());
                    durableAt.put(b.object().getMetadata().getNamespace() + "/" + b.object().getMetadata().getName(), now);
                }
                bound += todo.size();
                return;
            }
            List<Binding<T>> rest = new ArrayList<>();
            for (int k = 0; k < todo.size(); k++) {
                (out.conflicted().contains(k) ? conflicted : rest).add(todo.get(k));
            }
            todo = rest;
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
