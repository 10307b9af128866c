package io.capstan.orchestrator.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real etcd cluster of one or three members (Debian's {@code etcd-server}) on free loopback
 * ports, each member its own process so a test can kill it. Fails loudly when etcd is missing:
 * {@code orchestrator/ci-prepare.sh} installs it.
 */
public final class EtcdProcesses implements AutoCloseable {
    private final Path dir;
    private final List<Integer> clientPorts = new ArrayList<>();
    private final List<Process> members = new ArrayList<>();

    private EtcdProcesses(Path dir) {
        this.dir = dir;
    }

    public static EtcdProcesses start(int size) throws IOException, InterruptedException {
        Path etcd = Path.of("/usr/bin/etcd");
        if (!Files.isExecutable(etcd)) {
            throw new IllegalStateException("etcd is not installed; run orchestrator/ci-prepare.sh (apt-get install etcd-server)");
        }
        // a port found free can be taken (by any process's outgoing connection) before etcd binds it: start again on others
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnFreePorts(etcd, size);
            } catch (PortTaken e) {
                if (attempt == 3) {
                    throw new IllegalStateException(e.getMessage());
                }
            }
        }
    }

    private static final class PortTaken extends Exception {
        PortTaken(String message) {
            super(message);
        }
    }

    private static EtcdProcesses startOnFreePorts(Path etcd, int size) throws IOException, InterruptedException, PortTaken {
        EtcdProcesses c = new EtcdProcesses(Files.createTempDirectory("capstan-orch-etcd"));
        List<Integer> peers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            c.clientPorts.add(freePort());
            peers.add(freePort());
        }
        String initial = java.util.stream.IntStream.range(0, size)
                .mapToObj(i -> "m" + i + "=http://127.0.0.1:" + peers.get(i)).collect(Collectors.joining(","));
        for (int i = 0; i < size; i++) {
            String client = "http://127.0.0.1:" + c.clientPorts.get(i);
            String peer = "http://127.0.0.1:" + peers.get(i);
            c.members.add(new ProcessBuilder(etcd.toString(), "--name", "m" + i, "--data-dir", c.dir.resolve("m" + i).toString(),
                    "--listen-client-urls", client, "--advertise-client-urls", client, "--listen-peer-urls", peer,
                    "--initial-advertise-peer-urls", peer, "--initial-cluster", initial, "--initial-cluster-state", "new",
                    "--initial-cluster-token", "capstan-orchestrator-test", "--heartbeat-interval", "100",
                    "--election-timeout", "1000", "--log-level", "error", "--logger", "zap")
                    .redirectErrorStream(true).redirectOutput(c.dir.resolve("m" + i + ".log").toFile()).start());
        }
        try {
            for (int i = 0; i < size; i++) {
                c.awaitListening(i);
            }
        } catch (PortTaken | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void awaitListening(int i) throws InterruptedException, IOException, PortTaken {
        long end = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < end) {
            if (!members.get(i).isAlive()) {
                String log = Files.readString(dir.resolve("m" + i + ".log"));
                if (log.contains("address already in use")) {
                    throw new PortTaken("etcd member m" + i + " exited: " + log);
                }
                throw new IllegalStateException("etcd member m" + i + " exited: " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", clientPorts.get(i)), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("etcd member m" + i + " did not listen within 30 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String endpoints() {
        return clientPorts.stream().map(p -> "http://127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** The client URL of one member, for a client that must talk to that member only. */
    public String endpoint(int member) {
        return "http://127.0.0.1:" + clientPorts.get(member);
    }

    /**
     * SIGSTOP of one member: its sockets stay open but nothing answers, so calls to it hang
     * (what a partitioned or frozen member does) instead of failing fast like a dead one.
     */
    public void pause(int member) throws IOException, InterruptedException {
        signal(member, "-STOP");
    }

    /** SIGCONT of a member stopped by {@link #pause}. */
    public void resume(int member) throws IOException, InterruptedException {
        signal(member, "-CONT");
    }

    private void signal(int member, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(members.get(member).pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " of etcd member m" + member + " failed");
        }
    }

    /** kill -9 of one member. */
    public void kill(int member) throws InterruptedException {
        members.get(member).destroyForcibly().waitFor();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Process p : members) {
            p.destroyForcibly();
        }
        for (Process p : members) {
            p.waitFor();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
