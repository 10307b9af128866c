package io.capstan.orchestrator.agent;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A process group started by the {@code process} driver. */
record ProcessWorkload(Process process) implements Workload {
    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public String containerId() {
        return "";
    }

    @Override
    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    @Override
    public void awaitExit(long ms) throws InterruptedException {
        process.waitFor(ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop(long graceMs) {
        ProcessDriver.stop(process, graceMs);
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
        // the process's output was captured as it ran
    }
}
