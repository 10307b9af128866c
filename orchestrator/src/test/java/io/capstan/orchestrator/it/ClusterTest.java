package io.capstan.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Check;
import io.capstan.orchestrator.api.v1.DeleteRequest;
import io.capstan.orchestrator.api.v1.HttpCheck;
import io.capstan.orchestrator.api.v1.ListRequest;
import io.capstan.orchestrator.api.v1.LogsRequest;
import io.capstan.orchestrator.api.v1.ProcessDriver;
import io.capstan.orchestrator.api.v1.RollingUpdate;
import io.capstan.orchestrator.client.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A server and three agents as separate processes on loopback (one cluster for the whole
 * class, to keep the suite short): rolling update under load, automatic rollback, liveness
 * restarts and crash loops, spreading, and rescheduling after a node's kill -9.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
    private Cluster cluster;
    private Connection api;
    private final List<Process> agents = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        cluster = new Cluster(Files.createTempDirectory("capstan-cluster"));
        cluster.startServer("10s");
        for (int i = 1; i <= 3; i++) {
            agents.add(cluster.startAgent(i));
        }
        api = cluster.admin();
        Cluster.await(Duration.ofSeconds(60), () -> readyNodes() == 3);
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private long readyNodes() {
        return api.blocking().list(ListRequest.newBuilder().setKind("Node").build()).getItemsList().stream()
                .filter(n -> n.getNode().getStatus().getCondition().equals("Ready")).count();
    }

    private boolean complete(String name, long revision) {
        var s = Specs.get(api, "Deployment", name).getDeployment().getStatus();
        if (System.getenv("ORCH_DEBUG") != null) {
            System.out.println(api.blocking().list(ListRequest.newBuilder().setKind("Node").build()).getItemsList().stream()
                    .map(n -> n.getMetadata().getName() + "=" + n.getNode().getStatus().getCondition() + "/" + (System.currentTimeMillis() - n.getNode().getStatus().getHeartbeatMs())).toList());
            System.out.println(s.getPhase() + " rev=" + s.getCurrentRevision() + " updated=" + s.getUpdated() + " msg=" + s.getMessage()
                    + " instances=" + Specs.instances(api, name).stream().map(i -> i.getMetadata().getName() + ":" + i.getInstance().getStatus().getState()
                    + ":" + i.getInstance().getStatus().getReady() + ":" + i.getInstance().getSpec().getNode() + ":" + i.getInstance().getSpec().getTerminating()).toList());
        }
        return s.getPhase().equals("Complete") && s.getCurrentRevision() == revision;
    }

    private void updateTemplate(String name, java.util.function.Consumer<ApiObject.Builder> change) {
        for (int attempt = 0; attempt < 10; attempt++) {
            ApiObject.Builder b = Specs.get(api, "Deployment", name).toBuilder();
            change.accept(b);
            try {
                api.blocking().update(b.build());
                return;
            } catch (io.grpc.StatusRuntimeException e) {
                if (e.getStatus().getCode() != io.grpc.Status.Code.ABORTED) {
                    throw e;
                }
            }
        }
        throw new AssertionError("could not update " + name);
    }

    @Test
    @Order(1)
    void rollingUpdateUnderLoadDropsNoRequestsAndBrokenVersionRollsBack() throws Exception {
        api.blocking().create(Specs.deployment("roll", 10, Specs.httpTemplate("roll", "v1"),
                RollingUpdate.newBuilder().setMaxSurge(1).setMaxUnavailable(0).setProgressDeadlineMs(60_000)));
        Cluster.await(Duration.ofSeconds(60), () -> complete("roll", 1));
        // every node the load reaches must answer first: each node's proxy opens the service's port when
        // it sees the service, and on a loaded machine 127.0.0.3 was refusing the load's first requests
        List<String> nodes = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
        int port = Cluster.expose(api, "roll", "roll", nodes, "v1");

        Load load = new Load(nodes, port, 6);
        try {
            Thread.sleep(1000);
            updateTemplate("roll", b -> b.getDeploymentBuilder().getSpecBuilder().getTemplateBuilder().putEnv("VERSION", "v2"));
            Cluster.await(Duration.ofSeconds(120), () -> complete("roll", 2));
            Cluster.await(Duration.ofSeconds(120), () -> load.total() >= 10_000);
        } finally {
            load.close();
        }
        assertThat(load.failures).as("failed requests").isEmpty();
        assertThat(load.failed.get()).isZero();
        assertThat(load.total()).isGreaterThanOrEqualTo(10_000);
        assertThat(load.rate()).as("requests per second").isGreaterThanOrEqualTo(100);
        assertThat(load.bodies).containsKeys("v1", "v2");
        System.out.printf("rolling update: %d requests, %d failed, %.0f req/s, bodies %s%n",
                load.total(), load.failed.get(), load.rate(), load.bodies);
        assertThat(Specs.instances(api, "roll")).filteredOn(i -> !i.getInstance().getSpec().getTerminating()).hasSize(10)
                .allSatisfy(i -> assertThat(i.getInstance().getSpec().getRevision()).isEqualTo(2));

        // a broken version never becomes ready: rolled back automatically at the progress deadline
        updateTemplate("roll", b -> {
            var spec = b.getDeploymentBuilder().getSpecBuilder();
            spec.getStrategyBuilder().setProgressDeadlineMs(4000);
            spec.getTemplateBuilder().setProcess(ProcessDriver.newBuilder().setCommand("python3")
                    .addArgs("-c").addArgs("import time; time.sleep(600)"));
        });
        Cluster.await(Duration.ofSeconds(60), () -> Specs.get(api, "Deployment", "roll").getDeployment().getStatus().getPhase().equals("RolledBack"));
        var d = Specs.get(api, "Deployment", "roll").getDeployment();
        assertThat(d.getStatus().getMessage()).contains("rolled back to revision");
        assertThat(d.getSpec().getTemplate().getEnvMap()).containsEntry("VERSION", "v2");
        assertThat(d.getSpec().getTemplate().getProcess().getArgs(1)).isEqualTo(Specs.HTTP_APP);
        assertThat(d.getStatus().getHistoryList()).hasSizeGreaterThanOrEqualTo(3);
        Cluster.await(Duration.ofSeconds(30), () -> Specs.instances(api, "roll").stream()
                .filter(i -> !i.getInstance().getSpec().getTerminating() && i.getInstance().getStatus().getReady()).count() == 10);
        assertThat(Specs.httpGet("127.0.0.3", port)).isEqualTo("v2");

        api.blocking().delete(DeleteRequest.newBuilder().setKind("Deployment").setNamespace("default").setName("roll").build());
        Cluster.await(Duration.ofSeconds(30), () -> Specs.instances(api, "roll").isEmpty());
    }

    @Test
    @Order(2)
    void livenessFailureRestartsWithBackOffAndCrashLoopIsReported() throws Exception {
        var sick = Specs.httpTemplate("sick", "v1").putEnv("SICK", "1")
                .setLiveness(Check.newBuilder().setHttp(HttpCheck.newBuilder().setPort("http").setPath("/healthz"))
                        .setIntervalMs(300).setFailureThreshold(2));
        api.blocking().create(Specs.deployment("sick", 1, sick, null));
        var crash = Specs.httpTemplate("crash", "v1").clearReadiness()
                .setProcess(ProcessDriver.newBuilder().setCommand("sh").addArgs("-c").addArgs("echo boom; exit 3"));
        api.blocking().create(Specs.deployment("crash", 1, crash, null));

        Cluster.await(Duration.ofSeconds(40), () -> Specs.instances(api, "sick").stream()
                .anyMatch(i -> i.getInstance().getStatus().getRestarts() >= 2));
        ApiObject s = Specs.instances(api, "sick").get(0);
        assertThat(s.getInstance().getStatus().getLastError()).contains("liveness check failed");

        Cluster.await(Duration.ofSeconds(40), () -> Specs.instances(api, "crash").stream()
                .anyMatch(i -> i.getInstance().getStatus().getState().equals("CrashLoopBackOff")));
        ApiObject c = Specs.instances(api, "crash").get(0);
        assertThat(c.getInstance().getStatus().getLastError()).contains("exited with code 3");
        assertThat(c.getInstance().getStatus().getRestarts()).isGreaterThanOrEqualTo(3);
        String logs = api.blocking().logs(LogsRequest.newBuilder().setNamespace("default").setInstance(c.getMetadata().getName()).build()).getText();
        assertThat(logs).contains("boom");

        for (String n : List.of("sick", "crash")) {
            api.blocking().delete(DeleteRequest.newBuilder().setKind("Deployment").setNamespace("default").setName(n).build());
        }
        Cluster.await(Duration.ofSeconds(30), () -> Specs.instances(api, "sick").isEmpty() && Specs.instances(api, "crash").isEmpty());
    }

    @Test
    @Order(3)
    void spreadsAcrossNodesAndReschedulesWhenANodeDies() throws Exception {
        api.blocking().create(Specs.deployment("web", 6, Specs.httpTemplate("web", "v1"), null));
        Cluster.await(Duration.ofSeconds(60), () -> complete("web", 1));
        Map<String, Long> perNode = Specs.instances(api, "web").stream()
                .collect(Collectors.groupingBy(i -> i.getInstance().getSpec().getNode(), Collectors.counting()));
        assertThat(perNode).containsOnlyKeys("node1", "node2", "node3").allSatisfy((n, count) -> assertThat(count).isEqualTo(2L));
        int port = Cluster.expose(api, "web", "web", List.of("127.0.0.2", "127.0.0.3", "127.0.0.4"), "v1");

        Load load = new Load(List.of("127.0.0.2"), port, 2);
        long killedAt;
        try {
            Thread.sleep(500);
            cluster.kill9(agents.get(2));
            killedAt = System.nanoTime();
            // generous: how soon depends on the node grace and the machine, the replacement is the behaviour
            Cluster.await(Duration.ofSeconds(120), () -> {
                List<ApiObject> is = Specs.instances(api, "web");
                return is.size() == 6 && is.stream().allMatch(i -> i.getInstance().getStatus().getReady()
                        && !i.getInstance().getSpec().getNode().equals("node3"));
            });
        } finally {
            load.close();
        }
        double replacedSeconds = (System.nanoTime() - killedAt) / 1e9;
        System.out.printf("agent kill -9 -> replacements ready in %.1f s; %d requests through node1, %d failed%n",
                replacedSeconds, load.ok.get() + load.failed.get(), load.failed.get());
        assertThat(api.blocking().list(ListRequest.newBuilder().setKind("Node").build()).getItemsList())
                .filteredOn(n -> n.getMetadata().getName().equals("node3"))
                .allSatisfy(n -> assertThat(n.getNode().getStatus().getCondition()).isEqualTo("NotReady"));
        assertThat(load.ok.get()).isGreaterThan(0);
        assertThat(load.failures).as("requests through a surviving node's proxy").isEmpty();
        assertThat(Specs.httpGet("127.0.0.3", port)).isEqualTo("v1");
    }
}
