package io.capstan.orchestrator.agent;

import io.capstan.orchestrator.agent.docker.ContainerInfo;
import io.capstan.orchestrator.agent.docker.ContainerSpec;
import io.capstan.orchestrator.agent.docker.DockerEngine;
import io.capstan.orchestrator.agent.docker.DockerException;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Check;
import io.capstan.orchestrator.api.v1.NamedPort;
import io.capstan.orchestrator.api.v1.Template;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one instance on this node for as long as it is bound here: starts it with the process
 * or container driver (or adopts the container a previous agent left running), runs its readiness and liveness checks, restarts it with exponential back-off
 * (reporting {@code CrashLoopBackOff} when it keeps dying young), and on termination drains
 * it from the service proxies before SIGTERM, then SIGKILL after the grace period.
 */
final class InstanceSupervisor {
    private static final long CRASH_WINDOW_MS = 10_000;
    private final NodeAgent agent;
    private final ApiObject instance;
    private final String namespace;
    private final String name;
    private final Template template;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile long drainMs;
    private volatile Workload process;
    private ContainerInfo adopted;
    private ProcessRecord adoptedProcess;
    private RotatingLog log;

    /**
     * {@code adopted}: the running container a previous agent started for this instance, or null;
     * {@code adoptedProcess}: the record of the process a previous agent started for it (running
     * or not any more), or null.
     */
    InstanceSupervisor(NodeAgent agent, ApiObject instance, ContainerInfo adopted, ProcessRecord adoptedProcess) {
        this.agent = agent;
        this.instance = instance;
        this.namespace = instance.getMetadata().getNamespace();
        this.name = instance.getMetadata().getName();
        this.template = instance.getInstance().getSpec().getTemplate();
        this.adopted = template.hasContainer() ? adopted : null;
        this.adoptedProcess = template.hasContainer() ? null : adoptedProcess;
        this.thread = new Thread(this::run, "instance " + namespace + "/" + name);
        this.thread.setDaemon(true);
    }

    static Path logFile(Path dataDir, String namespace, String name) {
        return dataDir.resolve("logs").resolve(namespace + "_" + name + ".log");
    }

    void start() {
        thread.start();
    }

    /** Asks the instance to stop after draining for {@code drain} ms; returns at once. */
    void stop(long drain) {
        drainMs = drain;
        stopping = true;
        thread.interrupt();
    }

    boolean awaitStopped(long ms) throws InterruptedException {
        return stopped.await(ms, TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            log = new RotatingLog(logFile(agent.dataDir(), namespace, name), 10L << 20, 2);
            if (adopted != null) {
                ContainerWorkload.decodePorts(adopted.labels().get(ContainerWorkload.PORTS_LABEL), ports);
            }
            if (adoptedProcess != null) {
                ports.putAll(adoptedProcess.ports());
            }
            for (NamedPort p : template.getPortsList()) {
                if (!ports.containsKey(p.getName())) {
                    ports.put(p.getName(), InstanceEnvironment.freePort());
                }
            }
            supervise();
        } catch (IOException e) {
            agent.report(namespace, name, s -> s.setState("Failed").setReady(false).setLastError("agent: " + e.getMessage()));
        } finally {
            Workload p = process;
            if (p != null) {
                sleepQuietly(drainMs);
                p.stop(grace());
                p.release(log);
            }
            ProcessRecord.delete(agent.dataDir(), namespace, name);
            if (log != null) {
                log.close();
            }
            stopped.countDown();
        }
    }

    private long grace() {
        return template.getTerminationGraceMs() > 0 ? template.getTerminationGraceMs() : 5000;
    }

    private static void sleepQuietly(long ms) {
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) {
            try {
                Thread.sleep(Math.max(1, end - System.currentTimeMillis()));
            } catch (InterruptedException ignored) {
                // a drain is not interrupted
            }
        }
    }

    private void supervise() {
        var restart = template.getRestart();
        String policy = restart.getPolicy().isEmpty() ? "Always" : restart.getPolicy();
        long initial = restart.getInitialBackoffMs() > 0 ? restart.getInitialBackoffMs() : 1000;
        long max = restart.getMaxBackoffMs() > 0 ? restart.getMaxBackoffMs() : 30_000;
        long backoff = initial;
        int restarts = adopted != null || adoptedProcess != null ? instance.getInstance().getStatus().getRestarts() : 0;
        int youngDeaths = 0;
        while (!stopping) {
            Map<String, String> env;
            try {
                env = InstanceEnvironment.of(agent, template, namespace, name, ports);
            } catch (RuntimeException e) {
                agent.report(namespace, name, s -> s.setState("Pending").setReady(false).setLastError(e.getMessage()));
                if (!pause(2000)) {
                    return;
                }
                continue;
            }
            long started = System.currentTimeMillis();
            String why;
            try {
                if (adopted != null) {
                    // a restarted agent takes over the container it already runs: no restart, readiness as it was
                    ContainerInfo c = adopted;
                    adopted = null;
                    process = ContainerWorkload.adopt(agent.docker(), c);
                    String cid = process.containerId();
                    agent.report(namespace, name, s -> s.setState("Running").setContainerId(cid).setAddress(agent.address())
                            .clearHostPorts().putAllHostPorts(ports));
                    why = watch(process, env, instance.getInstance().getStatus().getReady());
                } else if (adoptedProcess != null) {
                    ProcessRecord r = adoptedProcess;
                    adoptedProcess = null;
                    started = r.startedMs();
                    if (r.alive()) {
                        // a restarted agent takes over the process it already runs: same pid, same start, readiness as it was
                        process = ProcessWorkload.adopt(r);
                        agent.report(namespace, name, s -> s.setState("Running").setPid(r.pid()).setContainerId("")
                                .setStartedMs(r.startedMs()).setAddress(agent.address()).clearHostPorts().putAllHostPorts(ports));
                        why = watch(process, env, instance.getInstance().getStatus().getReady());
                    } else {
                        why = "exited while no agent was watching (exit code unknown)";
                    }
                } else {
                    process = startWorkload(env, started);
                    long startedMs = started;
                    long pid = process.pid();
                    String cid = process.containerId();
                    boolean ready = !template.hasReadiness();
                    int r = restarts;
                    agent.report(namespace, name, s -> s.setState("Running").setPid(pid).setContainerId(cid).setStartedMs(startedMs)
                            .setAddress(agent.address()).clearHostPorts().putAllHostPorts(ports).setRestarts(r)
                            .setReady(ready).setReadySinceMs(ready ? System.currentTimeMillis() : 0));
                    why = watch(process, env, ready);
                }
            } catch (IOException | DockerException e) {
                why = "cannot start " + what() + ": " + e.getMessage();
            }
            if (stopping) {
                return;
            }
            Workload p = process;
            if (p != null && p.alive()) {
                p.stop(grace());
            }
            long ran = System.currentTimeMillis() - started;
            Integer code = p != null ? p.exitCode() : null;
            if (p != null) {
                p.release(log);
            }
            String reason = why;
            log.line("[capstan] " + reason);
            if (policy.equals("Never") || (policy.equals("OnFailure") && code != null && code == 0 && why.startsWith("exited"))) {
                boolean ok = code != null && code == 0;
                agent.report(namespace, name, s -> s.setState(ok ? "Succeeded" : "Failed").setReady(false).setLastError(ok ? "" : reason));
                process = null;
                pause(Long.MAX_VALUE);
                return;
            }
            restarts++;
            youngDeaths = ran < CRASH_WINDOW_MS ? youngDeaths + 1 : 0;
            if (ran > 60_000) {
                backoff = initial;
            }
            String state = youngDeaths >= 3 ? "CrashLoopBackOff" : "Restarting";
            int r = restarts;
            long wait = backoff;
            agent.report(namespace, name, s -> s.setState(state).setReady(false).setRestarts(r)
                    .setLastError(reason + (state.equals("CrashLoopBackOff") ? "; back-off " + wait + " ms before restart" : "")));
            process = null;
            if (!pause(backoff)) {
                return;
            }
            backoff = Math.min(backoff * 2, max);
        }
    }

    /** Sleeps unless stopping; false when asked to stop. */
    private boolean pause(long ms) {
        long end = ms == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + ms;
        while (!stopping && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(Math.min(500, Math.max(1, end - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                // stop() interrupts
            }
        }
        return !stopping;
    }

    private String what() {
        return template.hasContainer() ? "container " + template.getContainer().getImage() : template.getProcess().getCommand();
    }

    private Workload startWorkload(Map<String, String> env, long startedMs) throws IOException, DockerException {
        if (template.hasContainer()) {
            Map<String, String> labels = new LinkedHashMap<>(agent.containerLabels());
            labels.put(DockerEngine.INSTANCE_LABEL, namespace + "/" + name);
            labels.put(ContainerWorkload.PORTS_LABEL, ContainerWorkload.encodePorts(ports));
            return ContainerWorkload.start(agent.docker(), new ContainerSpec(ContainerWorkload.containerName(namespace, name),
                    template.getContainer().getImage(), template.getContainer().getCommandList(), env, labels,
                    template.getRequests().getCpuMillis(), template.getRequests().getMemoryMb()));
        }
        Files.createDirectories(workDir().toPath());
        ProcessWorkload w = ProcessWorkload.started(ProcessDriver.start(template.getProcess(), env, workDir(),
                logFile(agent.dataDir(), namespace, name)));
        try {
            new ProcessRecord(namespace, name, w.pid(), w.startTicks(), startedMs, ports).save(agent.dataDir());
        } catch (IOException e) {
            // without its record a restarted agent cannot adopt it: better not to run it unrecorded
            w.stop(0);
            throw e;
        }
        return w;
    }

    /** The running container, for {@code logs}; null for processes or between restarts. */
    ContainerWorkload container() {
        return process instanceof ContainerWorkload c ? c : null;
    }

    /** Runs checks while the workload lives; returns why it must be restarted. */
    private String watch(Workload p, Map<String, String> env, boolean initiallyReady) {
        Check readiness = template.hasReadiness() ? template.getReadiness() : null;
        Check liveness = template.hasLiveness() ? template.getLiveness() : null;
        long start = System.currentTimeMillis();
        long nextReady = start + (readiness == null ? 0 : readiness.getInitialDelayMs());
        long nextLive = start + (liveness == null ? 0 : Math.max(liveness.getInitialDelayMs(), HealthCheck.interval(liveness)));
        boolean ready = readiness == null || initiallyReady;
        int readyOk = 0;
        int readyFail = 0;
        int liveFail = 0;
        String addr = agent.address();
        long nextRotate = 0;
        while (!stopping) {
            if (!p.alive()) {
                Integer code = p.exitCode();
                return code != null ? "exited with code " + code : "exited (exit code unknown: started by a previous agent)";
            }
            long now = System.currentTimeMillis();
            if (now >= nextRotate) {
                nextRotate = now + 1000;
                log.rotateIfLarge();
            }
            if (readiness != null && now >= nextReady) {
                // until first ready, probe quickly so create-to-ready stays short
                nextReady = now + (ready ? HealthCheck.interval(readiness) : Math.min(100, HealthCheck.interval(readiness)));
                String fail = HealthCheck.run(readiness, addr, ports, env, p);
                if (fail == null) {
                    readyFail = 0;
                    if (!ready && ++readyOk >= HealthCheck.successThreshold(readiness)) {
                        ready = true;
                        long since = System.currentTimeMillis();
                        agent.report(namespace, name, s -> s.setReady(true).setReadySinceMs(since));
                    }
                } else {
                    readyOk = 0;
                    if (ready && ++readyFail >= HealthCheck.failureThreshold(readiness)) {
                        ready = false;
                        agent.report(namespace, name, s -> s.setReady(false).setLastError("readiness check failed: " + fail));
                    }
                }
            }
            if (liveness != null && now >= nextLive) {
                nextLive = now + HealthCheck.interval(liveness);
                String fail = HealthCheck.run(liveness, addr, ports, env, p);
                if (fail == null) {
                    liveFail = 0;
                } else if (++liveFail >= HealthCheck.failureThreshold(liveness)) {
                    return "liveness check failed " + liveFail + " times: " + fail;
                }
            }
            try {
                p.awaitExit(50);
            } catch (InterruptedException e) {
                // stop() interrupts
            }
        }
        return "stopping";
    }

    private File workDir() {
        String wd = template.getProcess().getWorkingDir();
        if (!wd.isEmpty()) {
            return new File(wd);
        }
        return agent.dataDir().resolve("work").resolve(namespace + "_" + name).toFile();
    }
}
