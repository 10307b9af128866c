package io.capstan.orchestrator.agent;

import io.capstan.orchestrator.agent.docker.ContainerInfo;
import io.capstan.orchestrator.agent.docker.DockerEngine;
import io.capstan.orchestrator.agent.docker.DockerException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The containers a previous agent of this node left behind, found by their cluster and node
 * labels when the agent starts: running ones wait to be claimed by the instance they belong to
 * (and are then adopted, not restarted), exited ones are removed at once, and whatever no
 * instance bound here claimed after the first sync is stopped and removed.
 */
final class ContainerAdoption {
    private final DockerEngine docker;
    private final Map<String, ContainerInfo> adoptable = new ConcurrentHashMap<>();

    private ContainerAdoption(DockerEngine docker) {
        this.docker = docker;
    }

    /** Nothing to adopt (no Docker daemon on this node). */
    static ContainerAdoption none() {
        return new ContainerAdoption(null);
    }

    /** Lists the containers carrying all of {@code ownLabels}; a daemon that does not answer leaves nothing to adopt. */
    static ContainerAdoption scan(DockerEngine docker, Map<String, String> ownLabels) {
        ContainerAdoption a = new ContainerAdoption(docker);
        try {
            for (ContainerInfo c : docker.list(DockerEngine.INSTANCE_LABEL)) {
                if (!c.labels().entrySet().containsAll(ownLabels.entrySet())) {
                    continue;
                }
                if (c.running()) {
                    a.adoptable.put(c.labels().get(DockerEngine.INSTANCE_LABEL), c);
                } else {
                    docker.remove(c.id());
                }
            }
        } catch (DockerException e) {
            // the daemon does not answer: nothing of ours is running there
        }
        return a;
    }

    /** The running container left for instance {@code namespace/name}, taken out of the set; null when there is none. */
    ContainerInfo claim(String instance) {
        return adoptable.remove(instance);
    }

    /** After the first sync: a container no instance bound here claimed belongs to nothing any more. */
    void removeUnclaimed() {
        for (var e : new HashMap<>(adoptable).entrySet()) {
            adoptable.remove(e.getKey());
            try {
                docker.stop(e.getValue().id(), 5);
                docker.remove(e.getValue().id());
            } catch (DockerException ignored) {
                // gone already
            }
        }
    }
}
