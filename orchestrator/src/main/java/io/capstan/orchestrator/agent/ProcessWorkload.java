package io.capstan.orchestrator.agent;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process group run by the {@code process} driver: either started by this agent
 * ({@code child} set: its exit code is known) or adopted from a previous agent ({@code child}
 * null: only its pid and kernel start time are known, so liveness is read from
 * {@code /proc/PID/stat} and the exit code of an adopted process is not known).
 */
record ProcessWorkload(long pid, long startTicks, Process child) implements Workload {
    static ProcessWorkload started(Process p) {
        return new ProcessWorkload(p.pid(), ProcessRecord.startTicks(p.pid()), p);
    }

    static ProcessWorkload adopt(ProcessRecord r) {
        return new ProcessWorkload(r.pid(), r.startTicks(), null);
    }

    @Override
    public String containerId() {
        return "";
    }

    @Override
    public boolean alive() {
        return child != null ? child.isAlive() : startTicks > 0 && ProcessRecord.startTicks(pid) == startTicks;
    }

    @Override
    public Integer exitCode() {
        return child == null || child.isAlive() ? null : child.exitValue();
    }

    @Override
    public void awaitExit(long ms) throws InterruptedException {
        if (child != null) {
            child.waitFor(ms, TimeUnit.MILLISECONDS);
            return;
        }
        long end = System.currentTimeMillis() + ms;
        while (alive() && System.currentTimeMillis() < end) {
            Thread.sleep(Math.max(1, Math.min(50, end - System.currentTimeMillis())));
        }
    }

    @Override
    public void stop(long graceMs) {
        ProcessDriver.stop(this, graceMs);
    }

    @Override
    public String exec(List<String> command, Map<String, String> env, long timeoutMs) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return "exec " + command + " timed out after " + timeoutMs + " ms";
            }
            int code = p.exitValue();
            return code == 0 ? null : "exec " + command + " exited with " + code;
        } catch (IOException e) {
            return "exec " + command + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public void release(RotatingLog log) {
        // the process wrote its output straight into the log file
    }
}
