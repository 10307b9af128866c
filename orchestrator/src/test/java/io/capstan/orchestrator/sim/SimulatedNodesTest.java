package io.capstan.orchestrator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Deployment;
import io.capstan.orchestrator.api.v1.DeploymentSpec;
import io.capstan.orchestrator.api.v1.GetRequest;
import io.capstan.orchestrator.api.v1.ListRequest;
import io.capstan.orchestrator.api.v1.ObjectMeta;
import io.capstan.orchestrator.api.v1.ProcessDriver;
import io.capstan.orchestrator.api.v1.Resources;
import io.capstan.orchestrator.api.v1.Template;
import io.capstan.orchestrator.client.ClientConfig;
import io.capstan.orchestrator.client.Connection;
import io.capstan.orchestrator.server.ControlPlane;
import io.capstan.orchestrator.server.Heartbeats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Simulated nodes against a real control plane (in this JVM, on loopback, SQLite store):
 * heartbeat intervals are stretched so the cluster's heartbeat writes stay near the configured
 * rate, instances bound to simulated nodes are reported ready, and silenced nodes go NotReady
 * within their (stretched) interval plus the grace period, their instances replaced elsewhere.
 */
class SimulatedNodesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} nodes asking {1} ms at {2}/s -> {3} ms")
    @CsvSource({"10, 1000, 50, 1000", "100, 1000, 50, 2000", "1000, 2000, 50, 20000", "5000, 2000, 50, 100000",
            "1000, 0, 100, 10000", "1, 0, 50, 2000"})
    void intervalsStretchWithClusterSize(int nodes, long requested, int perSecond, long expected) {
        assertThat(Heartbeats.stretched(nodes, requested, perSecond)).isEqualTo(expected);
    }

    @Test
    void stretchedHeartbeatsStayBoundedAndSilentNodesAreReplaced() throws Exception {
        long graceMs = 2000;
        int maxPerSecond = 50;
        int nodes = 100;
        try (ControlPlane cp = ControlPlane.start(new ControlPlane.Options(dir.resolve("server"), "127.0.0.1", 0, graceMs, 200,
                null, maxPerSecond));
             Connection api = Connection.open(new ClientConfig("127.0.0.1:" + cp.port(), Files.readString(cp.caCert()), cp.adminToken()));
             SimulatedNodes sim = SimulatedNodes.start(new SimulatedNodes.Options("127.0.0.1:" + cp.port(), cp.joinToken(), "sim",
                     nodes, 4000, 8192, 500, 4))) {
            // 100 nodes asking for 500 ms would send 200 heartbeats/s; stretched to 2 s they send about 50/s
            long expectedInterval = Heartbeats.stretched(nodes, 500, maxPerSecond);
            assertThat(expectedInterval).isEqualTo(2000);
            await(10_000, () -> sim.names().stream().allMatch(n -> sim.interval(n) == expectedInterval));
            long h0 = sim.heartbeats();
            long t0 = System.nanoTime();
            Thread.sleep(4000);
            double perSecond = (sim.heartbeats() - h0) / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("simulated nodes: %d nodes, interval %d ms, %.1f heartbeats/s (bound %d/s)%n",
                    nodes, expectedInterval, perSecond, maxPerSecond);
            // the bound is what matters (a loaded machine may send fewer); without stretching it would be 200/s
            assertThat(perSecond).isGreaterThan(0).isLessThanOrEqualTo(maxPerSecond * 1.25);

            api.blocking().create(ApiObject.newBuilder().setKind("Deployment")
                    .setMetadata(ObjectMeta.newBuilder().setName("sim").setNamespace("default"))
                    .setDeployment(Deployment.newBuilder().setSpec(DeploymentSpec.newBuilder().setReplicas(100).putSelector("app", "sim")
                            .setTemplate(Template.newBuilder().putLabels("app", "sim")
                                    .setProcess(ProcessDriver.newBuilder().setCommand("never-run"))
                                    .setRequests(Resources.newBuilder().setCpuMillis(500).setMemoryMb(64))))).build());
            await(60_000, () -> ready(api) == 100);
            assertThat(sim.reports()).isGreaterThanOrEqualTo(100);

            List<String> victims = sim.names().subList(0, 5);
            Set<String> dead = Set.copyOf(victims);
            List<ApiObject> before = instances(api).stream().filter(i -> dead.contains(i.getInstance().getSpec().getNode())).toList();
            assertThat(before).isNotEmpty();
            sim.kill(victims);
            long killed = System.currentTimeMillis();
            await(expectedInterval + graceMs + 10_000, () -> victims.stream().allMatch(v -> api.blocking()
                    .get(GetRequest.newBuilder().setKind("Node").setName(v).build()).getNode().getStatus().getCondition().equals("NotReady")));
            long detected = System.currentTimeMillis() - killed;
            await(60_000, () -> ready(api) == 100
                    && instances(api).stream().noneMatch(i -> dead.contains(i.getInstance().getSpec().getNode())));
            long replaced = System.currentTimeMillis() - killed;
            System.out.printf("simulated nodes: %d of %d silenced, all NotReady after %d ms (bound %d ms), %d instances replaced after %d ms%n",
                    victims.size(), nodes, detected, expectedInterval + graceMs, before.size(), replaced);
            assertThat(detected).isLessThanOrEqualTo(expectedInterval + graceMs + 1500);
            assertThat(sim.errors()).isZero();
        }
    }

    private static List<ApiObject> instances(Connection api) {
        return api.blocking().list(ListRequest.newBuilder().setKind("Instance").setNamespace("default").build()).getItemsList();
    }

    private static long ready(Connection api) {
        return instances(api).stream().filter(i -> i.getInstance().getStatus().getReady() && !i.getInstance().getSpec().getTerminating())
                .count();
    }

    private static void await(long ms, BooleanSupplier cond) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) {
            if (cond.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(cond.getAsBoolean()).as("condition within " + ms + " ms").isTrue();
    }
}
