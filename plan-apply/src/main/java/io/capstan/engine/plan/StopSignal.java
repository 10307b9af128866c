package io.capstan.engine.plan;

import io.capstan.engine.walk.ParallelWalker;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A graceful stop of a run (Terraform's first Ctrl-C): walkers start no new node, running
 * provider calls finish and are recorded, providers are asked to stop (StopProvider), and
 * running provisioner commands are killed, as Terraform kills them. Safe from any thread.
 */
final class StopSignal {
    private volatile boolean stopped;
    private final Set<ParallelWalker<?>> walkers = ConcurrentHashMap.newKeySet();
    private final Set<Process> processes = ConcurrentHashMap.newKeySet();

    boolean stopped() {
        return stopped;
    }

    void stop(Providers providers) {
        stopped = true;
        walkers.forEach(ParallelWalker::stop);
        processes.forEach(StopSignal::kill);
        if (providers != null) {
            providers.stopAll();
        }
    }

    /** A walker of this run; one registered after the stop starts nothing. */
    <V> ParallelWalker<V> walker(ParallelWalker<V> w) {
        walkers.add(w);
        if (stopped) {
            w.stop();
        }
        return w;
    }

    /** A provisioner command of this run; false (and killed) when the run is already stopping. */
    boolean register(Process p) {
        processes.add(p);
        if (stopped) {
            kill(p);
            return false;
        }
        return true;
    }

    /**
     * The command and what it started (a shell's children would otherwise keep its output open).
     * Killed through its {@link ProcessHandle}: {@link Process#destroyForcibly} also closes the
     * streams, so the thread reading the command's output would fail with "Stream closed" instead
     * of reading to the end and reporting the kill.
     */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.toHandle().destroyForcibly();
    }

    void unregister(Process p) {
        processes.remove(p);
    }
}
