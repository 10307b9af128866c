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
import java.util.Arrays;

/**
 * Scheduler throughput with simulated nodes (objects only, like kwok): N Ready nodes and M
 * pending instances in a durable SQLite store, then scheduler passes until every instance is
 * bound (each binding a compare-and-set write with {@code synchronous=FULL}). Prints sustained
 * placements/s and the p50/p99 of the per-placement time of each pass (pass time / placements).
 * Usage: bench/orchestrator-scheduler.sh [NODES] [INSTANCES]
 */
public final class SchedulerBench {
    private SchedulerBench() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        Path dir = Files.createTempDirectory("capstan-sched-bench");
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"), k -> false, SecretBox.open(dir.resolve("k")))) {
            Registry reg = new Registry(store);
            Resources cap = Resources.newBuilder().setCpuMillis(64_000).setMemoryMb(262_144).build();
            for (int i = 0; i < nodes; i++) {
                reg.create(ApiObject.newBuilder().setKind("Node").setMetadata(ObjectMeta.newBuilder().setName("sim-" + i))
                        .setNode(Node.newBuilder().setSpec(NodeSpec.newBuilder().setAddress("10.0." + (i / 250) + "." + (i % 250)))
                                .setStatus(NodeStatus.newBuilder().setCondition("Ready").setCapacity(cap).setAllocatable(cap))).build());
            }
            for (int i = 0; i < instances; i++) {
                reg.create(ApiObject.newBuilder().setKind("Instance").setMetadata(ObjectMeta.newBuilder().setName("i" + i).setNamespace("default"))
                        .setInstance(Instance.newBuilder().setSpec(InstanceSpec.newBuilder().setDeployment("d" + (i % 100))
                                .setTemplate(Template.newBuilder().setRequests(Resources.newBuilder().setCpuMillis(100).setMemoryMb(128))))).build());
            }
            Scheduler s = new Scheduler(reg, 100);
            double[] perPlacementMs = new double[instances];
            int placed = 0;
            int passes = 0;
            long t0 = System.nanoTime();
            while (placed < instances) {
                long p0 = System.nanoTime();
                int n = s.schedule();
                long p1 = System.nanoTime();
                if (n == 0) {
                    break;
                }
                for (int k = 0; k < n && placed + k < instances; k++) {
                    perPlacementMs[placed + k] = (p1 - p0) / 1e6 / n;
                }
                placed += n;
                passes++;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double[] lat = Arrays.copyOf(perPlacementMs, placed);
            Arrays.sort(lat);
            System.out.printf("nodes=%d instances=%d placed=%d passes=%d time=%.1fs placements/s=%.0f p50=%.2fms p99=%.2fms%n",
                    nodes, instances, placed, passes, secs, placed / secs,
                    lat.length == 0 ? 0 : lat[lat.length / 2], lat.length == 0 ? 0 : lat[(int) (lat.length * 0.99)]);
        }
    }
}
