package io.capstan.orchestrator.scheduler;

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
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the scheduler's store-backed tests build their clusters from: a SQLite store, Ready nodes,
 * pending instances of one deployment in {@code default}, and where the instances ended up.
 */
final class SchedulerFixtures {
    private SchedulerFixtures() {
    }

    /** A SQLite store in {@code dir/file}, its secrets sealed with {@code dir/k}. */
    static SqliteStore open(Path dir, String file) throws IOException {
        return SqliteStore.open(dir.resolve(file), k -> false, SecretBox.open(dir.resolve("k")));
    }

    /** A Ready node with this capacity (CPU in millicores, memory in MiB), all of it allocatable. */
    static ApiObject node(String name, long cpuMillis, long memMb) {
        Resources r = Resources.newBuilder().setCpuMillis(cpuMillis).setMemoryMb(memMb).build();
        return ApiObject.newBuilder().setKind("Node").setMetadata(ObjectMeta.newBuilder().setName(name))
                .setNode(Node.newBuilder().setSpec(NodeSpec.newBuilder().setAddress("127.0.0.1"))
                        .setStatus(NodeStatus.newBuilder().setCondition("Ready").setCapacity(r).setAllocatable(r))).build();
    }

    /** An unbound instance of deployment {@code d} in {@code default} that requests {@code memMb} MiB. */
    static ApiObject instance(String name, long memMb) {
        return ApiObject.newBuilder().setKind("Instance").setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default"))
                .setInstance(Instance.newBuilder().setSpec(InstanceSpec.newBuilder().setDeployment("d")
                        .setTemplate(Template.newBuilder().setRequests(Resources.newBuilder().setMemoryMb(memMb))))).build();
    }

    /** How many instances in {@code default} the store has bound to each node. */
    static Map<String, Long> perNode(Registry reg) {
        return reg.list(Kind.INSTANCE, "default").items().stream()
                .filter(i -> !i.getInstance().getSpec().getNode().isEmpty())
                .collect(Collectors.groupingBy(i -> i.getInstance().getSpec().getNode(), Collectors.counting()));
    }
}
