package io.capstan.orchestrator.scheduler;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Instance;
import io.capstan.orchestrator.api.v1.Resources;
import io.capstan.orchestrator.store.Registry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Places pending instances on nodes: filters (node Ready and schedulable, constraints,
 * resources fit), scores (least allocated, spread of a deployment across nodes) at most
 * {@code maxScored} feasible nodes per placement, and binds durably with compare-and-set,
 * up to {@link #BATCH} bindings per store transaction (one fsync on SQLite, one Txn on etcd),
 * committed early when the batch's first placement is {@link #MAX_WAIT_NANOS} old. (A pipelined
 * variant — scoring the next batch on another thread while the previous one fsyncs — was measured
 * in session 3 on the 2-core machine: no more placements/s and twice the attempt latency, since
 * each binding then waits for the commit in flight and its own; so batches stay synchronous.)
 * An instance that fits nowhere is told why, e.g. {@code 0/3 nodes: 2 insufficient memory, 1 NotReady}.
 */
public final class Scheduler {
    private final Registry registry;
    private final int maxScored;
    private int offset;
    /** Per bound instance of the last pass: nanoseconds from the start of its placement to its durable binding. */
    private long[] latencies = new long[0];
    private final List<Long> passLatencies = new ArrayList<>();

    public Scheduler(Registry registry, int maxScored) {
        this.registry = Objects.requireNonNull(registry);
        this.maxScored = maxScored;
    }

    /** Per instance bound by the last pass ({@code namespace/name}): when its binding became durable ({@link System#nanoTime()}). */
    private Map<String, Long> durableAt = new HashMap<>();

    /** For every instance bound by the last {@link #schedule()}: the {@link System#nanoTime()} its binding became durable. */
    public Map<String, Long> lastPassDurableAt() {
        return Map.copyOf(durableAt);
    }

    /** Usage of one node while a pass places instances. */
    private static final class NodeLoad {
        final ApiObject node;
        long cpu;
        long mem;
        final Map<String, Integer> perDeployment = new HashMap<>();

        NodeLoad(ApiObject node) {
            this.node = node;
        }
    }

    /** One scheduling pass over every pending instance; returns how many were bound. */
    public int schedule() {
        List<ApiObject> nodes = registry.list(Kind.NODE, "").items();
        List<ApiObject> instances = registry.list(Kind.INSTANCE, null).items();
        Map<String, NodeLoad> loads = new TreeMap<>();
        for (ApiObject n : nodes) {
            loads.put(n.getMetadata().getName(), new NodeLoad(n));
        }
        List<ApiObject> pending = new ArrayList<>();
        for (ApiObject i : instances) {
            Instance in = i.getInstance();
            if (in.getSpec().getNode().isEmpty()) {
                if (!in.getSpec().getTerminating()) {
                    pending.add(i);
                }
                continue;
            }
            NodeLoad l = loads.get(in.getSpec().getNode());
            if (l != null) {
                add(l, i);
            }
        }
        List<NodeLoad> all = new ArrayList<>(loads.values());
        List<ApiObject> batch = new ArrayList<>();
        List<NodeLoad> targets = new ArrayList<>();
        passLatencies.clear();
        durableAt = new HashMap<>();
        started.clear();
        int bound = 0;
        for (ApiObject i : pending) {
            long t0 = System.nanoTime();
            NodeLoad best = place(i, all);
            if (best == null) {
                continue;
            }
            add(best, i);
            batch.add(bound(i, best));
            targets.add(best);
            started.add(t0);
            if (batch.size() == BATCH || System.nanoTime() - started.get(0) >= MAX_WAIT_NANOS) {
                bound += commit(batch, targets);
                batch.clear();
                targets.clear();
                started.clear();
            }
        }
        bound += commit(batch, targets);
        latencies = passLatencies.stream().mapToLong(Long::longValue).toArray();
        return bound;
    }

    private final List<Long> started = new ArrayList<>();

    /**
     * For every instance bound by the last {@link #schedule()}: nanoseconds from the start of its
     * placement (filter and score) to its binding being durable in the store.
     */
    public long[] lastPassLatencies() {
        return latencies.clone();
    }

    /** Most bindings written in one store transaction (etcd refuses more than 128 operations in one Txn). */
    static final int BATCH = 100;
    /** A batch is committed once its first placement is this old, so a binding waits for few others. */
    static final long MAX_WAIT_NANOS = 2_000_000;

    private static ApiObject bound(ApiObject cur, NodeLoad target) {
        var b = cur.toBuilder();
        b.getInstanceBuilder().getSpecBuilder().setNode(target.node.getMetadata().getName());
        b.getInstanceBuilder().getStatusBuilder().setState("Scheduled").setMessage("")
                .setAddress(target.node.getNode().getSpec().getAddress());
        return b.build();
    }

    /**
     * Writes a batch of bindings in one durable transaction. When some instances changed since
     * they were listed, nothing was written: those few are re-read and bound one by one (unless
     * they got bound or terminating meanwhile), the rest are written again as one transaction.
     */
    private int commit(List<ApiObject> batch, List<NodeLoad> targets) {
        if (batch.isEmpty()) {
            return 0;
        }
        List<ApiObject> todo = new ArrayList<>(batch);
        List<NodeLoad> where = new ArrayList<>(targets);
        List<Long> since = new ArrayList<>(started);
        int bound = 0;
        while (!todo.isEmpty()) {
            Registry.BatchOutcome out = registry.updateAll(todo);
            if (out.ok()) {
                long now = System.nanoTime();
                since.forEach(t -> passLatencies.add(now - t));
                todo.forEach(i -> durableAt.put(i.getMetadata().getNamespace() + "/" + i.getMetadata().getName(), now));
                return bound + todo.size();
            }
            List<ApiObject> rest = new ArrayList<>();
            List<NodeLoad> restWhere = new ArrayList<>();
            List<Long> restSince = new ArrayList<>();
            for (int k = 0; k < todo.size(); k++) {
                if (!out.conflicted().contains(k)) {
                    rest.add(todo.get(k));
                    restWhere.add(where.get(k));
                    restSince.add(since.get(k));
                    continue;
                }
                ApiObject i = todo.get(k);
                NodeLoad target = where.get(k);
                String node = target.node.getMetadata().getName();
                var r = registry.mutate(Kind.INSTANCE, i.getMetadata().getNamespace(), i.getMetadata().getName(), cur -> {
                    if (!cur.getInstance().getSpec().getNode().isEmpty() || cur.getInstance().getSpec().getTerminating()) {
                        return null;
                    }
                    return bound(cur, target);
                });
                if (r.isPresent() && r.get().getInstance().getSpec().getNode().equals(node)) {
                    bound++;
                    long now = System.nanoTime();
                    passLatencies.add(now - since.get(k));
                    durableAt.put(i.getMetadata().getNamespace() + "/" + i.getMetadata().getName(), now);
                } else {
                    remove(target, i);
                }
            }
            todo = rest;
            where = restWhere;
            since = restSince;
        }
        return bound;
    }

    private static void remove(NodeLoad l, ApiObject i) {
        Resources r = i.getInstance().getSpec().getTemplate().getRequests();
        l.cpu -= r.getCpuMillis();
        l.mem -= r.getMemoryMb();
        l.perDeployment.merge(i.getInstance().getSpec().getDeployment(), -1, Integer::sum);
    }

    private static void add(NodeLoad l, ApiObject i) {
        Resources r = i.getInstance().getSpec().getTemplate().getRequests();
        l.cpu += r.getCpuMillis();
        l.mem += r.getMemoryMb();
        l.perDeployment.merge(i.getInstance().getSpec().getDeployment(), 1, Integer::sum);
    }

    private NodeLoad place(ApiObject inst, List<NodeLoad> nodes) {
        Instance in = inst.getInstance();
        Resources req = in.getSpec().getTemplate().getRequests();
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
            } else if (!matches(l.node.getMetadata().getLabelsMap(), selector)) {
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
        if (best == null) {
            StringBuilder msg = new StringBuilder("0/" + n + " nodes are available");
            if (!reasons.isEmpty()) {
                msg.append(": ");
                List<String> parts = new ArrayList<>();
                reasons.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                        .forEach(e -> parts.add(e.getValue() + " " + e.getKey()));
                msg.append(String.join(", ", parts));
            }
            String m = msg.toString();
            if (!m.equals(in.getStatus().getMessage())) {
                registry.mutate(Kind.INSTANCE, inst.getMetadata().getNamespace(), inst.getMetadata().getName(), cur -> {
                    if (!cur.getInstance().getSpec().getNode().isEmpty()) {
                        return null;
                    }
                    var b = cur.toBuilder();
                    b.getInstanceBuilder().getStatusBuilder().setState("Pending").setMessage(m);
                    return b.build();
                });
            }
        }
        return best;
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
}
