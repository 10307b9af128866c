package io.capstan.orchestrator.scheduler;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Instance;
import io.capstan.orchestrator.api.v1.InstanceSpec;
import io.capstan.orchestrator.api.v1.Node;
import io.capstan.orchestrator.api.v1.NodeSpec;
import io.capstan.orchestrator.api.v1.NodeStatus;
import io.capstan.orchestrator.api.v1.ObjectMeta;
import io.capstan.orchestrator.api.v1.Resources;
import io.capstan.orchestrator.api.v1.Template;
import io.capstan.orchestrator.store.Registry;
import io.capstan.orchestrator.store.SecretBox;
import io.capstan.orchestrator.store.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scheduler throughput with simulated nodes (objects only, like kwok): N Ready nodes and M
 * pending instances in a durable SQLite store, then scheduler passes until every instance is
 * bound (bindings are compare-and-set writes, group commits of up to {@code Scheduler.BATCH}
 * per transaction with {@code synchronous=FULL}). Prints sustained placements/s, the p50/p99 of the
 * per-placement time of each pass (pass time / placements), and of each placement's attempt latency:
 * from the start of its filtering and scoring to its binding being durable (every instance is
 * pending from the start, so time spent queued behind the backlog is not part of it; see the
 * README for creation-to-binding latency through the server). First it measures fsync on the
 * store's disk (4 KiB write + fsync, 200 times), since every durable binding waits for one.
 * Setup writes the objects 1,000 per transaction.
 *
 * <p>With a RATE, the instances are not all pending at the start: they arrive at RATE per second
 * (created durably in small batches every 10 ms) while scheduler passes run back to back, and
 * each instance's latency is measured honestly from its creation being durable to its binding
 * being durable — queueing, the pass's listing of the whole cluster, placement and the commit.
 * Usage: bench/orchestrator-scheduler.sh [NODES] [INSTANCES] [RATE]
 */
public final class SchedulerBench {
    private SchedulerBench() {
    }

    private static double pct(double[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) (sorted.length * q)];
    }

    private static double[] fsyncMillis(Path file, int n) throws java.io.IOException {
        double[] ms = new double[n];
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4096);
            for (int i = 0; i < n; i++) {
                b.clear();
                ch.write(b);
                long t = System.nanoTime();
                ch.force(false);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        Files.delete(file);
        Arrays.sort(ms);
        return ms;
    }

    private static ApiObject instance(int i) {
        return ApiObject.newBuilder().setKind("Instance").setMetadata(ObjectMeta.newBuilder().setName("i" + i).setNamespace("default"))
                .setInstance(Instance.newBuilder().setSpec(InstanceSpec.newBuilder().setDeployment("d" + (i % 100))
                        .setTemplate(Template.newBuilder().setRequests(Resources.newBuilder().setCpuMillis(100).setMemoryMb(128))))).build();
    }

    /** Open-loop arrivals at {@code rate}/s; latency from durable creation to durable binding. */
    private static void arrivals(Registry reg, Scheduler s, int nodes, int instances, int rate) throws Exception {
        java.util.concurrent.ConcurrentHashMap<String, Long> createdAt = new java.util.concurrent.ConcurrentHashMap<>();
        double[] latencyMs = new double[instances];
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        long t0 = System.nanoTime();
        Thread creator = new Thread(() -> {
            try {
                int created = 0;
                while (created < instances) {
                    long due = Math.min(instances, (long) ((System.nanoTime() - t0) / 1e9 * rate) + 1);
                    List<ApiObject> batch = new ArrayList<>();
                    while (created + batch.size() < due && batch.size() < 100) {
                        batch.add(instance(created + batch.size()));
                    }
                    if (!batch.isEmpty()) {
                        if (!reg.updateAll(batch).ok()) {
                            throw new IllegalStateException("creation conflicted");
                        }
                        long now = System.nanoTime();
                        batch.forEach(b -> createdAt.put("default/" + b.getMetadata().getName(), now));
                        created += batch.size();
                    }
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                failed.set(e);
            }
        }, "creator");
        creator.start();
        int placed = 0;
        int passes = 0;
        long listing = 0;
        while (placed < instances && failed.get() == null) {
            int n = s.schedule();
            passes++;
            for (var e : s.lastPassDurableAt().entrySet()) {
                Long c = createdAt.get(e.getKey());
                if (c != null && placed < instances) {
                    latencyMs[placed++] = (e.getValue() - c) / 1e6;
                }
            }
            if (n == 0) {
                Thread.sleep(1);
            }
        }
        creator.join();
        if (failed.get() != null) {
            throw failed.get();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double[] lat = Arrays.copyOf(latencyMs, placed);
        Arrays.sort(lat);
        System.out.printf("arrivals at %d/s: nodes=%d instances=%d placed=%d passes=%d time=%.1fs placements/s=%.0f;"
                        + " durable creation to durable binding p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms%n",
                rate, nodes, instances, placed, passes, secs, placed / secs, pct(lat, 0.5), pct(lat, 0.9), pct(lat, 0.99),
                placed == 0 ? 0 : lat[placed - 1]);
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Path dir = Files.createTempDirectory("capstan-sched-bench");
        double[] fs = fsyncMillis(dir.resolve("fsync-probe"), 200);
        System.out.printf("fsync on this disk: p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms%n",
                pct(fs, 0.5), pct(fs, 0.9), pct(fs, 0.99), fs[fs.length - 1]);
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"), k -> false, SecretBox.open(dir.resolve("k")))) {
            Registry reg = new Registry(store);
            Resources cap = Resources.newBuilder().setCpuMillis(64_000).setMemoryMb(262_144).build();
            List<ApiObject> setup = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                setup.add(ApiObject.newBuilder().setKind("Node").setMetadata(ObjectMeta.newBuilder().setName("sim-" + i))
                        .setNode(Node.newBuilder().setSpec(NodeSpec.newBuilder().setAddress("10.0." + (i / 250) + "." + (i % 250)))
                                .setStatus(NodeStatus.newBuilder().setCondition("Ready").setCapacity(cap).setAllocatable(cap))).build());
            }
            for (int i = 0; i < (rate > 0 ? 0 : instances); i++) {
                setup.add(ApiObject.newBuilder().setKind("Instance").setMetadata(ObjectMeta.newBuilder().setName("i" + i).setNamespace("default"))
                        .setInstance(Instance.newBuilder().setSpec(InstanceSpec.newBuilder().setDeployment("d" + (i % 100))
                                .setTemplate(Template.newBuilder().setRequests(Resources.newBuilder().setCpuMillis(100).setMemoryMb(128))))).build());
            }
            for (int from = 0; from < setup.size(); from += 1000) {
                if (!reg.updateAll(setup.subList(from, Math.min(setup.size(), from + 1000))).ok()) {
                    throw new IllegalStateException("setup conflicted");
                }
            }
            Scheduler s = new Scheduler(reg, 100);
            if (rate > 0) {
                arrivals(reg, s, nodes, instances, rate);
                return;
            }
            double[] perPlacementMs = new double[instances];
            double[] latencyMs = new double[instances];
            int placed = 0;
            int passes = 0;
            long t0 = System.nanoTime();
            while (placed < instances) {
                long p0 = System.nanoTime();
                int n = s.schedule();
                long p1 = System.nanoTime();
                if (n == 0) {
                    break;
                }
                long[] lat = s.lastPassLatencies();
                for (int k = 0; k < n && placed + k < instances; k++) {
                    perPlacementMs[placed + k] = (p1 - p0) / 1e6 / n;
                    latencyMs[placed + k] = lat[k] / 1e6;
                }
                placed += n;
                passes++;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double[] amort = Arrays.copyOf(perPlacementMs, placed);
            Arrays.sort(amort);
            double[] lat = Arrays.copyOf(latencyMs, placed);
            Arrays.sort(lat);
            System.out.printf("nodes=%d instances=%d placed=%d passes=%d time=%.1fs placements/s=%.0f"
                            + " amortised p50=%.2fms p99=%.2fms; attempt (placement start to durable binding) p50=%.2fms p99=%.2fms max=%.2fms%n",
                    nodes, instances, placed, passes, secs, placed / secs,
                    pct(amort, 0.5), pct(amort, 0.99), pct(lat, 0.5), pct(lat, 0.99), placed == 0 ? 0 : lat[placed - 1]);
        }
    }
}
