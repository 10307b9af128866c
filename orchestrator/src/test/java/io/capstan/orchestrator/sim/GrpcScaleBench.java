package io.capstan.orchestrator.sim;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Deployment;
import io.capstan.orchestrator.api.v1.DeploymentSpec;
import io.capstan.orchestrator.api.v1.ListRequest;
import io.capstan.orchestrator.api.v1.ObjectMeta;
import io.capstan.orchestrator.api.v1.ProcessDriver;
import io.capstan.orchestrator.api.v1.Resources;
import io.capstan.orchestrator.api.v1.Template;
import io.capstan.orchestrator.api.v1.WatchEvent;
import io.capstan.orchestrator.api.v1.WatchRequest;
import io.capstan.orchestrator.client.ClientConfig;
import io.capstan.orchestrator.client.Connection;
import io.capstan.orchestrator.server.Heartbeats;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * End-to-end scale benchmark through the real server over gRPC (bench/orchestrator-e2e.sh):
 * {@code orchestrator server} (SQLite, synchronous=FULL) and {@code orchestrator simulate
 * --nodes NODES} as two separate JVMs, driven from this one. Measures the heartbeat load of
 * NODES idle nodes (server CPU, store writes/s), then creates DEPLOYMENTS deployments totalling
 * INSTANCES replicas at once and follows every instance through a watch: when it was created,
 * bound to a node and reported running by its simulated node. Prints sustained placements/s,
 * creation-to-binding latency as seen by a watching client, the time until all are running,
 * and the server's CPU and store write rate meanwhile (from /proc and the store revision).
 * Usage: bench/orchestrator-e2e.sh [NODES] [INSTANCES] [DEPLOYMENTS]
 */
public final class GrpcScaleBench {
    private GrpcScaleBench() {
    }

    /** Per instance, milliseconds since the epoch: first seen, first seen bound, first seen ready. */
    private static final class Seen {
        volatile long created;
        volatile long bound;
        volatile long ready;
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int deployments = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path dir = Files.createTempDirectory("capstan-e2e-bench");
        List<Process> procs = new ArrayList<>();
        try {
            Path config = dir.resolve("client.json");
            Process server = spawn(procs, dir, "server", "-Xmx1500m", "server", "--data-dir", dir.resolve("server").toString(),
                    "--listen", "127.0.0.1:0", "--config", config.toString());
            await(120_000, () -> Files.exists(config) || !server.isAlive());
            if (!server.isAlive()) {
                throw new IllegalStateException("server died, see " + dir);
            }
            ClientConfig cc = ClientConfig.read(config);
            String join = Files.readString(dir.resolve("server").resolve("join.token")).trim();
            long r0 = System.currentTimeMillis();
            Process sim = spawn(procs, dir, "simulate", "-Xmx768m", "simulate", "--join", cc.address(), "--token", join,
                    "--nodes", Integer.toString(nodes), "--threads", "16");
            await(600_000, () -> log(dir, "simulate").contains("simulated nodes joined") || !sim.isAlive());
            if (!sim.isAlive()) {
                throw new IllegalStateException("simulator died, see " + dir);
            }
            System.out.printf("%d simulated nodes registered in %.1f s%n", nodes, (System.currentTimeMillis() - r0) / 1e3);
            try (Connection api = Connection.open(cc)) {
                long interval = Heartbeats.stretched(nodes, 2000, 50);
                // every node has beaten at least once at its stretched interval
                Thread.sleep(Math.min(interval + 5000, 30_000));
                long cpu0 = cpuTicks(server.pid());
                long rev0 = revision(api);
                long t0 = System.nanoTime();
                Thread.sleep(30_000);
                double secs = (System.nanoTime() - t0) / 1e9;
                System.out.printf("idle, heartbeats only (interval stretched to %d ms): server CPU %.0f%% of one core, %.1f store writes/s, "
                        + "%d Ready nodes%n", interval, pct(cpuTicks(server.pid()) - cpu0, secs), (revision(api) - rev0) / secs, readyNodes(api));

                Map<String, Seen> seen = new ConcurrentHashMap<>();
                watch(api, seen);
                long cpu1 = cpuTicks(server.pid());
                long rev1 = revision(api);
                long start = System.currentTimeMillis();
                int per = instances / deployments;
                for (int d = 0; d < deployments; d++) {
                    int replicas = d == deployments - 1 ? instances - per * (deployments - 1) : per;
                    api.blocking().create(ApiObject.newBuilder().setKind("Deployment")
                            .setMetadata(ObjectMeta.newBuilder().setName("bench-" + d).setNamespace("default"))
                            .setDeployment(Deployment.newBuilder().setSpec(DeploymentSpec.newBuilder().setReplicas(replicas)
                                    .putSelector("app", "bench-" + d).setTemplate(Template.newBuilder().putLabels("app", "bench-" + d)
                                            .setProcess(ProcessDriver.newBuilder().setCommand("never-run"))
                                            .setRequests(Resources.newBuilder().setCpuMillis(100).setMemoryMb(64))))).build());
                }
                long lastPrint = 0;
                while (count(seen, s -> s.ready > 0) < instances) {
                    if (System.currentTimeMillis() - start > 1_800_000) {
                        throw new IllegalStateException("not all running after 30 min, see " + dir);
                    }
                    if (!server.isAlive() || !sim.isAlive()) {
                        throw new IllegalStateException("a process died, see " + dir);
                    }
                    Thread.sleep(250);
                    if (System.currentTimeMillis() - lastPrint >= 10_000) {
                        lastPrint = System.currentTimeMillis();
                        System.out.printf("  t=%5.1fs created %d bound %d running %d%n", (lastPrint - start) / 1e3,
                                count(seen, s -> s.created > 0), count(seen, s -> s.bound > 0), count(seen, s -> s.ready > 0));
                    }
                }
                long end = System.currentTimeMillis();
                double runSecs = (end - start) / 1e3;
                long cpuRun = cpuTicks(server.pid()) - cpu1;
                long writes = revision(api) - rev1;
                long firstBound = seen.values().stream().mapToLong(s -> s.bound).filter(v -> v > 0).min().orElse(start);
                long lastBound = seen.values().stream().mapToLong(s -> s.bound).max().orElse(start);
                long lastCreated = seen.values().stream().mapToLong(s -> s.created).max().orElse(start);
                double[] lat = seen.values().stream().filter(s -> s.bound > 0 && s.created > 0)
                        .mapToDouble(s -> s.bound - s.created).sorted().toArray();
                System.out.printf("%d instances in %d deployments on %d nodes: all created after %.1f s, all bound after %.1f s, "
                                + "all running after %.1f s%n", instances, deployments, nodes, (lastCreated - start) / 1e3,
                        (lastBound - start) / 1e3, runSecs);
                System.out.printf("placements/s sustained (first to last binding): %.0f; creation-to-binding as seen by a watcher "
                                + "p50 %.0f ms, p99 %.0f ms%n", instances / Math.max(0.001, (lastBound - firstBound) / 1e3),
                        at(lat, 0.5), at(lat, 0.99));
                System.out.printf("server during the run: CPU %.0f%% of one core (%.1f CPU-s), %.0f store writes/s (%d writes)%n",
                        pct(cpuRun, runSecs), cpuRun / 100.0, writes / runSecs, writes);
                long cpu2 = cpuTicks(server.pid());
                long rev2 = revision(api);
                long t2 = System.nanoTime();
                Thread.sleep(30_000);
                double s2 = (System.nanoTime() - t2) / 1e9;
                System.out.printf("afterwards, %d instances running, heartbeats only: server CPU %.0f%% of one core, %.1f store writes/s, "
                        + "%d Ready nodes%n", instances, pct(cpuTicks(server.pid()) - cpu2, s2), (revision(api) - rev2) / s2, readyNodes(api));
            }
        } finally {
            for (Process p : procs) {
                p.destroy();
            }
            for (Process p : procs) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        System.exit(0);
    }

    private static void watch(Connection api, Map<String, Seen> seen) {
        api.async().watch(WatchRequest.newBuilder().setKind("Instance").setNamespace("*").build(), new StreamObserver<>() {
            @Override
            public void onNext(WatchEvent e) {
                if (!e.getType().equals("PUT")) {
                    return;
                }
                long now = System.currentTimeMillis();
                var i = e.getObject();
                Seen s = seen.computeIfAbsent(i.getMetadata().getName(), k -> new Seen());
                if (s.created == 0) {
                    s.created = now;
                }
                if (s.bound == 0 && !i.getInstance().getSpec().getNode().isEmpty()) {
                    s.bound = now;
                }
                if (s.ready == 0 && i.getInstance().getStatus().getReady()) {
                    s.ready = now;
                }
            }

            @Override
            public void onError(Throwable t) {
                System.out.println("watch failed: " + t);
            }

            @Override
            public void onCompleted() {
                System.out.println("watch ended");
            }
        });
    }

    private static long count(Map<String, Seen> seen, java.util.function.Predicate<Seen> p) {
        return seen.values().stream().filter(p).count();
    }

    private static double at(double[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))];
    }

    private static long revision(Connection api) {
        return api.blocking().list(ListRequest.newBuilder().setKind("Deployment").setNamespace("kube-none").build()).getRevision();
    }

    private static long readyNodes(Connection api) {
        return api.blocking().list(ListRequest.newBuilder().setKind("Node").build()).getItemsList().stream()
                .filter(n -> n.getNode().getStatus().getCondition().equals("Ready")).count();
    }

    /** utime + stime of a process, in clock ticks (100 per second on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static double pct(long ticks, double secs) {
        return ticks / secs;
    }

    private static String log(Path dir, String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    private static Process spawn(List<Process> procs, Path dir, String logName, String heap, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "io.capstan.orchestrator.cli.OrchestratorMain"));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(logName + ".log").toFile());
        pb.environment().put(ClientConfig.ENV, dir.resolve("client.json").toString());
        Process p = pb.start();
        procs.add(p);
        return p;
    }

    private static void await(long ms, BooleanSupplier cond) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out after " + ms + " ms");
            }
            Thread.sleep(250);
        }
    }
}
