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
 * from the Debian binaries (run as {@code postgres} when root), a one-member etcd, a
 * three-member etcd cluster ({@code etcd3}) and s3proxy in this JVM ({@code s3}), each on free
 * loopback ports in a temporary folder. {@link #missing} says why a server cannot start. Each
 * server offers the fault issue 7 injects mid-apply ({@link Server#fault}): PostgreSQL restarts
 * (every session ends), etcd3 loses its leader to {@code kill -9}.
 */
final class RealServers {
  private RealServers() {}

  /** A started server: its backend arguments and how to stop it. */
  record Server(String type, java.util.Map<String, String> arguments, Runnable stop, Runnable fault)
      implements AutoCloseable {
    Server(String type, java.util.Map<String, String> arguments, Runnable stop) {
      this(type, arguments, stop, () -> {
        throw new UnsupportedOperationException("no fault defined for " + type);
      });
    }

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
      case "etcd", "etcd3" -> Files.isExecutable(Path.of("/usr/bin/etcd")) ? Optional.empty()
          : Optional.of("etcd is not installed; run state-backends/ci-prepare.sh");
      case "dynamodb" -> Files.isRegularFile(dynaliteCli()) ? Optional.empty()
          : Optional.of("dynalite is not installed in " + dynaliteCli().getParent().getParent().getParent()
              + "; run state-backends/ci-prepare.sh (or the state-backends tests, which install it with npm)");
      default -> Optional.empty();
    };
  }

  static Server start(String type) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "capstan-cli-" + type);
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    if (type.equals("etcd3")) {
      return etcdCluster(dir, 3);
    }
    if (type.equals("s3")) {
      return s3();
    }
    if (type.equals("dynamodb")) {
      return dynamodb(dir);
    }
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
      }, () -> {
        // a restart ends every session, and with them the advisory locks they held
        try {
          run(dir, List.of(bin + "/pg_ctl", "-D", data.toString(), "-w", "-m", "fast", "stop"));
          run(dir, List.of(bin + "/pg_ctl", "-D", data.toString(), "-w", "-l", dir.resolve("log").toString(), "-o",
              "-p " + port + " -h 127.0.0.1 -k " + dir + " -c fsync=off", "start"));
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException("cannot restart PostgreSQL", e);
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

  /** {@code size} etcd members on loopback; the fault kills the current leader with SIGKILL. */
  private static Server etcdCluster(Path dir, int size) throws IOException, InterruptedException {
    List<Integer> clients = new ArrayList<>();
    List<Integer> peers = new ArrayList<>();
    StringBuilder initial = new StringBuilder();
    for (int i = 0; i < size; i++) {
      clients.add(freePort());
      peers.add(freePort());
      initial.append(i == 0 ? "" : ",").append("m").append(i).append("=http://127.0.0.1:").append(peers.get(i));
    }
    List<Process> members = new ArrayList<>();
    Runnable stopAll = () -> {
      members.forEach(Process::destroyForcibly);
      for (Process m : members) {
        try {
          m.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    for (int i = 0; i < size; i++) {
      String client = "http://127.0.0.1:" + clients.get(i);
      String peer = "http://127.0.0.1:" + peers.get(i);
      members.add(new ProcessBuilder("/usr/bin/etcd", "--name", "m" + i, "--data-dir", dir.resolve("m" + i).toString(),
          "--listen-client-urls", client, "--advertise-client-urls", client, "--listen-peer-urls", peer,
          "--initial-advertise-peer-urls", peer, "--initial-cluster", initial.toString(),
          "--initial-cluster-state", "new", "--initial-cluster-token", "capstan-cli-test", "--log-level", "error")
          .redirectErrorStream(true).redirectOutput(dir.resolve("m" + i + ".log").toFile()).start());
    }
    for (int i = 0; i < size; i++) {
      awaitPort(clients.get(i), members.get(i), dir.resolve("m" + i + ".log"), stopAll);
    }
    String endpoints = String.join(",", clients.stream().map(p -> "http://127.0.0.1:" + p).toList());
    return new Server("etcd3", java.util.Map.of("endpoints", endpoints, "prefix", "cli-test/"), stopAll, () -> {
      int leader = leaderIndex(clients);
      members.get(leader).destroyForcibly(); // SIGKILL
      try {
        members.get(leader).waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** Which member leads, from etcd's JSON gateway ({@code /v3/maintenance/status}); 0 when unknown. */
  private static int leaderIndex(List<Integer> clients) {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.util.regex.Pattern leader = java.util.regex.Pattern.compile("\"leader\":\"?(\\d+)");
    java.util.regex.Pattern self = java.util.regex.Pattern.compile("\"member_id\":\"?(\\d+)");
    for (int attempt = 0; attempt < 50; attempt++) {
      for (int i = 0; i < clients.size(); i++) {
        try {
          String body = http.send(java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create("http://127.0.0.1:" + clients.get(i) + "/v3/maintenance/status"))
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString()).body();
          java.util.regex.Matcher l = leader.matcher(body);
          java.util.regex.Matcher m = self.matcher(body);
          if (l.find() && m.find() && !l.group(1).equals("0") && l.group(1).equals(m.group(1))) {
            return i;
          }
        } catch (IOException e) {
          // member not answering; ask the next one
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 0;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
    return 0;
  }

  /** s3proxy in this JVM over an in-memory store, with Terraform's s3 backend arguments for it. */
  private static Server s3() throws IOException {
    try {
      org.jclouds.blobstore.BlobStoreContext ctx = org.jclouds.ContextBuilder.newBuilder("transient")
          .credentials("unused", "unused").build(org.jclouds.blobstore.BlobStoreContext.class);
      ctx.getBlobStore().createContainerInLocation(null, "tfstate");
      int port = freePort();
      org.gaul.s3proxy.S3Proxy proxy = org.gaul.s3proxy.S3Proxy.builder().blobStore(ctx.getBlobStore())
          .endpoint(java.net.URI.create("http://127.0.0.1:" + port))
          .awsAuthentication(org.gaul.s3proxy.AuthenticationType.AWS_V2_OR_V4, "capstan-access", "capstan-secret")
          .ignoreUnknownHeaders(true).build();
      proxy.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
        }
        Thread.sleep(20);
      }
      java.util.Map<String, String> args = new java.util.LinkedHashMap<>();
      args.put("bucket", "tfstate");
      args.put("key", "team/terraform.tfstate");
      args.put("region", "us-east-1");
      args.put("endpoints.s3", "http://127.0.0.1:" + port);
      args.put("use_path_style", "true");
      args.put("use_lockfile", "true");
      args.put("access_key", "capstan-access");
      args.put("secret_key", "capstan-secret");
      args.put("skip_credentials_validation", "true");
      args.put("skip_requesting_account_id", "true");
      args.put("skip_metadata_api_check", "true");
      args.put("skip_region_validation", "true");
      args.put("skip_s3_checksum", "true");
      return new Server("s3", java.util.Collections.unmodifiableMap(args), () -> {
        try {
          proxy.stop();
        } catch (Exception ignored) {
          // stopping
        }
        ctx.close();
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } catch (Exception e) {
      throw new IOException("cannot start s3proxy: " + e.getMessage(), e);
    }
  }

  /** Where state-backends/ci-prepare.sh installs dynalite ({@code $CAPSTAN_DYNALITE_DIR}, else ~/.cache). */
  private static Path dynaliteCli() {
    String env = System.getenv("CAPSTAN_DYNALITE_DIR");
    Path dir = env != null && !env.isBlank() ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "capstan-dynalite");
    return dir.resolve("node_modules/dynalite/cli.js");
  }

  /**
   * dynalite (a DynamoDB-compatible server, in memory) on loopback with terraform's lock table
   * {@code locks} (partition key LockID): arguments {@code dynamodb_table} and
   * {@code endpoints.dynamodb}.
   */
  private static Server dynamodb(Path dir) throws IOException, InterruptedException {
    int port = freePort();
    Process p = new ProcessBuilder("node", dynaliteCli().toString(), "--host", "127.0.0.1", "--port",
        String.valueOf(port), "--createTableMs", "0").redirectErrorStream(true)
        .redirectOutput(dir.resolve("dynalite.log").toFile()).start();
    Runnable stop = () -> {
      p.destroy();
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    awaitPort("dynalite", port, p, dir.resolve("dynalite.log"), stop);
    String endpoint = "http://127.0.0.1:" + port;
    try (var client = dynamoClient(endpoint)) {
      client.createTable(b -> b.tableName("locks")
          .keySchema(k -> k.attributeName("LockID").keyType(software.amazon.awssdk.services.dynamodb.model.KeyType.HASH))
          .attributeDefinitions(a -> a.attributeName("LockID")
              .attributeType(software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S))
          .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST));
      client.waiter().waitUntilTableExists(b -> b.tableName("locks"));
    } catch (RuntimeException e) {
      stop.run();
      throw e;
    }
    return new Server("dynamodb", java.util.Map.of("dynamodb_table", "locks", "endpoints.dynamodb", endpoint), stop);
  }

  /** A DynamoDB client of a dynalite started here (it checks only the credentials' form). */
  static software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoClient(String endpoint) {
    return software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
        .region(software.amazon.awssdk.regions.Region.US_EAST_1).endpointOverride(java.net.URI.create(endpoint))
        .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("capstan", "capstan")))
        .build();
  }

  private static void awaitPort(int port, Process p, Path log, Runnable stopAll)
      throws IOException, InterruptedException {
    awaitPort("etcd", port, p, log, stopAll);
  }

  private static void awaitPort(String what, int port, Process p, Path log, Runnable stopAll)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline || !p.isAlive()) {
          stopAll.run();
          throw new IllegalStateException(what + " did not start: " + Files.readString(log));
        }
        Thread.sleep(100);
      }
    }
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
