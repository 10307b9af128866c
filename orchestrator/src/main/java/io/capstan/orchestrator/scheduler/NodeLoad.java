package io.capstan.orchestrator.scheduler;

import io.capstan.orchestrator.api.v1.ApiObject;
import java.util.HashMap;
import java.util.Map;

/**
 * What the scheduler knows of one node: its latest object ({@code null} while the node is unknown
 * or deleted but instances still name it) and the requests of the instances bound or assumed on it.
 * Guarded by the {@link SchedulerCache}'s lock.
 */
final class NodeLoad {
    final String name;
    ApiObject node;
    long cpu;
    long mem;
    final Map<String, Integer> perDeployment = new HashMap<>();

    NodeLoad(String name) {
        this.name = name;
    }

    void add(long cpuMillis, long memMb, String deployment) {
        cpu += cpuMillis;
        mem += memMb;
        perDeployment.merge(deployment, 1, Integer::sum);
    }

    void remove(long cpuMillis, long memMb, String deployment) {
        cpu -= cpuMillis;
        mem -= memMb;
        perDeployment.merge(deployment, -1, (a, b) -> a + b == 0 ? null : a + b);
    }
}
