package io.capstan.state.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A one- or three-member etcd cluster from Debian's {@code etcd-server}, on free loopback ports,
 * each member a separate process that a test may kill. Fails loudly when etcd is missing.
 */
public final class EtcdCluster implements AutoCloseable {
  private final Path dir;
  private final List<Integer> clientPorts = new ArrayList<>();
  private final List<Process> members = new ArrayList<>();

  private EtcdCluster(Path dir) {
    this.dir = dir;
  }

  public static EtcdCluster start(int size) {
    String etcd = find();
    // a port found free can be taken (by any process's outgoing connection) before etcd binds it: start again on others
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnFreePorts(etcd, size);
      } catch (IllegalStateException e) {
        if (attempt == 3 || !String.valueOf(e.getMessage()).contains("address already in use")) {
          throw e;
        }
      }
    }
  }

  private static EtcdCluster startOnFreePorts(String etcd, int size) {
    try {
      EtcdCluster c = new EtcdCluster(Files.createTempDirectory("capstan-etcd"));
      List<Integer> peerPorts = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        c.clientPorts.add(Ports.free());
        peerPorts.add(Ports.free());
      }
      StringBuilder initial = new StringBuilder();
      for (int i = 0; i < size; i++) {
        initial.append(i == 0 ? "" : ",").append("m").append(i).append("=http://127.0.0.1:").append(peerPorts.get(i));
      }
      for (int i = 0; i < size; i++) {
        String client = "http://127.0.0.1:" + c.clientPorts.get(i);
        String peer = "http://127.0.0.1:" + peerPorts.get(i);
        ProcessBuilder pb = new ProcessBuilder(etcd, "--name", "m" + i, "--data-dir", c.dir.resolve("m" + i).toString(),
            "--listen-client-urls", client, "--advertise-client-urls", client, "--listen-peer-urls", peer,
            "--initial-advertise-peer-urls", peer, "--initial-cluster", initial.toString(),
            "--initial-cluster-state", "new", "--initial-cluster-token", "capstan-test",
            "--max-request-bytes", Integer.toString(64 << 20), "--quota-backend-bytes", Long.toString(4L << 30),
            "--heartbeat-interval", "50", "--election-timeout", "500", "--logger", "zap", "--log-level", "error")
            .redirectErrorStream(true).redirectOutput(c.dir.resolve("m" + i + ".log").toFile());
        c.members.add(pb.start());
      }
      try {
        for (int i = 0; i < size; i++) {
          Ports.awaitListening(c.clientPorts.get(i), Duration.ofSeconds(30), c.members.get(i), "etcd member m" + i);
        }
      } catch (IllegalStateException e) {
        String log = "";
        for (int i = 0; i < size; i++) {
          Path f = c.dir.resolve("m" + i + ".log");
          log += Files.exists(f) ? Files.readString(f) : "";
        }
        c.close();
        throw new IllegalStateException(e.getMessage() + (log.contains("address already in use") ? " (address already in use)" : "")
            + ": " + log, e);
      }
      return c;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start etcd: " + e.getMessage(), e);
    }
  }

  private static String find() {
    for (String p : List.of("/usr/bin/etcd", "/usr/local/bin/etcd")) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    throw new IllegalStateException("etcd is not installed; run state-backends/ci-prepare.sh (apt-get install etcd-server)");
  }

  public String endpoints() {
    return clientPorts.stream().map(p -> "http://127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  /** kill -9 of one member. */
  public void kill(int member) {
    members.get(member).destroyForcibly();
    try {
      members.get(member).waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    for (Process p : members) {
      p.destroyForcibly();
    }
    for (Process p : members) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Tmp.delete(dir);
  }
}
