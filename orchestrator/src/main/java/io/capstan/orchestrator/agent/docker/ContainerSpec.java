package io.capstan.orchestrator.agent.docker;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the agent asks Docker to run for one instance. Containers share the host network (the
 * agent has already assigned the host ports and passes them in the env, as for processes), run
 * with an init process so SIGTERM stops them promptly, and carry labels tying them to the instance.
 */
public record ContainerSpec(String name, String image, List<String> command, Map<String, String> env,
                            Map<String, String> labels, long cpuMillis, long memoryMb) {
    public ContainerSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(image);
        command = List.copyOf(command);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
    }
}
