package io.capstan.state.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PostgreSQL server from the machine's Debian binaries ({@code initdb}, {@code pg_ctl}),
 * in a temporary data directory, listening on a free loopback port with trust authentication.
 * As root, the binaries run as the {@code postgres} user. Fails loudly when they are missing.
 */
public final class PostgresServer implements AutoCloseable {
  private final Path dir;
  private final Path data;
  private int port;
  private final String bin;
  private final boolean root;

  private PostgresServer(Path dir, int port, String bin, boolean root) {
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
    this.bin = bin;
    this.root = root;
  }

  public static PostgresServer start() {
    String bin = findBin();
    try {
      boolean root = "root".equals(System.getProperty("user.name"));
      Path dir = Files.createTempDirectory(Path.of("/tmp"), "capstan-pg");
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
      PostgresServer s = new PostgresServer(dir, Ports.free(), bin, root);
      s.run(List.of(bin + "/initdb", "-D", s.data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
          "--no-sync"));
      // a port found free can be taken (by any process's connection or server) before PostgreSQL binds
      // it: start again on another, as the etcd clusters do
      for (int attempt = 1; ; attempt++) {
        try {
          s.startServer();
          break;
        } catch (IllegalStateException e) {
          if (attempt == 3 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
            throw e;
          }
          s.port = Ports.free();
        }
      }
      try (Connection c = s.connect("postgres"); Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE terraform_backend");
      }
      return s;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
    }
  }

  private static String findBin() {
    for (String d : List.of("/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin",
        "/usr/local/bin", "/usr/bin")) {
      if (Files.isExecutable(Path.of(d, "initdb")) && Files.isExecutable(Path.of(d, "pg_ctl"))) {
        return d;
      }
    }
    throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) are not installed; "
        + "run state-backends/ci-prepare.sh (apt-get install postgresql)");
  }

  public void startServer() {
    run(List.of(bin + "/pg_ctl", "-D", data.toString(), "-w", "-t", "60", "-l", dir.resolve("log").toString(),
        "-o", "-p " + port + " -h 127.0.0.1 -k " + dir + " -c fsync=off -c max_connections=100", "start"));
  }

  public void stopServer() {
    run(List.of(bin + "/pg_ctl", "-D", data.toString(), "-w", "-m", "fast", "stop"));
  }

  public int port() {
    return port;
  }

  public String connStr() {
    return "postgres://postgres@127.0.0.1:" + port + "/terraform_backend?sslmode=disable";
  }

  public Connection connect(String db) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db + "?user=postgres");
  }

  private void run(List<String> cmd) {
    List<String> full = new ArrayList<>();
    if (root) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(cmd);
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(dir.resolve("cmd.log").toFile())
          .start();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        String log = Files.readString(dir.resolve("cmd.log"));
        String server = Files.exists(dir.resolve("log")) ? Files.readString(dir.resolve("log")) : "";
        throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + log + "\n" + server);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      run(List.of(bin + "/pg_ctl", "-D", data.toString(), "-w", "-m", "immediate", "stop"));
    } catch (IllegalStateException ignored) {
      // already stopped
    }
    Tmp.delete(dir);
  }

}
