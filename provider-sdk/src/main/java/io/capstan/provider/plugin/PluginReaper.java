package io.capstan.provider.plugin;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure no plugin process outlives Capstan: every launched plugin is registered here,
 * and one JVM shutdown hook (Ctrl-C, normal exit) shuts down whatever is still running.
 */
final class PluginReaper {
    private static final Set<PluginProcess> LIVE = ConcurrentHashMap.newKeySet();

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

    /** Kills every registered plugin (and its children) without a grace period or waiting. */
    static void killAllNow() {
        for (PluginProcess p : Set.copyOf(LIVE)) {
            p.killNow();
        }
    }

    /** How many launched plugins are still registered (for tests and diagnostics). */
    static int liveCount() {
        return LIVE.size();
    }
}
