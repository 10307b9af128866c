package io.capstan.orchestrator.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code process} driver: starts a command in its own session and process group (via
 * {@code setsid}), so that stopping it — SIGTERM, then SIGKILL after the grace period —
 * reaches every process it spawned. Its stdout and stderr go straight to the instance's log
 * file (opened for append), not through pipes to the agent: the process outlives an agent
 * crash without a broken pipe, and a restarted agent can adopt it with its output intact.
 */
final class ProcessDriver {
    private ProcessDriver() {
    }

    static Process start(io.capstan.orchestrator.api.v1.ProcessDriver spec, Map<String, String> env, File workDir,
                         Path logFile) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute() || new File("/bin/setsid").canExecute()) {
            cmd.add("setsid");
        }
        cmd.add(spec.getCommand());
        cmd.addAll(spec.getArgsList());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.directory(workDir);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.redirectErrorStream(true);
        return pb.start();
    }

    /** SIGTERM to the process group, SIGKILL after {@code graceMs}; returns once it is gone. */
    static void stop(ProcessWorkload w, long graceMs) {
        if (!w.alive()) {
            return;
        }
        signal(w, "TERM");
        try {
            w.awaitExit(graceMs);
            if (w.alive()) {
                signal(w, "KILL");
                w.awaitExit(5000);
            }
        } catch (InterruptedException e) {
            signal(w, "KILL");
            Thread.currentThread().interrupt();
        }
        // whatever the leader left behind in its group
        if (w.child() != null || w.alive()) {
            signal(w, "KILL");
        }
    }

    private static void signal(ProcessWorkload w, String sig) {
        // an adopted pid is signalled only while it is still ours (pids are reused)
        if (w.child() == null && !w.alive()) {
            return;
        }
        try {
            Process k = new ProcessBuilder("kill", "-" + sig, "--", "-" + w.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            k.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(w.pid()).ifPresent(h -> {
                if (sig.equals("KILL")) {
                    h.destroyForcibly();
                } else {
                    h.destroy();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
