package io.capstan.orchestrator.agent;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code process} driver: starts a command in its own session and process group (via
 * {@code setsid}), so that stopping it — SIGTERM, then SIGKILL after the grace period —
 * reaches every process it spawned.
 */
final class ProcessDriver {
    private ProcessDriver() {
    }

    static Process start(io.capstan.orchestrator.api.v1.ProcessDriver spec, Map<String, String> env, File workDir,
                         RotatingLog log) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute() || new File("/bin/setsid").canExecute()) {
            cmd.add("setsid");
        }
        cmd.add(spec.getCommand());
        cmd.addAll(spec.getArgsList());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.directory(workDir);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        log.pump(p.getInputStream(), "stdout " + p.pid());
        log.pump(p.getErrorStream(), "stderr " + p.pid());
        return p;
    }

    /** SIGTERM to the process group, SIGKILL after {@code graceMs}; returns once it is gone. */
    static void stop(Process p, long graceMs) {
        if (!p.isAlive()) {
            return;
        }
        signal(p, "TERM");
        try {
            if (!p.waitFor(graceMs, TimeUnit.MILLISECONDS)) {
                signal(p, "KILL");
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            signal(p, "KILL");
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // whatever the leader left behind in its group
        signal(p, "KILL");
    }

    private static void signal(Process p, String sig) {
        try {
            Process k = new ProcessBuilder("kill", "-" + sig, "--", "-" + p.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            k.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            if (sig.equals("KILL")) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
