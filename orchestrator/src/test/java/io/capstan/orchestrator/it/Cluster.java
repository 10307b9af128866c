package io.capstan.orchestrator.it;

import io.capstan.orchestrator.api.v1.DeleteRequest;
import io.capstan.orchestrator.client.ClientConfig;
import io.capstan.orchestrator.client.Connection;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Real processes on loopback for the multi-process tests: one server and any number of agents,
 * each a JVM running {@code OrchestratorMain} with this module's class path. Agents get their
 * own loopback address (127.0.0.2, .3, ...) so each can proxy the same service port. Every
 * process started — and everything it spawned — is killed on {@link #close()}.
 */
final class Cluster implements AutoCloseable {
    final Path dir;
    final Path config;
    private final List<Process> processes = new ArrayList<>();
    private final List<ProcessHandle> orphans = new ArrayList<>();
    Process server;

    Cluster(Path dir) {
        this.dir = dir;
        this.config = dir.resolve("client.json");
    }

    static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Boolean.getBoolean("orchestrator.bench")) {
            // benchmarks measure steady-state latency: full JIT, a larger heap
            cmd.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC"));
        } else {
            // tests start many JVMs on 2 cores: favour start-up time and small footprints
            cmd.addAll(List.of("-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
        }
        String jfr = System.getProperty("orchestrator.jfr");
        if (jfr != null && args.length > 0 && args[0].equals("server")) {
            // profiling a benchmark's server: -Dorchestrator.jfr=DIR writes DIR/server-<time>.jfr
            cmd.add("-XX:StartFlightRecording=settings=profile,filename=" + Path.of(jfr, "server-" + System.currentTimeMillis() + ".jfr"));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.capstan.orchestrator.cli.OrchestratorMain"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    Process spawn(String logName, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(java(args));
        pb.environment().put(ClientConfig.ENV, config.toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(logName + ".log").toFile());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Starts the server (waiting until its client config is written) with a short node grace period. */
    void startServer(String nodeGrace) throws Exception {
        Files.deleteIfExists(config);
        server = spawn("server-" + System.nanoTime(), "server", "--data-dir", dir.resolve("server").toString(),
                "--listen", "127.0.0.1:0", "--node-grace", nodeGrace, "--config", config.toString());
        Process s = server;
        await(Duration.ofSeconds(30), () -> Files.exists(config) || !s.isAlive());
        if (!s.isAlive()) {
            throw new IllegalStateException("server died, see " + dir);
        }
    }

    String address() throws IOException {
        return ClientConfig.read(config).address();
    }

    Process startAgent(int index) throws Exception {
        String join = Files.readString(dir.resolve("server").resolve("join.token")).trim();
        return spawn("agent" + index, "agent", "--join", address(), "--token", join, "--name", "node" + index,
                "--address", "127.0.0." + (index + 1), "--data-dir", dir.resolve("agent" + index).toString(),
                "--cpu", "4000", "--memory", "4096", "--heartbeat", "1s", "--drain", "1s",
                "--docker-socket", TestImage.SOCKET.toString());
    }

    Connection admin() throws IOException {
        return Connection.open(ClientConfig.read(config));
    }

    Connection withToken(String token) throws IOException {
        ClientConfig c = ClientConfig.read(config);
        return Connection.open(new ClientConfig(c.address(), c.caPem(), token));
    }

    /** kill -9 of the process alone, remembering what it had spawned so {@link #close()} can still clean it up. */
    void kill9(Process p) throws InterruptedException {
        p.descendants().forEach(orphans::add);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** A node's death: kill -9 of the agent and of everything it runs. */
    void killNode(Process agent) throws InterruptedException {
        List<ProcessHandle> kids = agent.descendants().toList();
        agent.destroyForcibly();
        kids.forEach(ProcessHandle::destroyForcibly);
        agent.waitFor(10, TimeUnit.SECONDS);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Creates service {@code name} (selecting {@code app=app}) on a free port and waits until each of
     * {@code hosts} answers {@code body} through it; returns the port. A port found free can be
     * taken (by any process's connection or server) before the agents' proxies bind it, and a proxy
     * then waits for it indefinitely: so the service moves to another free port, as the etcd test
     * clusters restart on new ports, up to three times.
     */
    static int expose(Connection api, String name, String app, List<String> hosts, String body) throws Exception {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            api.blocking().create(Specs.service(name, app, port));
            try {
                await(Duration.ofSeconds(30), () -> hosts.stream().allMatch(h -> answers(h, port, body)));
                return port;
            } catch (AssertionError e) {
                if (attempt == 3) {
                    throw new AssertionError("service " + name + " did not answer " + body + " on " + hosts
                            + " on three free ports (last " + port + ")", e);
                }
                api.blocking().delete(DeleteRequest.newBuilder().setKind("Service").setNamespace("default").setName(name).build());
            }
        }
    }

    private static boolean answers(String host, int port, String body) {
        try {
            return Specs.httpGet(host, port).equals(body);
        } catch (Exception e) {
            return false;
        }
    }

    static void await(Duration max, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (cond.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        if (!cond.getAsBoolean()) {
            throw new AssertionError("condition not met within " + max);
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(orphans::add);
        }
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
        for (ProcessHandle h : orphans) {
            h.destroyForcibly();
        }
    }
}
