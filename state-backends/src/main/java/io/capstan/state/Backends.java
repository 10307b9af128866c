package io.capstan.state;

import io.capstan.state.crypto.EncryptingBackend;
import io.capstan.state.crypto.StateEncryption;
import io.capstan.state.etcd.EtcdBackend;
import io.capstan.state.http.HttpBackend;
import io.capstan.state.local.LocalBackend;
import io.capstan.state.pg.PgBackend;
import io.capstan.state.s3.S3Backend;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The composition root of this module: a backend by its type name, optionally wrapped in
 * encryption. The CLI decodes the {@code backend} block and {@code -backend-config} into a
 * {@link BackendConfig} and calls {@link #open}.
 */
public final class Backends {
  public static final List<String> TYPES = List.of("local", "pg", "http", "s3", "etcd");

  private Backends() {}

  public static Backend open(BackendConfig config) {
    return switch (config.type()) {
      case "local" -> new LocalBackend(config);
      case "pg" -> new PgBackend(config);
      case "http" -> new HttpBackend(config);
      case "s3" -> new S3Backend(config);
      case "etcd" -> new EtcdBackend(config);
      default -> throw new BackendConfigException("backend", "Unsupported backend type \"" + config.type()
          + "\": Capstan supports " + String.join(", ", TYPES) + ".");
    };
  }

  /**
   * The warnings terraform's backend of this type gives for {@code config}: those of validating the
   * arguments (its PrepareConfig), and with {@code configuring} those of configuring it (the
   * environment variables it reads). Terraform 1.11 shows them only where it prepares a backend
   * itself ({@code apply PLANFILE}, {@code terraform_remote_state}); empty for types without any.
   */
  public static List<BackendWarning> warnings(BackendConfig config, boolean configuring) {
    return config.type().equals("s3") ? S3Backend.warnings(config, configuring) : List.of();
  }

  /** A backend whose snapshots are encrypted with the given {@code encryption} settings, if any. */
  public static Backend open(BackendConfig config, Optional<Map<String, String>> encryption) {
    Backend b = open(config);
    return encryption.<Backend>map(s -> new EncryptingBackend(b, StateEncryption.fromSettings(s, config.environment())))
        .orElse(b);
  }
}
