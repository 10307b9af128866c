package io.capstan.orchestrator.agent;

import java.util.List;
import java.util.Map;

/**
 * One running copy of an instance, whichever driver started it: a process group
 * ({@link ProcessWorkload}) or a Docker container ({@link ContainerWorkload}).
 */
sealed interface Workload permits ProcessWorkload, ContainerWorkload {
    /** The process id for processes; 0 for containers. */
    long pid();

    /** The container id for containers; empty for processes. */
    String containerId();

    boolean alive();

    /** The exit code once it has exited, else null. */
    Integer exitCode();

    /** Waits up to {@code ms} for it to exit. */
    void awaitExit(long ms) throws InterruptedException;

    /** SIGTERM, then SIGKILL after {@code graceMs}; returns once it is gone. */
    void stop(long graceMs);

    /** Runs an exec probe where the workload lives (the host, or inside the container): null on success, else why not. */
    String exec(List<String> command, Map<String, String> env, long timeoutMs);

    /** Lets go of what is left once it has exited (a container is removed, its output kept in {@code log}). */
    void release(RotatingLog log);
}
