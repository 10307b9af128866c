package io.capstan.state.servers;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * dynalite (npm, Apache-2.0: a DynamoDB-compatible server on LevelDB, in memory here) on a free
 * loopback port, for the s3 backend's {@code dynamodb_table}. It is installed by
 * {@code state-backends/ci-prepare.sh} into {@link #installDir()}; when it is missing there the
 * tests try the same {@code npm install} themselves, and skip with the reason only when that fails
 * ({@link #missing}).
 */
public final class DynaliteServer implements AutoCloseable {
  public static final String VERSION = "4.0.0";

  private final Process process;
  private final int port;
  private final DynamoDbClient client;

  private DynaliteServer(Process process, int port) {
    this.process = process;
    this.port = port;
    this.client = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(endpoint()))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("capstan", "capstan")))
        .build();
  }

  /** {@code $CAPSTAN_DYNALITE_DIR}, else {@code ~/.cache/capstan-dynalite} (ci-prepare.sh's choice too). */
  public static Path installDir() {
    String env = System.getenv("CAPSTAN_DYNALITE_DIR");
    return env != null && !env.isBlank() ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "capstan-dynalite");
  }

  private static Path cli() {
    return installDir().resolve("node_modules/dynalite/cli.js");
  }

  /** Empty when dynalite can run (installing it with npm if needed), else why not. */
  public static synchronized Optional<String> missing() {
    if (!onPath("node")) {
      return Optional.of("node is not installed (state-backends/ci-prepare.sh installs nodejs and npm)");
    }
    if (Files.isRegularFile(cli())) {
      return Optional.empty();
    }
    if (!onPath("npm")) {
      return Optional.of("dynalite is not in " + installDir() + " and npm is not installed");
    }
    try {
      Files.createDirectories(installDir());
      Process p = new ProcessBuilder("npm", "install", "--prefix", installDir().toString(), "--no-audit", "--no-fund",
          "--loglevel=error", "dynalite@" + VERSION).redirectErrorStream(true)
          .redirectOutput(installDir().resolve("npm-install.log").toFile()).start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.of("npm install dynalite@" + VERSION + " did not finish in 300 s");
      }
      if (p.exitValue() != 0 || !Files.isRegularFile(cli())) {
        return Optional.of("npm install dynalite@" + VERSION + " failed: "
            + Files.readString(installDir().resolve("npm-install.log")).strip());
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot install dynalite: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while installing dynalite");
    }
  }

  private static boolean onPath(String command) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, command))) {
        return true;
      }
    }
    return false;
  }

  /** Starts dynalite in memory on loopback; call {@link #missing} first. */
  public static DynaliteServer start() {
    // a port found free can be taken before dynalite binds it: try another, as S3ProxyServer does
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = Ports.free();
      Process p = null;
      try {
        Path log = Files.createTempFile("capstan-dynalite", ".log");
        p = new ProcessBuilder("node", cli().toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
            "--createTableMs", "0", "--deleteTableMs", "0").redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        Ports.awaitListening(port, Duration.ofSeconds(30), p, "dynalite (" + Files.readString(log).strip() + ")");
        Files.deleteIfExists(log);
        return new DynaliteServer(p, port);
      } catch (IOException | IllegalStateException e) {
        if (p != null) {
          p.destroyForcibly();
        }
        last = new IllegalStateException("cannot start dynalite: " + e.getMessage(), e);
      }
    }
    throw last;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** A DynamoDB client of this server (any credentials: dynalite checks only their form). */
  public DynamoDbClient client() {
    return client;
  }

  /** Creates Terraform's lock table: partition key {@code LockID} (string). */
  public void createLockTable(String name) {
    client.createTable(b -> b.tableName(name)
        .keySchema(KeySchemaElement.builder().attributeName("LockID").keyType(KeyType.HASH).build())
        .attributeDefinitions(AttributeDefinition.builder().attributeName("LockID")
            .attributeType(ScalarAttributeType.S).build())
        .billingMode(BillingMode.PAY_PER_REQUEST));
    client.waiter().waitUntilTableExists(b -> b.tableName(name));
  }

  /** The items of a table, for checks. */
  public List<Map<String, AttributeValue>> items(String table) {
    return client.scan(b -> b.tableName(table).consistentRead(true)).items();
  }

  @Override
  public void close() {
    client.close();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
