package io.capstan.cli.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.state.BackendConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The effective backend of a working directory: its type, its merged arguments (the
 * {@code backend} block plus {@code -backend-config}) and the hash of the block alone, as
 * {@code init} caches them in {@code .terraform/terraform.tfstate} (Terraform's "backend state
 * file", version 3) so that later commands use the same backend without {@code -backend-config}.
 *
 * @param blockHash hash of the configuration block only; a later command compares it with the
 *     block it reads to notice an edited backend block
 */
public record BackendSettings(String type, Map<String, String> arguments, long blockHash) {
  /**
   * Created on first use (a settings file to read or write): every engine command loads this
   * class, and an ObjectMapper's initialisation costs a cold JVM about a tenth of a second of CPU.
   */
  private static final class Json {
    static final ObjectMapper INSTANCE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** The implicit backend of a configuration without a backend block. */
  public static final BackendSettings DEFAULT_LOCAL = new BackendSettings("local", Map.of(), 0);

  public BackendSettings {
    Objects.requireNonNull(type, "type");
    arguments = java.util.Collections.unmodifiableMap(new TreeMap<>(arguments));
  }

  /**
   * Capstan's hash of a block's type and arguments, for a backend Terraform does not have (etcd);
   * Terraform's backends get Terraform's own hash ({@link TerraformBackendSchema#hash}).
   */
  public static long hash(String type, Map<String, String> arguments) {
    CRC32 crc = new CRC32();
    crc.update(type.getBytes(StandardCharsets.UTF_8));
    new TreeMap<>(arguments).forEach((k, v) -> {
      crc.update(0);
      crc.update(k.getBytes(StandardCharsets.UTF_8));
      crc.update('=');
      crc.update(v.getBytes(StandardCharsets.UTF_8));
    });
    return crc.getValue();
  }

  /** The state-backends configuration, relative paths resolved against {@code workdir}. */
  public BackendConfig toConfig(Path workdir, Map<String, String> environment) {
    Map<String, String> args = new TreeMap<>(arguments);
    if (type.equals("local")) {
      args.put("capstan.working_dir", workdir.toAbsolutePath().normalize().toString());
    }
    return new BackendConfig(type, args, environment);
  }

  /** The data directory: {@code TF_DATA_DIR} or {@code .terraform}, relative to the working directory. */
  public static Path dataDir(Path workdir) {
    String env = io.capstan.cli.Main.environment().get("TF_DATA_DIR");
    return workdir.resolve(env == null || env.isBlank() ? ".terraform" : env);
  }

  static Path cacheFile(Path workdir) {
    return dataDir(workdir).resolve("terraform.tfstate");
  }

  /** What {@code init} last stored for {@code workdir}, if anything. */
  public static Optional<BackendSettings> readCache(Path workdir) {
    Path f = cacheFile(workdir);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      JsonNode backend = Json.INSTANCE.readTree(f.toFile()).path("backend");
      if (!backend.isObject() || backend.path("type").asText("").isEmpty()) {
        return Optional.empty();
      }
      Map<String, String> args = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = backend.path("config").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isObject()) {
          // a nested attribute terraform wrote as an object (s3's endpoints, assume_role): flattened
          // as BackendBlock flattens the block's object arguments (endpoints.s3)
          e.getValue().fields().forEachRemaining(n -> put(args, e.getKey() + "." + n.getKey(), n.getValue()));
        } else {
          put(args, e.getKey(), e.getValue());
        }
      }
      return Optional.of(new BackendSettings(backend.path("type").asText(), args, backend.path("hash").asLong()));
    } catch (IOException e) {
      throw new BackendException("Failed to read backend state",
          "The file " + f + " that \"init\" wrote is unreadable: " + e.getMessage()
              + "\nRun \"terraform init\" again.");
    }
  }

  private static void put(Map<String, String> args, String key, JsonNode v) {
    if (!v.isNull()) {
      args.put(key, v.isValueNode() ? v.asText() : v.toString());
    }
  }

  /** Stores these settings as the working directory's backend (atomically). */
  public void writeCache(Path workdir) {
    Path f = cacheFile(workdir);
    ObjectNode root = Json.INSTANCE.createObjectNode();
    root.put("version", 3);
    root.put("terraform_version", io.capstan.engine.state.StateFile.TERRAFORM_VERSION);
    ObjectNode b = root.putObject("backend");
    b.put("type", type);
    // terraform's form where terraform has the backend (every attribute, typed, null when unset),
    // so that terraform can run in a directory Capstan initialised
    b.set("config", TerraformBackendSchema.of(type).map(s -> s.config(arguments)).orElseGet(() -> {
      ObjectNode c = Json.INSTANCE.createObjectNode();
      arguments.forEach(c::put);
      return c;
    }));
    b.put("hash", blockHash);
    try {
      Files.createDirectories(f.getParent());
      Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
      Files.write(tmp, io.capstan.engine.state.GoJson.indent(root).getBytes(StandardCharsets.UTF_8));
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Forgets the cached backend (back to the implicit local one). */
  public static void deleteCache(Path workdir) {
    try {
      Files.deleteIfExists(cacheFile(workdir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
