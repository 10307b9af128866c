package io.capstan.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.InstanceStatus;
import io.capstan.orchestrator.api.v1.ListRequest;
import io.capstan.orchestrator.api.v1.LogsRequest;
import io.capstan.orchestrator.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The {@code process} driver across an agent crash: a server and one agent as separate
 * processes run 3 Python HTTP servers behind a service; the agent is {@code kill -9}ed, one
 * instance's process is killed while no agent runs, and the agent is started again. The
 * restarted agent adopts the two live processes (same pids, same start times, no restart, no
 * second copy anywhere, output still in their logs, the service still answers) and restarts
 * the dead one per its restart policy.
 */
class ProcessAdoptionTest {
    @Test
    void restartedAgentAdoptsItsRunningProcessesAndRestartsTheDeadOne() throws Exception {
        String run = UUID.randomUUID().toString();
        try (Cluster cluster = new Cluster(Files.createTempDirectory("capstan-adopt"))) {
            // a long grace: the agent restart below must not be mistaken for a node death on a loaded machine
            cluster.startServer("60s");
            Process agent = cluster.startAgent(1);
            try (Connection api = cluster.admin()) {
                api.blocking().create(Specs.deployment("web", 3, Specs.httpTemplate("web", "v1").putEnv("ADOPTION_RUN", run), null));
                Cluster.await(Duration.ofSeconds(90), () -> allReady(api, 3));
                int port = Cluster.expose(api, "web", "web", List.of("127.0.0.2"), "v1");
                Map<String, InstanceStatus> before = Specs.instances(api, "web").stream()
                        .collect(Collectors.toMap(i -> i.getMetadata().getName(), i -> i.getInstance().getStatus()));
                assertThat(ours(run)).containsExactlyInAnyOrderElementsOf(before.values().stream().map(InstanceStatus::getPid).toList());

                cluster.kill9(agent);
                // the processes outlive their agent
                for (InstanceStatus s : before.values()) {
                    assertThat(ProcessHandle.of(s.getPid()).map(ProcessHandle::isAlive)).contains(true);
                }
                // and one of them dies while no agent is watching
                String victim = before.keySet().stream().sorted().findFirst().orElseThrow();
                ProcessHandle dead = ProcessHandle.of(before.get(victim).getPid()).orElseThrow();
                dead.destroyForcibly();
                dead.onExit().get(10, TimeUnit.SECONDS);

                long restartedAt = System.currentTimeMillis();
                agent = cluster.startAgent(1);
                Cluster.await(Duration.ofSeconds(90), () -> Specs.get(api, "Node", "node1").getNode().getStatus().getHeartbeatMs() > restartedAt
                        && Specs.get(api, "Instance", victim).getInstance().getStatus().getRestarts() == before.get(victim).getRestarts() + 1
                        && allReady(api, 3));

                for (var e : before.entrySet()) {
                    InstanceStatus now = Specs.get(api, "Instance", e.getKey()).getInstance().getStatus();
                    InstanceStatus then = e.getValue();
                    if (e.getKey().equals(victim)) {
                        assertThat(now.getPid()).as("the dead process is replaced").isNotEqualTo(then.getPid());
                        assertThat(now.getLastError()).contains("exited while no agent was watching");
                        continue;
                    }
                    assertThat(now.getPid()).as("adopted, not restarted: " + e.getKey()).isEqualTo(then.getPid());
                    assertThat(now.getStartedMs()).isEqualTo(then.getStartedMs());
                    assertThat(now.getRestarts()).isEqualTo(then.getRestarts());
                    assertThat(now.getHostPortsMap()).isEqualTo(then.getHostPortsMap());
                    assertThat(now.getState()).isEqualTo("Running");
                    assertThat(now.getReady()).isTrue();
                    // its output, written before the crash straight into the log file, is still served
                    String logs = api.blocking().logs(LogsRequest.newBuilder().setNamespace("default").setInstance(e.getKey()).build()).getText();
                    assertThat(logs).contains("listening on " + then.getHostPortsMap().get("http"));
                }
                // no second copy of anything: exactly one process per instance, the ones the server knows
                List<Long> pids = Specs.instances(api, "web").stream().map(i -> i.getInstance().getStatus().getPid()).toList();
                assertThat(ours(run)).containsExactlyInAnyOrderElementsOf(pids);
                Cluster.await(Duration.ofSeconds(20), () -> answers(port));

                // the restarted agent supervises what it adopted: an adopted process that dies is restarted
                String survivor = before.keySet().stream().filter(n -> !n.equals(victim)).findFirst().orElseThrow();
                ProcessHandle.of(before.get(survivor).getPid()).orElseThrow().destroyForcibly();
                Cluster.await(Duration.ofSeconds(30), () -> {
                    InstanceStatus s = Specs.get(api, "Instance", survivor).getInstance().getStatus();
                    return s.getReady() && s.getRestarts() == before.get(survivor).getRestarts() + 1
                            && s.getPid() != before.get(survivor).getPid();
                });
                assertThat(ours(run)).hasSize(3);
            }
        }
    }

    private static boolean allReady(Connection api, int n) {
        List<ApiObject> is = Specs.instances(api, "web");
        return is.size() == n && is.stream().allMatch(i -> i.getInstance().getStatus().getReady()
                && i.getInstance().getStatus().getState().equals("Running"));
    }

    private static boolean answers(int port) {
        try {
            return Specs.httpGet("127.0.0.2", port).equals("v1");
        } catch (Exception e) {
            return false;
        }
    }

    /** The pids of live processes whose environment carries this run's marker (pid-reuse-proof enough for a test). */
    private static List<Long> ours(String run) {
        String marker = "ADOPTION_RUN=" + run;
        return ProcessHandle.allProcesses().filter(h -> {
            try {
                byte[] env = Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "environ"));
                String state = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"), StandardCharsets.US_ASCII);
                boolean zombie = state.substring(state.lastIndexOf(')') + 2).startsWith("Z");
                return !zombie && new String(env, StandardCharsets.ISO_8859_1).contains(marker);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }).map(ProcessHandle::pid).toList();
    }
}
