package io.capstan.orchestrator.sim;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Deployment;
import io.capstan.orchestrator.api.v1.DeploymentSpec;
import io.capstan.orchestrator.api.v1.ListRequest;
import io.capstan.orchestrator.api.v1.ObjectMeta;
import io.capstan.orchestrator.api.v1.ProcessDriver;
import io.capstan.orchestrator.api.v1.Resources;
import io.capstan.orchestrator.api.v1.Template;
import io.capstan.orchestrator.client.ClientConfig;
import io.capstan.orchestrator.client.Connection;
import io.capstan.orchestrator.server.ControlPlane;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Benchmark (bench/orchestrator-nodes.sh): a control plane with default settings (10 s node
 * grace, 50 heartbeats/s) and NODES simulated nodes in one JVM; measures registration, the
 * stretched heartbeat interval and the heartbeat write rate at steady state, placement of
 * INSTANCES instances until all are reported ready, then silences KILL nodes and measures how long
 * until each is NotReady and until every instance is ready again elsewhere.
 */
public final class NodeScaleBench {
    private NodeScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int kill = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Path dir = Files.createTempDirectory("capstan-nodes-bench");
        long t0 = System.currentTimeMillis();
        try (ControlPlane cp = ControlPlane.start(new ControlPlane.Options(dir.resolve("server"), "127.0.0.1", 0, 10_000, 500));
             Connection api = Connection.open(new ClientConfig("127.0.0.1:" + cp.port(), Files.readString(cp.caCert()), cp.adminToken()))) {
            long r0 = System.currentTimeMillis();
            try (SimulatedNodes sim = SimulatedNodes.start(new SimulatedNodes.Options("127.0.0.1:" + cp.port(), cp.joinToken(), "sim",
                    nodes, 4000, 8192, 2000, 4))) {
                System.out.printf("registered %d nodes in %.1f s (server started in %.1f s)%n", nodes,
                        (System.currentTimeMillis() - r0) / 1e3, (r0 - t0) / 1e3);
                long interval = io.capstan.orchestrator.server.Heartbeats.stretched(nodes, 2000,
                        ControlPlane.Options.DEFAULT_MAX_HEARTBEATS_PER_SECOND);
                await(interval * 2 + 10_000, () -> sim.names().stream().allMatch(n -> sim.interval(n) == interval));
                long h0 = sim.heartbeats();
                long rev0 = cp.store().revision();
                long cpu0 = cpu();
                long w0 = System.nanoTime();
                Thread.sleep(Math.max(20_000, interval * 2));
                double secs = (System.nanoTime() - w0) / 1e9;
                System.out.printf("steady state: heartbeat interval %d ms (asked 2000), %.1f heartbeats/s, %.1f store writes/s, "
                                + "process CPU %.0f%% of one core%n", interval, (sim.heartbeats() - h0) / secs,
                        (cp.store().revision() - rev0) / secs, (cpu() - cpu0) / 1e7 / secs);

                long d0 = System.currentTimeMillis();
                api.blocking().create(ApiObject.newBuilder().setKind("Deployment")
                        .setMetadata(ObjectMeta.newBuilder().setName("bench").setNamespace("default"))
                        .setDeployment(Deployment.newBuilder().setSpec(DeploymentSpec.newBuilder().setReplicas(instances)
                                .putSelector("app", "bench").setTemplate(Template.newBuilder().putLabels("app", "bench")
                                        .setProcess(ProcessDriver.newBuilder().setCommand("never-run"))
                                        .setRequests(Resources.newBuilder().setCpuMillis(100).setMemoryMb(64))))).build());
                await(600_000, () -> ready(api) == instances);
                System.out.printf("%d instances placed and reported ready in %.1f s%n", instances, (System.currentTimeMillis() - d0) / 1e3);

                List<String> victims = sim.names().subList(0, kill);
                Set<String> dead = Set.copyOf(victims);
                long before = instances(api).stream().filter(i -> dead.contains(i.getInstance().getSpec().getNode())).count();
                sim.kill(victims);
                long k0 = System.currentTimeMillis();
                Map<String, Long> notReadyAt = new HashMap<>();
                while (notReadyAt.size() < kill && System.currentTimeMillis() - k0 < 120_000) {
                    for (ApiObject n : api.blocking().list(ListRequest.newBuilder().setKind("Node").build()).getItemsList()) {
                        String name = n.getMetadata().getName();
                        if (dead.contains(name) && !notReadyAt.containsKey(name) && n.getNode().getStatus().getCondition().equals("NotReady")) {
                            notReadyAt.put(name, System.currentTimeMillis() - k0);
                        }
                    }
                    Thread.sleep(250);
                }
                List<Long> times = new ArrayList<>(notReadyAt.values());
                Collections.sort(times);
                await(300_000, () -> ready(api) == instances && instances(api).stream()
                        .noneMatch(i -> dead.contains(i.getInstance().getSpec().getNode())));
                long replaced = System.currentTimeMillis() - k0;
                System.out.printf("%d of %d nodes silenced: NotReady after p50 %.1f s, max %.1f s (%d detected; bound interval + grace = %.0f s); "
                                + "%d instances replaced and ready after %.1f s%n", kill, nodes,
                        times.isEmpty() ? -1 : times.get(times.size() / 2) / 1e3, times.isEmpty() ? -1 : times.get(times.size() - 1) / 1e3,
                        times.size(), (interval + 10_000) / 1e3, before, replaced / 1e3);
                System.out.printf("simulator: %d heartbeats, %d reports, %d errors%n", sim.heartbeats(), sim.reports(), sim.errors());
            }
        }
        System.exit(0);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static List<ApiObject> instances(Connection api) {
        return api.blocking().list(ListRequest.newBuilder().setKind("Instance").setNamespace("default").build()).getItemsList();
    }

    private static long ready(Connection api) {
        Set<String> seen = new HashSet<>();
        return instances(api).stream().filter(i -> i.getInstance().getStatus().getReady() && !i.getInstance().getSpec().getTerminating()
                && seen.add(i.getMetadata().getName())).count();
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
