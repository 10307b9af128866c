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
 * instances in a durable SQLite store ({@code synchronous=FULL}); the scheduler places from its
 * watch-fed cache and binds through group-committed compare-and-set transactions on its binder
 * thread. First it measures fsync on the store's disk (4 KiB write + fsync, 200 times), since every
 * durable binding waits for one. Setup writes the objects 1,000 per transaction. It prints
 * placements/s, the process's CPU time, and per binding: the attempt latency (placement start to
 * durable binding), how long it waited for the binder, and the store commit that carried it; then
 * the collections (count, VM-thread CPU each, allocation per placement) and which attempts overlapped
 * a collection or a WAL checkpoint, with each group's latency — where the tail is.
 *
 * <p>Without a RATE all instances are pending at the start and one pass places them all (the
 * binder's one-batch queue holds placement back to the disk's pace, so queueing behind the
 * backlog is not in the attempt latency). With a RATE, instances arrive at RATE per second
 * (created durably in small batches every 10 ms) while the scheduler runs event-driven, and each
 * instance's latency runs from its creation being durable to its binding being durable — watch
 * delivery, queueing, placement and the binding's commit.
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

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Collections so far and their summed time in ms, over every collector of the JVM. */
    private static long[] gcs() {
        long n = 0;
        long ms = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
            ms += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {n, ms};
    }

    /** Bytes allocated so far by live threads (the measured ones all live until the end). */
    private static long allocated() {
        var t = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long b : t.getThreadAllocatedBytes(t.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }

    /**
     * CPU time (ns) of the JVM's "VM Thread" from /proc (0 where there is none): the serial collector
     * runs its pauses there, so this divided by the collections is a pause's length as a quiet machine
     * would see it, even when the machine is loaded and the pauses' wall time is not.
     */
    private static long vmThreadCpuNanos() {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(t.resolve("comm")).strip().equals("VM Thread")) {
                    return Long.parseLong(Files.readString(t.resolve("schedstat")).split(" ")[0]);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return 0;
    }

    /** Collections, their time and the allocation since {@code gc0}/{@code alloc0}, per placement too. */
    private static String memory(long[] gc0, long alloc0, long vm0, int placements) {
        long[] gc = gcs();
        long alloc = allocated() - alloc0;
        double vmMs = (vmThreadCpuNanos() - vm0) / 1e6;
        return String.format("collections=%d (%d ms wall, VM thread CPU %.0f ms = %.2f ms each) allocated=%.0f MB (%.1f KB per placement)",
                gc[0] - gc0[0], gc[1] - gc0[1], vmMs, vmMs / Math.max(1, gc[0] - gc0[0]), alloc / 1e6, alloc / 1e3 / Math.max(1, placements));
    }

    private static double[] sorted(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    private static String dist(String what, double[] a) {
        return String.format("%s p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms", what, pct(a, 0.5), pct(a, 0.9), pct(a, 0.99),
                a.length == 0 ? 0 : a[a.length - 1]);
    }

    /** Start and end ({@link System#nanoTime()}) of every collection since {@link #watchCollections}. */
    private static final List<long[]> COLLECTIONS = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Records each collection's window from the collectors' notifications (ms resolution, since JVM start). */
    private static void watchCollections() {
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener((n, h) -> {
                if (n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from((javax.management.openmbean.CompositeData) n.getUserData()).getGcInfo();
                    COLLECTIONS.add(new long[] {JVM_START_NANOS + info.getStartTime() * 1_000_000L, JVM_START_NANOS + (info.getEndTime() + 1) * 1_000_000L});
                }
            }, null, null);
        }
    }

    private static boolean overlaps(long from, long to, List<long[]> windows) {
        for (long[] w : windows) {
            if (w[0] < to && w[1] > from) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the tail is: the share of bindings whose attempt (placement start to durable) overlapped a
     * collection or a WAL checkpoint, and the attempt latency of the rest.
     */
    private static String attribution(List<Scheduler.Binding> all, SqliteStore store) {
        List<long[]> gcs;
        synchronized (COLLECTIONS) {
            gcs = new ArrayList<>(COLLECTIONS);
        }
        List<long[]> ckpts = store.checkpointWindows();
        List<Scheduler.Binding> bs;
        synchronized (all) {
            bs = new ArrayList<>(all);
        }
        int gc = 0;
        int ck = 0;
        List<Double> clean = new ArrayList<>();
        List<Double> withGc = new ArrayList<>();
        List<Double> withCheckpoint = new ArrayList<>();
        for (Scheduler.Binding b : bs) {
            boolean g = overlaps(b.placedNanos(), b.durableNanos(), gcs);
            boolean c = overlaps(b.placedNanos(), b.durableNanos(), ckpts);
            gc += g ? 1 : 0;
            ck += c ? 1 : 0;
            double ms = (b.durableNanos() - b.placedNanos()) / 1e6;
            (g ? withGc : c ? withCheckpoint : clean).add(ms);
        }
        List<Double> ckMs = new ArrayList<>();
        long first = bs.stream().mapToLong(Scheduler.Binding::placedNanos).min().orElse(0);
        for (long[] w : ckpts) {
            if (w[0] >= first) {
                ckMs.add((w[1] - w[0]) / 1e6);
            }
        }
        return String.format("attempts overlapping a collection %.1f%%, a WAL checkpoint %.1f%%;%n  %s;%n  %s;%n  %s;%n  %s",
                100.0 * gc / Math.max(1, bs.size()), 100.0 * ck / Math.max(1, bs.size()),
                dist("attempt when neither", sorted(clean)), dist("with a collection", sorted(withGc)),
                dist("with a checkpoint only", sorted(withCheckpoint)), dist(ckMs.size() + " checkpoints took", sorted(ckMs)));
    }

    /** Per binding: placement start to durable, the wait before its commit started, and that commit. */
    private static String bindings(List<Scheduler.Binding> all) {
        List<Scheduler.Binding> bs;
        synchronized (all) {
            bs = new ArrayList<>(all);
        }
        List<Double> attempt = new ArrayList<>();
        List<Double> queued = new ArrayList<>();
        List<Double> commit = new ArrayList<>();
        for (Scheduler.Binding b : bs) {
            attempt.add((b.durableNanos() - b.placedNanos()) / 1e6);
            queued.add((b.commitStartNanos() - b.placedNanos()) / 1e6);
            commit.add((b.durableNanos() - b.commitStartNanos()) / 1e6);
        }
        return dist("attempt (placement start to durable binding)", sorted(attempt)) + "; "
                + dist("waiting for the binder", sorted(queued)) + "; " + dist("its store commit", sorted(commit));
    }

    /** JVM start on the {@link System#nanoTime()} clock, so commits line up with -Xlog:gc's uptime stamps. */
    private static final long JVM_START_NANOS = System.nanoTime()
            - java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;

    /**
     * With -Dsched.trace=FILE, one line per store commit: its start and end as JVM uptime in ms
     * (as -Xlog:gc*::uptime prints), its duration and how many bindings it carried — to line slow
     * commits up with collections, checkpoints or fsyncs.
     */
    private static void trace(List<Scheduler.Binding> all) throws java.io.IOException {
        String file = System.getProperty("sched.trace");
        if (file == null) {
            return;
        }
        java.util.TreeMap<Long, long[]> commits = new java.util.TreeMap<>();
        synchronized (all) {
            for (Scheduler.Binding b : all) {
                commits.computeIfAbsent(b.commitStartNanos(), k -> new long[] {b.durableNanos(), 0})[1]++;
            }
        }
        // the JVM's start as epoch ms, so strace -tt or other wall-clock logs line up too
        StringBuilder out = new StringBuilder("# jvm_start_epoch_ms=" + java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()
                + "\nstart_ms,end_ms,commit_ms,size\n");
        commits.forEach((start, v) -> out.append(String.format("%.3f,%.3f,%.3f,%d%n", (start - JVM_START_NANOS) / 1e6,
                (v[0] - JVM_START_NANOS) / 1e6, (v[0] - start) / 1e6, v[1])));
        Files.writeString(Path.of(file), out);
    }

    /** How far placement ran ahead of the disk: the in-flight bound and the most ever in flight. */
    private static String pipeline(Scheduler s) {
        return String.format("depth=%d minBatch=%d in-flight max=%d (bound %d) largest commit=%d batch size now=%d",
                Integer.getInteger("sched.depth", Scheduler.DEPTH), Integer.getInteger("sched.minBatch", Binder.MIN_BATCH),
                s.maxInFlight(), s.inFlightBound(), s.maxCommitted(), s.batchSize());
    }

    /** Open-loop arrivals at {@code rate}/s; latency from durable creation to durable binding. */
    private static void arrivals(SqliteStore store, Registry reg, Scheduler s, int nodes, int instances, int rate) throws Exception {
        java.util.concurrent.ConcurrentHashMap<String, Long> createdAt = new java.util.concurrent.ConcurrentHashMap<>();
        List<Scheduler.Binding> bound = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch allBound = new java.util.concurrent.CountDownLatch(instances);
        s.onBound(b -> {
            bound.add(b);
            allBound.countDown();
        });
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        long[] gc0 = gcs();
        long alloc0 = allocated();
        long vm0 = vmThreadCpuNanos();
        long cpu0 = cpuNanos();
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
                        batch.forEach(b -> createdAt.put("/Instance/default/" + b.getMetadata().getName(), now));
                        created += batch.size();
                    }
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                failed.set(e);
            }
        }, "creator");
        creator.start();
        // the scheduler runs on its own thread, as in the server
        s.start(() -> true);
        long deadline = System.nanoTime() + (long) (instances / (double) rate * 1e9) + 120_000_000_000L;
        // waits without polling: a thread waking every few ms would compete with the ones measured
        while (failed.get() == null && System.nanoTime() < deadline && !allBound.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            // the creator failing or the deadline ends the wait
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuNanos() - cpu0) / 1e9;
        String mem = memory(gc0, alloc0, vm0, bound.size());
        creator.join();
        if (failed.get() != null) {
            throw failed.get();
        }
        List<Double> lat = new ArrayList<>();
        List<Double> seen = new ArrayList<>();
        List<Double> waited = new ArrayList<>();
        synchronized (bound) {
            for (Scheduler.Binding b : bound) {
                Long c = createdAt.get(b.key());
                if (c != null) {
                    lat.add((b.durableNanos() - c) / 1e6);
                    seen.add((b.queuedNanos() - c) / 1e6);
                }
                waited.add((b.placedNanos() - b.queuedNanos()) / 1e6);
            }
        }
        System.out.printf("arrivals at %d/s: nodes=%d instances=%d bound=%d %s time=%.1fs placements/s=%.0f cpu(user+sys)=%.1fs;%n  %s;%n  %s;%n  %s; %s;%n  %s%n",
                rate, nodes, instances, bound.size(), pipeline(s), secs, bound.size() / secs, cpu, mem,
                dist("durable creation to durable binding", sorted(lat)),
                dist("creation to queued by the watch", sorted(seen)), dist("queued to placement", sorted(waited)), bindings(bound));
        System.out.printf("  %s%n", attribution(bound, store));
        trace(bound);
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        watchCollections();
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
            Scheduler s = new Scheduler(reg, 100, Integer.getInteger("sched.depth", Scheduler.DEPTH),
                    Integer.getInteger("sched.minBatch", Binder.MIN_BATCH));
            if (rate > 0) {
                arrivals(store, reg, s, nodes, instances, rate);
                s.close();
                return;
            }
            List<Scheduler.Binding> bound = java.util.Collections.synchronizedList(new ArrayList<>());
            s.onBound(bound::add);
            long[] gc0 = gcs();
            long alloc0 = allocated();
            long vm0 = vmThreadCpuNanos();
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            int placed = s.schedule();
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = (cpuNanos() - cpu0) / 1e9;
            System.out.printf("all pending: nodes=%d instances=%d bound=%d %s time=%.1fs placements/s=%.0f cpu(user+sys)=%.1fs;%n  %s;%n  %s%n",
                    nodes, instances, placed, pipeline(s), secs, placed / secs, cpu, memory(gc0, alloc0, vm0, placed), bindings(bound));
            System.out.printf("  %s%n", attribution(bound, store));
            trace(bound);
            s.close();
        }
    }
}
