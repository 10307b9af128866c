package io.capstan.orchestrator.agent.docker;

import java.util.Map;

/** One container as Docker reports it: id, name, labels, whether it runs, and its exit code once stopped. */
public record ContainerInfo(String id, String name, Map<String, String> labels, boolean running, int exitCode) {
}
