package io.capstan.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.client.ClientConfig;
import io.capstan.orchestrator.client.Connection;
import io.capstan.orchestrator.store.EtcdProcesses;
import io.capstan.orchestrator.server.ControlPlane;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code server} processes on one three-member etcd cluster. Both serve the API; the first,
 * started alone, is the leader and runs the controllers. Under a steady stream of deployment
 * creates and scales (sent to whichever server is up), the leader is killed with {@code kill -9}:
 * the other takes over within seconds and every deployment ends with exactly its replicas — no
 * change lost, no instance doubled — and stays so.
 */
class HaFailoverTest {
    @TempDir
    Path dir;

    private static void copyIdentity(Path from, Path to) throws Exception {
        Files.createDirectories(to.resolve("tls"));
        try (var files = Files.list(from.resolve("tls"))) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve("tls").resolve(f.getFileName()));
            }
        }
        for (String f : List.of("secrets.key", "admin.token", "join.token")) {
            Files.copy(from.resolve(f), to.resolve(f));
        }
    }

    /** The identity (address/uuid) in the controllers' leader key, or "" while nobody leads. */
    private static String leader(Client raw) {
        try {
            var kvs = raw.getKVClient().get(ByteSequence.from(ControlPlane.ETCD_ROOT + "/\0leader/controllers", StandardCharsets.UTF_8))
                    .get(10, TimeUnit.SECONDS).getKvs();
            return kvs.isEmpty() ? "" : kvs.get(0).getValue().toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "";
        }
    }

    private static int live(Connection c, String name) {
        return (int) Specs.instances(c, name).stream().filter(i -> !i.getInstance().getSpec().getTerminating()).count();
    }

    /** What a client does: read, change, compare-and-set; again when the controllers wrote the status in between. */
    private static void scale(Connection c, String name, int replicas) {
        for (int attempt = 0; ; attempt++) {
            ApiObject.Builder d = Specs.get(c, "Deployment", name).toBuilder();
            d.getDeploymentBuilder().getSpecBuilder().setReplicas(replicas);
            try {
                c.blocking().update(d.build());
                return;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.ABORTED || attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    @Test
    void leaderKilledUnderAStreamOfChangesLosesAndDoublesNothing() throws Exception {
        try (EtcdProcesses etcd = EtcdProcesses.start(3); Cluster cluster = new Cluster(dir);
             Client raw = Client.builder().endpoints(etcd.endpoints().split(",")).build()) {
            Path configA = dir.resolve("a.json");
            Process a = cluster.spawn("server-a", "server", "--data-dir", dir.resolve("a").toString(), "--listen", "127.0.0.1:0",
                    "--etcd", etcd.endpoints(), "--config", configA.toString());
            Cluster.await(Duration.ofSeconds(60), () -> Files.exists(configA) || !a.isAlive());
            assertThat(a.isAlive()).as("server a runs, see " + dir).isTrue();
            // a is alone: it holds the leader lease before b starts (waited for, not assumed after a pause)
            String addressA = ClientConfig.read(configA).address() + "/";
            Cluster.await(Duration.ofSeconds(60), () -> leader(raw).startsWith(addressA));
            copyIdentity(dir.resolve("a"), dir.resolve("b"));
            Path configB = dir.resolve("b.json");
            Process b = cluster.spawn("server-b", "server", "--data-dir", dir.resolve("b").toString(), "--listen", "127.0.0.1:0",
                    "--etcd", etcd.endpoints(), "--config", configB.toString());
            Cluster.await(Duration.ofSeconds(60), () -> Files.exists(configB) || !b.isAlive());
            assertThat(b.isAlive()).as("server b runs, see " + dir).isTrue();

            Map<String, Integer> want = new HashMap<>();
            try (Connection viaA = Connection.open(ClientConfig.read(configA)); Connection viaB = Connection.open(ClientConfig.read(configB))) {
                for (int i = 0; i < 30; i++) {
                    Connection c = i < 12 ? (i % 2 == 0 ? viaA : viaB) : viaB;
                    if (i == 12) {
                        cluster.kill9(a);
                    }
                    String name = "d" + (i % 10);
                    int replicas = 1 + (i % 3);
                    if (i < 10) {
                        c.blocking().create(Specs.deployment(name, replicas, Specs.httpTemplate(name, "v1"), null));
                    } else {
                        scale(c, name, replicas);
                    }
                    want.put(name, replicas);
                    Thread.sleep(150);
                }
                String addressB = ClientConfig.read(configB).address() + "/";
                Cluster.await(Duration.ofSeconds(45), () -> leader(raw).startsWith(addressB));
                BooleanSupplier converged = () -> want.entrySet().stream().allMatch(e -> live(viaB, e.getKey()) == e.getValue());
                long t0 = System.nanoTime();
                Cluster.await(Duration.ofSeconds(45), converged);
                System.out.println("HA failover: converged " + (System.nanoTime() - t0) / 1_000_000 + " ms after the last change");
                Thread.sleep(3000);
                for (var e : want.entrySet()) {
                    List<ApiObject> all = Specs.instances(viaB, e.getKey()).stream()
                            .filter(i -> !i.getInstance().getSpec().getTerminating()).toList();
                    assertThat(all).as(e.getKey()).hasSize(e.getValue());
                    assertThat(all.stream().map(i -> i.getMetadata().getName()).distinct()).hasSize(e.getValue());
                }
            }
        }
    }
}
