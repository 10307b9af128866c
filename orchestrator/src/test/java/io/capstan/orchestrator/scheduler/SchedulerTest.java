package io.capstan.orchestrator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.orchestrator.api.Kind;
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
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Placement: resources and constraints filter, spread scores, and an unschedulable instance says why. */
class SchedulerTest {
    @TempDir
    Path dir;

    private static ApiObject node(String name, String condition, long memMb, Map<String, String> labels) {
        Resources r = Resources.newBuilder().setCpuMillis(4000).setMemoryMb(memMb).build();
        return ApiObject.newBuilder().setKind("Node").setMetadata(ObjectMeta.newBuilder().setName(name).putAllLabels(labels))
                .setNode(Node.newBuilder().setSpec(NodeSpec.newBuilder().setAddress("127.0.0.1"))
                        .setStatus(NodeStatus.newBuilder().setCondition(condition).setCapacity(r).setAllocatable(r))).build();
    }

    private static ApiObject instance(String name, long memMb, Map<String, String> selector) {
        return ApiObject.newBuilder().setKind("Instance").setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default"))
                .setInstance(Instance.newBuilder().setSpec(InstanceSpec.newBuilder().setDeployment("d")
                        .setTemplate(Template.newBuilder().setRequests(Resources.newBuilder().setMemoryMb(memMb)).putAllNodeSelector(selector)))).build();
    }

    @Test
    void spreadsInstancesOfADeploymentAcrossNodes() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"), k -> false, SecretBox.open(dir.resolve("k")))) {
            Registry reg = new Registry(store);
            for (String n : new String[] {"a", "b", "c"}) {
                reg.create(node(n, "Ready", 4096, Map.of()));
            }
            for (int i = 0; i < 6; i++) {
                reg.create(instance("i" + i, 100, Map.of()));
            }
            assertThat(new Scheduler(reg, 100).schedule()).isEqualTo(6);
            Map<String, Long> per = reg.list(Kind.INSTANCE, "default").items().stream()
                    .collect(Collectors.groupingBy(i -> i.getInstance().getSpec().getNode(), Collectors.counting()));
            assertThat(per).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2L, "b", 2L, "c", 2L));
        }
    }

    @Test
    void bindingsWrittenInBatchesRespectCapacityAndSurviveAReopen() throws Exception {
        Path file = dir.resolve("batch.db");
        try (SqliteStore store = SqliteStore.open(file, k -> false, SecretBox.open(dir.resolve("k")))) {
            Registry reg = new Registry(store);
            for (int n = 0; n < 5; n++) {
                reg.create(node("n" + n, "Ready", 4096, Map.of()));
            }
            for (int i = 0; i < 250; i++) {
                reg.create(instance("i" + i, 100, Map.of()));
            }
            assertThat(new Scheduler(reg, 100).schedule()).isEqualTo(200);
        }
        try (SqliteStore store = SqliteStore.open(file, k -> false, SecretBox.open(dir.resolve("k")))) {
            var items = new Registry(store).list(Kind.INSTANCE, "default").items();
            Map<String, Long> per = items.stream().filter(i -> !i.getInstance().getSpec().getNode().isEmpty())
                    .collect(Collectors.groupingBy(i -> i.getInstance().getSpec().getNode(), Collectors.counting()));
            assertThat(per).containsExactlyInAnyOrderEntriesOf(Map.of("n0", 40L, "n1", 40L, "n2", 40L, "n3", 40L, "n4", 40L));
            assertThat(items.stream().filter(i -> i.getInstance().getSpec().getNode().isEmpty()))
                    .hasSize(50).allSatisfy(i -> assertThat(i.getInstance().getStatus().getMessage())
                            .isEqualTo("0/5 nodes are available: 5 insufficient memory"));
        }
    }

    @Test
    void unschedulableInstanceSaysWhy() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"), k -> false, SecretBox.open(dir.resolve("k")))) {
            Registry reg = new Registry(store);
            reg.create(node("small1", "Ready", 512, Map.of()));
            reg.create(node("small2", "Ready", 512, Map.of()));
            reg.create(node("dead", "NotReady", 8192, Map.of()));
            reg.create(instance("big", 1024, Map.of()));
            reg.create(instance("picky", 10, Map.of("disk", "ssd")));
            assertThat(new Scheduler(reg, 100).schedule()).isZero();
            assertThat(reg.get(Kind.INSTANCE, "default", "big").orElseThrow().getInstance().getStatus().getMessage())
                    .isEqualTo("0/3 nodes are available: 2 insufficient memory, 1 NotReady");
            assertThat(reg.get(Kind.INSTANCE, "default", "picky").orElseThrow().getInstance().getStatus().getMessage())
                    .isEqualTo("0/3 nodes are available: 2 didn't match node constraints, 1 NotReady");
            reg.create(node("ssd", "Ready", 512, Map.of("disk", "ssd")));
            assertThat(new Scheduler(reg, 100).schedule()).isEqualTo(1);
            assertThat(reg.get(Kind.INSTANCE, "default", "picky").orElseThrow().getInstance().getSpec().getNode()).isEqualTo("ssd");
        }
    }
}
