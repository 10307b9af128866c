package io.capstan.orchestrator.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Remembers, in {@code DATA/pids/}, the process of every instance an agent starts, so that an
 * agent restarted after a crash ({@code kill -9}) stops the instances its predecessor left
 * running instead of running them twice. A pid is only trusted if the process with it started
 * at the recorded instant (pids are reused).
 */
final class Reaper {
    private Reaper() {
    }

    private static Path file(Path dataDir, String namespace, String name) {
        return dataDir.resolve("pids").resolve(namespace + "_" + name);
    }

    static void remember(Path dataDir, String namespace, String name, Process p) {
        try {
            Files.createDirectories(dataDir.resolve("pids"));
            long started = p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
            Files.writeString(file(dataDir, namespace, name), p.pid() + " " + started + "\n");
        } catch (IOException ignored) {
            // without the record a crash of this agent may leave the process behind
        }
    }

    static void forget(Path dataDir, String namespace, String name) {
        try {
            Files.deleteIfExists(file(dataDir, namespace, name));
        } catch (IOException ignored) {
            // nothing to reap later either
        }
    }

    /** Kills (with their process groups) the recorded processes that are still alive; returns how many. */
    static int reapAll(Path dataDir) {
        Path dir = dataDir.resolve("pids");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                try {
                    String[] parts = Files.readString(f).trim().split(" ");
                    long pid = Long.parseLong(parts[0]);
                    long started = Long.parseLong(parts[1]);
                    Optional<ProcessHandle> h = ProcessHandle.of(pid);
                    if (h.isPresent() && h.get().isAlive() && h.get().info().startInstant()
                            .map(i -> Math.abs(i.toEpochMilli() - started) < 1000).orElse(false)) {
                        new ProcessBuilder("kill", "-KILL", "--", "-" + pid).redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(2, TimeUnit.SECONDS);
                        h.get().destroyForcibly();
                        n++;
                    }
                    Files.deleteIfExists(f);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(f);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return n;
                }
            }
        } catch (IOException ignored) {
            // unreadable directory: nothing we can do
        }
        return n;
    }
}
