package io.capstan.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A tiny starter for the real servers the remote-backend command tests use, the way
 * state-backends' tests start theirs (see state-backends/ci-prepare.sh): a throw-away PostgreSQL
 * from the Debian binaries (run as {@code postgres} when root) and a one-member etcd, each on a
 * free loopback port in a temporary folder. {@link #find} says why a server cannot start.
 */
final class RealServers {
  private RealServers() {}

  /** A started server: its backend arguments and how to stop it. */
  record Server(String type, java.util.Map<String, String> arguments, Runnable stop) implements AutoCloseable {
    @Override
    public void close() {
      stop.run();
    }
  }

  /** Empty with the reason when the server's binaries are missing. */
  static Optional<String> missing(String type) {
    return switch (type) {
      case "pg" -> pgBin().isPresent() ? Optional.empty()
          : Optional.of("PostgreSQL server binaries (initdb, pg_ctl) are not installed; run state-backends/ci-prepare.sh");
      case "etcd" -> Files.isExecutable(Path.of("/usr/bin/etcd")) ? Optional.empty()
          : Optional.of("etcd is not installed; run state-backends/ci-prepare.sh");
      default -> Optional.empty();
    };
  }

  static Server start(String type) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "capstan-cli-" + type);
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    int port = freePort();
    if (type.equals("pg")) {
      String bin = pgBin().orElseThrow();
      Path data = dir.resolve("data");
      run(dir, List.of(bin + "/initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust", "--no-sync"));
      run(dir, List.of(bin + "/pg_ctl", "-D", data.toString(), "-w", "-l", dir.resolve("log").toString(), "-o",
          "-p " + port + " -h 127.0.0.1 -k " + dir + " -c fsync=off", "start"));
      String conn = "postgres://postgres@127.0.0.1:" + port + "/postgres?sslmode=disable";
      return new Server("pg", java.util.Map.of("conn_str", conn), () -> {
        try {
          run(dir, List.of(bin + "/pg_ctl", "-D", data.toString(), "-w", "-m", "immediate", "stop"));
        } catch (IOException | InterruptedException | IllegalStateException ignored) {
          // already gone
        }
      });
    }
    int peer = freePort();
    String client = "http://127.0.0.1:" + port;
    Process p = new ProcessBuilder("/usr/bin/etcd", "--name", "m0", "--data-dir", dir.resolve("m0").toString(),
        "--listen-client-urls", client, "--advertise-client-urls", client,
        "--listen-peer-urls", "http://127.0.0.1:" + peer, "--initial-advertise-peer-urls", "http://127.0.0.1:" + peer,
        "--initial-cluster", "m0=http://127.0.0.1:" + peer, "--log-level", "error")
        .redirectErrorStream(true).redirectOutput(dir.resolve("etcd.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        break;
      } catch (IOException e) {
        if (System.nanoTime() > deadline || !p.isAlive()) {
          p.destroyForcibly();
          throw new IllegalStateException("etcd did not start: " + Files.readString(dir.resolve("etcd.log")));
        }
        Thread.sleep(100);
      }
    }
    return new Server("etcd", java.util.Map.of("endpoints", client, "prefix", "cli-test/"), () -> {
      p.destroyForcibly();
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private static Optional<String> pgBin() {
    try (var s = Files.list(Path.of("/usr/lib/postgresql"))) {
      return s.map(d -> d.resolve("bin")).filter(d -> Files.isExecutable(d.resolve("initdb")))
          .map(Path::toString).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void run(Path dir, List<String> cmd) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(cmd);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(dir.resolve("cmd.log").toFile())
        .start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + Files.readString(dir.resolve("cmd.log")));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
