package io.capstan.orchestrator.scheduler;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Instance;
import io.capstan.orchestrator.api.v1.Resources;
import io.capstan.orchestrator.store.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Places pending instances on nodes: filters (node Ready and schedulable, constraints, resources
 * fit), scores (least allocated, spread of a deployment across nodes) at most {@code maxScored}
 * feasible nodes per placement, and binds durably with compare-and-set. The cluster comes from a
 * watch-fed {@link SchedulerCache} (listed once, then kept current), so a pass costs O(pending);
 * each placement is assumed in the cache and handed to the {@link Binder}, which writes bindings
 * as group commits on its own thread (kube-scheduler's assume-then-bind). Placement is held back
 * to the binder's pace: a batch is placed only when the binder has room for it, so at most
 * {@code depth} batches are placed and not yet durable, and an attempt waits for about one commit
 * instead of a queue of them. {@link #start} runs passes on the scheduler's own thread, woken by
 * the cache when an instance is pending. An instance that fits nowhere is told why, e.g.
 * {@code 0/3 nodes are available: 2 insufficient memory, 1 NotReady}, and waits until the
 * cluster changes.
 */
public final class Scheduler implements AutoCloseable {
    private final Registry registry;
    private final int maxScored;
    private final SchedulerCache cache;
    private final Binder binder;
    private volatile Consumer<Binding> listener = b -> { };
    private int offset;
    private volatile Thread thread;
    private volatile boolean closed;

    /** Batches placed ahead of the one being committed, plus that one: see {@link Binder}. */
    static final int DEPTH = 1;

    /**
     * A durable binding: the instance key, its node, and ({@link System#nanoTime()}) when the
     * scheduler's watch first queued it, when it was placed, when the store transaction that carried
     * it started, and when that became durable.
     */
    public record Binding(String key, String node, long queuedNanos, long placedNanos, long commitStartNanos, long durableNanos) {}

    public Scheduler(Registry registry, int maxScored) {
        this(registry, maxScored, DEPTH, Binder.MIN_BATCH);
    }

    /** With the binder's pipeline depth and smallest batch chosen (tests and the bench). */
    Scheduler(Registry registry, int maxScored, int depth, int minBatch) {
        this.registry = Objects.requireNonNull(registry);
        this.maxScored = maxScored;
        this.cache = new SchedulerCache(registry);
        this.binder = new Binder(registry, cache, b -> listener.accept(b), depth, minBatch);
    }

    /**
     * Runs passes on the scheduler's own thread (not inside the controllers' pass): one starts as
     * soon as an instance is pending, while {@code active} holds (the leader of a replicated
     * control plane). A failed pass (the store closing or failing) is retried after 100 ms.
     */
    public synchronized void start(BooleanSupplier active) {
        Objects.requireNonNull(active);
        if (thread != null) {
            throw new IllegalStateException("scheduler already started");
        }
        thread = new Thread(() -> loop(active), "scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(BooleanSupplier active) {
        while (!closed) {
            try {
                if (!active.getAsBoolean()) {
                    Thread.sleep(100);
                } else if (awaitPending(100)) {
                    long failed = binder.failedCommits();
                    scheduleAsync();
                    if (binder.failedCommits() != failed) {
                        Thread.sleep(100); // the store is failing: do not spin on it
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Most bindings ever placed and not yet durable at once, and the bound it must stay within. */
    int maxInFlight() {
        return binder.maxInFlight();
    }

    int inFlightBound() {
        return binder.bound();
    }

    /** The largest batch the binder committed in one store transaction. */
    int maxCommitted() {
        return binder.maxCommitted();
    }

    /** The batch size the binder currently asks for. */
    int batchSize() {
        return binder.batchSize();
    }

    /** Called on the binder's thread for every binding once it is durable. */
    public void onBound(Consumer<Binding> listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    /**
     * One pass over every instance pending now, waiting until their bindings are durable; returns
     * how many were bound. Sees every write made before the call.
     */
    public synchronized int schedule() {
        try {
            cache.ensureSynced();
            cache.awaitCaughtUp(2_000);
            Pass pass = placeAll();
            return pass.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * Places every instance pending now and returns how many were placed, without waiting for the
     * bindings to be written (they become durable on the binder's thread, see {@link #onBound}).
     */
    public synchronized int scheduleAsync() {
        try {
            cache.ensureSynced();
            return placeAll().placed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Waits up to {@code maxMillis} for a pending instance; true when one is waiting. */
    public boolean awaitPending(long maxMillis) throws InterruptedException {
        cache.ensureSynced();
        return cache.awaitPending(maxMillis);
    }

    /** Instances waiting for a node (queued or unschedulable for now), as the cache sees them. */
    public int pendingCount() {
        return cache.pendingCount();
    }

    /** Bindings of one pass still being written; {@link #await} returns how many became durable. */
    static final class Pass {
        private int outstanding;
        private int bound;
        int placed;

        synchronized void add() {
            outstanding++;
            placed++;
        }

        synchronized void done(boolean ok) {
            outstanding--;
            if (ok) {
                bound++;
            }
            notifyAll();
        }

        synchronized int await() throws InterruptedException {
            while (outstanding > 0) {
                wait();
            }
            return bound;
        }
    }

    private Pass placeAll() throws InterruptedException {
        Pass pass = new Pass();
        long failed = binder.failedCommits();
        while (cache.hasPending()) {
            // back-pressure: place no more than the binder has room for, the rest waits queued
            int room = binder.awaitRoom();
            if (room == 0 || binder.failedCommits() != failed) {
                break; // closed, or a commit failed: its instances are queued again for a later pass
            }
            List<ApiObject> pending = cache.takePending(room);
            if (pending.isEmpty()) {
                break;
            }
            List<Binder.Request> batch = new ArrayList<>(pending.size());
            for (ApiObject i : pending) {
                long t0 = System.nanoTime();
                Placement p;
                synchronized (cache) {
                    p = place(i, cache.nodes());
                    if (p.node() != null) {
                        cache.assume(i, p.node().name);
                    }
                }
                if (p.node() == null) {
                    cache.unschedulable(i);
                    explain(i, p.why());
                    continue;
                }
                pass.add();
                batch.add(new Binder.Request(withBinding(i, p.node().name, p.node().node.getNode().getSpec().getAddress()),
                        p.node().name, cache.queuedAt(i, t0), t0, pass));
            }
            binder.submit(batch);
        }
        return pass;
    }

    static ApiObject withBinding(ApiObject cur, String node, String address) {
        var b = cur.toBuilder();
        b.getInstanceBuilder().getSpecBuilder().setNode(node);
        b.getInstanceBuilder().getStatusBuilder().setState("Scheduled").setMessage("").setAddress(address);
        return b.build();
    }

    /** The chosen node, or null and why none fits. */
    private record Placement(NodeLoad node, String why) {}

    /** Writes why an instance fits nowhere, unless it already says so. */
    private void explain(ApiObject inst, String m) {
        if (m.equals(inst.getInstance().getStatus().getMessage())) {
            return;
        }
        registry.mutate(Kind.INSTANCE, inst.getMetadata().getNamespace(), inst.getMetadata().getName(), cur -> {
            if (!cur.getInstance().getSpec().getNode().isEmpty()) {
                return null;
            }
            var b = cur.toBuilder();
            b.getInstanceBuilder().getStatusBuilder().setState("Pending").setMessage(m);
            return b.build();
        });
    }

    private Placement place(ApiObject inst, List<NodeLoad> nodes) {
        Instance in = inst.getInstance();
        Resources req = in.getSpec().getTemplate().getRequests();
        // protobuf's map getters allocate a view per call, and this loop runs for up to maxScored
        // nodes per placement: without a selector the labels are not looked at
        Map<String, String> selector = in.getSpec().getTemplate().getNodeSelectorMap();
        Map<String, Integer> reasons = new TreeMap<>();
        NodeLoad best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int scored = 0;
        int n = nodes.size();
        int start = n == 0 ? 0 : Math.floorMod(offset++, n);
        for (int k = 0; k < n && scored < maxScored; k++) {
            NodeLoad l = nodes.get((start + k) % n);
            var node = l.node.getNode();
            String reason = null;
            if (!"Ready".equals(node.getStatus().getCondition())) {
                reason = "NotReady";
            } else if (node.getSpec().getUnschedulable()) {
                reason = "unschedulable";
            } else if (!selector.isEmpty() && !matches(l.node.getMetadata().getLabelsMap(), selector)) {
                reason = "didn't match node constraints";
            } else if (l.cpu + req.getCpuMillis() > node.getStatus().getAllocatable().getCpuMillis()) {
                reason = "insufficient cpu";
            } else if (l.mem + req.getMemoryMb() > node.getStatus().getAllocatable().getMemoryMb()) {
                reason = "insufficient memory";
            }
            if (reason != null) {
                reasons.merge(reason, 1, Integer::sum);
                continue;
            }
            scored++;
            double score = score(l, req, in.getSpec().getDeployment());
            if (score > bestScore) {
                bestScore = score;
                best = l;
            }
        }
        if (best != null) {
            return new Placement(best, "");
        }
        StringBuilder msg = new StringBuilder("0/" + n + " nodes are available");
        if (!reasons.isEmpty()) {
            msg.append(": ");
            List<String> parts = new ArrayList<>();
            reasons.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                    .forEach(e -> parts.add(e.getValue() + " " + e.getKey()));
            msg.append(String.join(", ", parts));
        }
        return new Placement(null, msg.toString());
    }

    private static boolean matches(Map<String, String> labels, Map<String, String> selector) {
        for (var e : selector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Least-allocated share of free capacity after placement, minus a spread penalty. */
    private static double score(NodeLoad l, Resources req, String deployment) {
        Resources alloc = l.node.getNode().getStatus().getAllocatable();
        double cpuFree = alloc.getCpuMillis() == 0 ? 1 : (alloc.getCpuMillis() - l.cpu - req.getCpuMillis()) / (double) alloc.getCpuMillis();
        double memFree = alloc.getMemoryMb() == 0 ? 1 : (alloc.getMemoryMb() - l.mem - req.getMemoryMb()) / (double) alloc.getMemoryMb();
        double leastAllocated = (cpuFree + memFree) * 50;
        int same = l.perDeployment.getOrDefault(deployment, 0);
        return leastAllocated - 100.0 * same;
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread; // not under the monitor: a pass may hold it while waiting for room
        if (t != null) {
            t.interrupt();
        }
        binder.close();
        cache.close();
    }
}
