package io.capstan.orchestrator.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * What an agent remembers, in {@code DATA/processes/}, about each process it started, so that
 * an agent restarted after a crash ({@code kill -9}) can adopt the processes its predecessor
 * left running instead of starting them twice: the pid, the kernel's start time of that pid
 * ({@code /proc/PID/stat} field 22, in clock ticks since boot, so a reused pid is never mistaken
 * for ours), when it was started, and the host ports it was given.
 */
record ProcessRecord(String namespace, String name, long pid, long startTicks, long startedMs, Map<String, Integer> ports) {
    ProcessRecord {
        Objects.requireNonNull(namespace);
        Objects.requireNonNull(name);
        ports = Map.copyOf(ports);
    }

    static Path dir(Path dataDir) {
        return dataDir.resolve("processes");
    }

    private static Path file(Path dataDir, String namespace, String name) {
        return dir(dataDir).resolve(namespace + "_" + name);
    }

    /** {@code namespace/name}, as the agent keys its instances. */
    String instance() {
        return namespace + "/" + name;
    }

    /** Whether the recorded process still runs: the pid exists, is not a zombie and started when ours did. */
    boolean alive() {
        return startTicks > 0 && startTicks(pid) == startTicks;
    }

    /** Writes the record atomically (a crash mid-write leaves the previous one or none). */
    void save(Path dataDir) throws IOException {
        Files.createDirectories(dir(dataDir));
        Properties p = new Properties();
        p.setProperty("namespace", namespace);
        p.setProperty("name", name);
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("start_ticks", Long.toString(startTicks));
        p.setProperty("started_ms", Long.toString(startedMs));
        p.setProperty("ports", ContainerWorkload.encodePorts(ports));
        Path target = file(dataDir, namespace, name);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, "a process started by this agent");
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void delete(Path dataDir, String namespace, String name) {
        try {
            Files.deleteIfExists(file(dataDir, namespace, name));
        } catch (IOException ignored) {
            // a stale record is harmless: its start time will not match again
        }
    }

    /** Every readable record, keyed by {@code namespace/name}; unreadable ones are deleted. */
    static Map<String, ProcessRecord> loadAll(Path dataDir) {
        Map<String, ProcessRecord> all = new HashMap<>();
        Path dir = dir(dataDir);
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                try (var in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    Properties p = new Properties();
                    p.load(in);
                    Map<String, Integer> ports = new LinkedHashMap<>();
                    ContainerWorkload.decodePorts(p.getProperty("ports", ""), ports);
                    ProcessRecord r = new ProcessRecord(p.getProperty("namespace"), p.getProperty("name"),
                            Long.parseLong(p.getProperty("pid")), Long.parseLong(p.getProperty("start_ticks")),
                            Long.parseLong(p.getProperty("started_ms")), ports);
                    all.put(r.instance(), r);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException ignored) {
            // unreadable directory: nothing to adopt
        }
        return all;
    }

    /**
     * The start time of process {@code pid} in clock ticks since boot (field 22 of
     * {@code /proc/PID/stat}), or -1 when there is no such process or it is a zombie.
     */
    static long startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // the command name (field 2) is in parentheses and may itself contain spaces or ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            // f[0] is field 3 (state), so field 22 (starttime) is f[19]
            if (f[0].equals("Z") || f[0].equals("X")) {
                return -1;
            }
            return Long.parseLong(f[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
