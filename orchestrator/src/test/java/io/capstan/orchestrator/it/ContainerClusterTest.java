package io.capstan.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.orchestrator.agent.docker.ContainerInfo;
import io.capstan.orchestrator.agent.docker.DockerEngine;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Check;
import io.capstan.orchestrator.api.v1.ContainerDriver;
import io.capstan.orchestrator.api.v1.DeleteRequest;
import io.capstan.orchestrator.api.v1.ExecCheck;
import io.capstan.orchestrator.api.v1.HttpCheck;
import io.capstan.orchestrator.api.v1.ListRequest;
import io.capstan.orchestrator.api.v1.LogsRequest;
import io.capstan.orchestrator.api.v1.NamedPort;
import io.capstan.orchestrator.api.v1.Resources;
import io.capstan.orchestrator.api.v1.RestartPolicy;
import io.capstan.orchestrator.api.v1.RollingUpdate;
import io.capstan.orchestrator.api.v1.Template;
import io.capstan.orchestrator.client.Connection;
import io.capstan.orchestrator.security.JoinToken;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The container driver end to end against a real dockerd: a server and two agents as separate
 * processes run a 3-replica deployment of busybox {@code httpd} containers behind a service;
 * a rolling update under a client loop through both proxies fails no request; an agent that is
 * {@code kill -9}ed and started again adopts its running containers (same container, same start,
 * still ready) and keeps supervising them; deleting the deployment removes its containers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerClusterTest {
    private static final List<String> HOSTS = List.of("127.0.0.2", "127.0.0.3");
    private DockerEngine docker;
    private Cluster cluster;
    private Connection api;
    private String clusterLabel;
    private final List<Process> agents = new ArrayList<>();
    private int port;

    @BeforeAll
    void start() throws Exception {
        docker = TestImage.daemon("ContainerClusterTest").orElse(null);
        Assumptions.assumeTrue(docker != null, "no Docker daemon");
        cluster = new Cluster(Files.createTempDirectory("capstan-containers"));
        // a long grace: the agent restart below must not be mistaken for a node death on a loaded machine
        cluster.startServer("60s");
        clusterLabel = JoinToken.parse(Files.readString(cluster.dir.resolve("server/join.token")).trim()).orElseThrow()
                .caFingerprint().substring(0, 16);
        for (int i = 1; i <= 2; i++) {
            agents.add(cluster.startAgent(i));
        }
        api = cluster.admin();
        Cluster.await(Duration.ofSeconds(60), () -> api.blocking().list(ListRequest.newBuilder().setKind("Node").build()).getItemsList()
                .stream().filter(n -> n.getNode().getStatus().getCondition().equals("Ready")).count() == 2);
    }

    @AfterAll
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (docker != null && clusterLabel != null) {
            for (ContainerInfo c : ours()) {
                docker.remove(c.id());
            }
        }
    }

    private List<ContainerInfo> ours() throws Exception {
        return docker.list(DockerEngine.INSTANCE_LABEL).stream()
                .filter(c -> clusterLabel.equals(c.labels().get("io.capstan.cluster"))).toList();
    }

    static Template.Builder httpd(String version) {
        return Template.newBuilder().putLabels("app", "web")
                .setContainer(ContainerDriver.newBuilder().setImage(TestImage.IMAGE).addAllCommand(List.of("/bin/sh", "-c",
                        "mkdir -p /www && echo -n $VERSION > /www/index.html && echo started $VERSION on $HOST:$PORT_HTTP"
                                + " && exec httpd -f -p $HOST:$PORT_HTTP -h /www")))
                .putEnv("VERSION", version)
                .addPorts(NamedPort.newBuilder().setName("http"))
                .setRequests(Resources.newBuilder().setCpuMillis(100).setMemoryMb(32))
                .setReadiness(Check.newBuilder().setHttp(HttpCheck.newBuilder().setPort("http").setPath("/")).setIntervalMs(500))
                // runs inside the container: /www exists only there
                .setLiveness(Check.newBuilder().setExec(ExecCheck.newBuilder().addCommand("cat").addCommand("/www/index.html"))
                        .setIntervalMs(2000).setTimeoutMs(3000))
                .setRestart(RestartPolicy.newBuilder().setInitialBackoffMs(200).setMaxBackoffMs(2000))
                .setTerminationGraceMs(2000);
    }

    private boolean complete(long revision) {
        var s = Specs.get(api, "Deployment", "web").getDeployment().getStatus();
        return s.getPhase().equals("Complete") && s.getCurrentRevision() == revision;
    }

    private List<ApiObject> live() {
        return Specs.instances(api, "web").stream().filter(i -> !i.getInstance().getSpec().getTerminating()).toList();
    }

    @Test
    @Order(1)
    void containerDeploymentAnswersThroughTheServiceProxy() throws Exception {
        api.blocking().create(Specs.deployment("web", 3, httpd("v1"),
                RollingUpdate.newBuilder().setMaxSurge(1).setMaxUnavailable(0).setProgressDeadlineMs(90_000)));
        Cluster.await(Duration.ofSeconds(90), () -> complete(1));
        port = Cluster.expose(api, "web", "web", HOSTS, "v1");
        List<ApiObject> instances = live();
        assertThat(instances).hasSize(3).allSatisfy(i -> {
            var st = i.getInstance().getStatus();
            assertThat(st.getReady()).isTrue();
            assertThat(st.getContainerId()).isNotEmpty();
            ContainerInfo c = docker.inspect(st.getContainerId()).orElseThrow();
            assertThat(c.running()).isTrue();
            assertThat(c.labels()).containsEntry(DockerEngine.INSTANCE_LABEL, "default/" + i.getMetadata().getName())
                    .containsEntry("io.capstan.node", i.getInstance().getSpec().getNode());
        });
        assertThat(instances.stream().map(i -> i.getInstance().getSpec().getNode()).distinct()).hasSize(2);
        ApiObject first = instances.get(0);
        String logs = api.blocking().logs(LogsRequest.newBuilder().setNamespace("default").setInstance(first.getMetadata().getName())
                .build()).getText();
        assertThat(logs).contains("started v1 on " + first.getInstance().getStatus().getAddress() + ":"
                + first.getInstance().getStatus().getHostPortsOrThrow("http"));
    }

    @Test
    @Order(2)
    void rollingUpdateOfContainersFailsNoRequest() throws Exception {
        Load load = new Load(HOSTS, port, 4);
        try {
            Thread.sleep(1000);
            ApiObject.Builder b = Specs.get(api, "Deployment", "web").toBuilder();
            b.getDeploymentBuilder().getSpecBuilder().getTemplateBuilder().putEnv("VERSION", "v2");
            api.blocking().update(b.build());
            Cluster.await(Duration.ofSeconds(90), () -> complete(2));
            Thread.sleep(1000);
        } finally {
            load.close();
        }
        System.out.printf("container rolling update: %d requests, %d failed, %.0f req/s, bodies %s%n",
                load.total(), load.failed.get(), load.rate(), load.bodies);
        assertThat(load.failures).as("failed requests").isEmpty();
        assertThat(load.failed.get()).isZero();
        // traffic spanned the update (both versions answered); the count depends on how fast it went
        assertThat(load.total()).isGreaterThanOrEqualTo(50);
        assertThat(load.bodies).containsKeys("v1", "v2");
        assertThat(Specs.httpGet("127.0.0.3", port)).isEqualTo("v2");
        // the old containers are gone: exactly the three current instances' containers remain
        List<String> current = live().stream().map(i -> i.getInstance().getStatus().getContainerId()).sorted().toList();
        Cluster.await(Duration.ofSeconds(20), () -> {
            try {
                return ours().stream().map(ContainerInfo::id).sorted().toList().equals(current);
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    @Order(3)
    void restartedAgentAdoptsItsRunningContainers() throws Exception {
        Map<String, ApiObject> before = live().stream().filter(i -> i.getInstance().getSpec().getNode().equals("node1"))
                .collect(Collectors.toMap(i -> i.getMetadata().getName(), i -> i));
        assertThat(before).isNotEmpty();
        List<String> notReady = new CopyOnWriteArrayList<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                for (ApiObject i : live()) {
                    if (before.containsKey(i.getMetadata().getName()) && !i.getInstance().getStatus().getReady()) {
                        notReady.add(i.getMetadata().getName() + " " + i.getInstance().getStatus().getState());
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long restartedAt;
        try {
            cluster.kill9(agents.get(0));
            restartedAt = System.currentTimeMillis();
            agents.set(0, cluster.startAgent(1));
            // the new agent has registered, synced and reported on what it adopted
            Cluster.await(Duration.ofSeconds(60), () -> Specs.get(api, "Node", "node1").getNode().getStatus().getHeartbeatMs() > restartedAt
                    && Files.exists(cluster.dir.resolve("agent1.log")));
            Thread.sleep(3000);
        } finally {
            sampling.set(false);
            sampler.join();
        }
        assertThat(notReady).as("adopted instances that were seen not ready").isEmpty();
        for (ApiObject was : before.values()) {
            var now = Specs.get(api, "Instance", was.getMetadata().getName()).getInstance().getStatus();
            var then = was.getInstance().getStatus();
            assertThat(now.getContainerId()).isEqualTo(then.getContainerId());
            assertThat(now.getStartedMs()).isEqualTo(then.getStartedMs());
            assertThat(now.getRestarts()).isEqualTo(then.getRestarts());
            assertThat(now.getReady()).isTrue();
            assertThat(docker.inspect(then.getContainerId()).orElseThrow().running()).isTrue();
        }
        assertThat(ours()).hasSize(3);
        assertThat(Specs.httpGet("127.0.0.2", port)).isEqualTo("v2");

        // the restarted agent supervises what it adopted: a container that dies is replaced
        ApiObject victim = before.values().iterator().next();
        String oldId = victim.getInstance().getStatus().getContainerId();
        docker.stop(oldId, 0);
        Cluster.await(Duration.ofSeconds(30), () -> {
            var s = Specs.get(api, "Instance", victim.getMetadata().getName()).getInstance().getStatus();
            return s.getReady() && s.getRestarts() == victim.getInstance().getStatus().getRestarts() + 1
                    && !s.getContainerId().isEmpty() && !s.getContainerId().equals(oldId);
        });
        assertThat(docker.inspect(oldId)).as("the dead container is removed").isEmpty();
    }

    @Test
    @Order(4)
    void deletingTheDeploymentRemovesItsContainers() throws Exception {
        api.blocking().delete(DeleteRequest.newBuilder().setKind("Deployment").setNamespace("default").setName("web").build());
        Cluster.await(Duration.ofSeconds(40), () -> {
            try {
                return ours().isEmpty() && Specs.instances(api, "web").isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    @Order(5)
    void anImageNoRegistryServesIsAClearErrorOnTheInstance() throws Exception {
        api.blocking().create(Specs.deployment("ghost", 1, httpd("v1").putLabels("app", "ghost")
                .setContainer(ContainerDriver.newBuilder().setImage("registry.invalid:5000/nothing/here:1")), null));
        Cluster.await(Duration.ofSeconds(60), () -> Specs.instances(api, "ghost").stream().anyMatch(i ->
                i.getInstance().getStatus().getLastError().contains("image registry.invalid:5000/nothing/here:1 is not present locally"
                        + " and cannot be pulled")));
        ApiObject i = Specs.instances(api, "ghost").get(0);
        assertThat(i.getInstance().getStatus().getReady()).isFalse();
        assertThat(i.getInstance().getStatus().getState()).isIn("Restarting", "CrashLoopBackOff");
        api.blocking().delete(DeleteRequest.newBuilder().setKind("Deployment").setNamespace("default").setName("ghost").build());
    }
}
