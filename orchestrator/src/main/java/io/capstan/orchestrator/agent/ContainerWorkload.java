package io.capstan.orchestrator.agent;

import io.capstan.orchestrator.agent.docker.ContainerInfo;
import io.capstan.orchestrator.agent.docker.ContainerSpec;
import io.capstan.orchestrator.agent.docker.DockerEngine;
import io.capstan.orchestrator.agent.docker.DockerException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Docker container run by the {@code container} driver. A daemon thread blocks on Docker's
 * {@code wait} to learn when (and with which code) it exits; a container found again after an
 * agent restart is {@linkplain #adopt adopted} the same way, without being restarted.
 */
final class ContainerWorkload implements Workload {
    /** Labels that tie a container to this cluster, node and the host ports the agent assigned. */
    static final String CLUSTER_LABEL = "io.capstan.cluster";
    static final String NODE_LABEL = "io.capstan.node";
    static final String PORTS_LABEL = "io.capstan.ports";

    private final DockerEngine docker;
    private final String id;
    private final CountDownLatch exited = new CountDownLatch(1);
    private volatile Integer code;

    private ContainerWorkload(DockerEngine docker, String id) {
        this.docker = Objects.requireNonNull(docker);
        this.id = Objects.requireNonNull(id);
        Thread t = new Thread(this::waitForExit, "container-wait " + id.substring(0, Math.min(12, id.length())));
        t.setDaemon(true);
        t.start();
    }

    /** Makes sure the image is there, removes a stale container of the same name, creates and starts it. */
    static ContainerWorkload start(DockerEngine docker, ContainerSpec spec) throws DockerException {
        docker.ensureImage(spec.image());
        docker.remove(spec.name());
        return new ContainerWorkload(docker, docker.run(spec));
    }

    /** Takes over a container a previous agent started and left running. */
    static ContainerWorkload adopt(DockerEngine docker, ContainerInfo running) {
        return new ContainerWorkload(docker, running.id());
    }

    /** Docker's container name for an instance (unique per node; a stale one is replaced). */
    static String containerName(String namespace, String name) {
        return "capstan-" + namespace + "-" + name;
    }

    static String encodePorts(Map<String, Integer> ports) {
        StringBuilder b = new StringBuilder();
        ports.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }

    static void decodePorts(String label, Map<String, Integer> into) {
        if (label == null || label.isEmpty()) {
            return;
        }
        for (String kv : label.split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                into.put(kv.substring(0, eq), Integer.parseInt(kv.substring(eq + 1)));
            }
        }
    }

    private void waitForExit() {
        for (int attempt = 0; code == null; attempt++) {
            try {
                code = docker.await(id);
            } catch (DockerException e) {
                // the daemon restarted or the container is gone: ask what became of it
                try {
                    var info = docker.inspect(id);
                    if (info.isEmpty() || !info.get().running()) {
                        code = info.map(ContainerInfo::exitCode).orElse(-1);
                    }
                } catch (DockerException unreachable) {
                    if (attempt > 300) {
                        code = -1;
                    }
                }
                sleep(1000);
            }
        }
        exited.countDown();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long pid() {
        return 0;
    }

    @Override
    public String containerId() {
        return id;
    }

    @Override
    public boolean alive() {
        return exited.getCount() > 0;
    }

    @Override
    public Integer exitCode() {
        return code;
    }

    @Override
    public void awaitExit(long ms) throws InterruptedException {
        exited.await(ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop(long graceMs) {
        try {
            docker.stop(id, (int) Math.max(1, (graceMs + 999) / 1000));
        } catch (DockerException e) {
            try {
                docker.remove(id);
            } catch (DockerException ignored) {
                // the daemon is gone; nothing left to stop here
            }
        }
    }

    @Override
    public String exec(List<String> command, Map<String, String> env, long timeoutMs) {
        try {
            int c = docker.exec(id, command, timeoutMs);
            return c == 0 ? null : c == -1 ? "exec " + command + " timed out after " + timeoutMs + " ms"
                    : "exec " + command + " exited with " + c;
        } catch (DockerException e) {
            return e.getMessage();
        }
    }

    @Override
    public void release(RotatingLog log) {
        try {
            String out = docker.logs(id);
            if (!out.isEmpty()) {
                log.line("[capstan] output of container " + id.substring(0, Math.min(12, id.length())) + ":");
                for (String line : out.split("\n")) {
                    log.line(line);
                }
            }
            docker.remove(id);
        } catch (DockerException e) {
            log.line("[capstan] " + e.getMessage());
        }
    }

    /** The live output of the running container (its last {@code tail} lines), for {@code logs}. */
    String output(int tail) {
        try {
            return docker.logs(id, tail);
        } catch (DockerException e) {
            return "[capstan] " + e.getMessage() + "\n";
        }
    }
}
