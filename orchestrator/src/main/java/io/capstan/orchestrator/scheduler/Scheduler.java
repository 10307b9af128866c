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
 * {@code maxScored} feasible nodes per placement, and binds durably with compare-and-set.
 * Binding is a pipelined group commit: placements go to a {@link BindingCommitter} thread that
 * writes everything placed since its previous transaction began (up to {@link #BATCH}) as one
 * store transaction (one fsync on SQLite, one Txn on etcd), so the next placements are filtered
 * and scored while the previous batch is being made durable, and a batch is as large as one
 * commit's duration lets it grow — small when placements are few, large under a backlog.
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
        passLatencies.clear();
        durableAt = new HashMap<>();
        if (pending.isEmpty()) {
            latencies = new long[0];
            return 0;
        }
        int bound;
        try (BindingCommitter<NodeLoad> committer = new BindingCommitter<>(registry, BATCH)) {
            for (ApiObject i : pending) {
                long t0 = System.nanoTime();
                NodeLoad best = place(i, all);
                if (best == null) {
                    continue;
                }
                add(best, i);
                committer.offer(bound(i, best), best, t0);
            }
            BindingCommitter.Result<NodeLoad> r = committer.finish();
            passLatencies.addAll(r.latencies());
            durableAt = new HashMap<>(r.durableAt());
            bound = r.bound();
            // bindings whose instance changed since the pass listed it: re-read and bound one by one
            for (BindingCommitter.Binding<NodeLoad> c : r.conflicted()) {
                bound += rebind(c.object(), c.target(), c.startedNanos());
            }
        }
        latencies = passLatencies.stream().mapToLong(Long::longValue).toArray();
        return bound;
    }

    /**
     * For every instance bound by the last {@link #schedule()}: nanoseconds from the start of its
     * placement (filter and score) to its binding being durable in the store.
     */
    public long[] lastPassLatencies() {
        return latencies.clone();
    }

    /** Most bindings written in one store transaction (etcd refuses more than 128 operations in one Txn). */
    static final int BATCH = 100;

    private static ApiObject bound(ApiObject cur, NodeLoad target) {
        var b = cur.toBuilder();
        b.getInstanceBuilder().getSpecBuilder().setNode(target.node.getMetadata().getName());
        b.getInstanceBuilder().getStatusBuilder().setState("Scheduled").setMessage("")
                .setAddress(target.node.getNode().getSpec().getAddress());
        return b.build();
    }

    /**
     * Binds one instance whose batched binding conflicted (it changed since it was listed),
     * unless it got bound elsewhere or terminating meanwhile; returns 1 when bound here.
     */
    private int rebind(ApiObject i, NodeLoad target, long since) {
        String node = target.node.getMetadata().getName();
        var r = registry.mutate(Kind.INSTANCE, i.getMetadata().getNamespace(), i.getMetadata().getName(), cur -> {
            if (!cur.getInstance().getSpec().getNode().isEmpty() || cur.getInstance().getSpec().getTerminating()) {
                return null;
            }
            return bound(cur, target);
        });
        if (r.isPresent() && r.get().getInstance().getSpec().getNode().equals(node)) {
            long now = System.nanoTime();
            passLatencies.add(now - since);
            durableAt.put(i.getMetadata().getNamespace() + "/" + i.getMetadata().getName(), now);
            return 1;
        }
        remove(target, i);
        return 0;
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
