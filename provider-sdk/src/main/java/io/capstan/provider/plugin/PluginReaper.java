package io.capstan.provider.plugin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure no plugin process outlives Capstan: every launched plugin is registered here,
 * and one JVM shutdown hook (Ctrl-C, normal exit) shuts down whatever is still running.
 */
final class PluginReaper {
    private static final Set<PluginProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Process> LAUNCHING = ConcurrentHashMap.newKeySet();
    /** How long {@link #killAllNow} waits for the killed plugins to be gone before removing their directories. */
    static final Duration KILL_WAIT = Duration.ofMillis(500);

    static {
        Thread hook = new Thread(() -> {
            for (PluginProcess p : Set.copyOf(LIVE)) {
                p.shutdown(Duration.ofSeconds(2));
            }
        }, "capstan-plugin-reaper");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private PluginReaper() {
    }

    static void register(PluginProcess p) {
        LIVE.add(p);
    }

    static void unregister(PluginProcess p) {
        LIVE.remove(p);
    }

    /**
     * Kills every registered plugin, and every one still being launched (with their children),
     * without a grace period; then, once they are gone (a SIGKILLed process exits within
     * milliseconds; at most {@link #KILL_WAIT} is spent), removes every private socket directory
     * offered to them ({@link PrivateSocket#deleteAll}). Waiting first keeps a plugin that was
     * still starting from creating its socket in a directory already removed.
     */
    static void killAllNow() {
        List<Process> killed = new ArrayList<>();
        for (PluginProcess p : Set.copyOf(LIVE)) {
            killed.add(p.killNow());
        }
        for (Process p : Set.copyOf(LAUNCHING)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            killed.add(p);
        }
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        for (Process p : killed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                p.waitFor(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        PrivateSocket.deleteAll();
    }

    /** A plugin process started but not yet connected ({@link PluginLauncher#launch}), for {@link #killAllNow}. */
    static void launching(Process p) {
        LAUNCHING.add(p);
    }

    /** The launch of {@code p} ended: it is registered as a {@link PluginProcess} or was killed. */
    static void launched(Process p) {
        LAUNCHING.remove(p);
    }

    /** How many plugins are being launched (started, not yet connected; for tests). */
    static int launchingCount() {
        return LAUNCHING.size();
    }

    /** How many launched plugins are still registered (for tests and diagnostics). */
    static int liveCount() {
        return LIVE.size();
    }
}
