package io.capstan.cli.backend;

import io.capstan.graph.config.Backend;
import io.capstan.hcl.body.Block;
import io.capstan.hcl.body.File;
import io.capstan.hcl.body.SyntaxBody;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.parser.HclParser;
import io.capstan.state.BackendConfig;
import io.capstan.state.Backends;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place every state-reading command (plan, apply, output, state, workspace…) asks
 * "which backend and which workspace?". The backend is the one {@code init} recorded in
 * {@code .terraform/terraform.tfstate} for the root module's {@code backend} block (refused with
 * Terraform's "Backend initialization required" when the block changed since), or the local
 * backend when the configuration has none; the workspace is {@code TF_WORKSPACE}, else the name
 * in {@code .terraform/environment}, else {@code default}, as in Terraform.
 */
public final class CurrentBackend {
  private CurrentBackend() {}

  /** An open backend and the selected workspace; close the backend when done. */
  public record Opened(io.capstan.state.Backend backend, String workspace) implements AutoCloseable {
    public Opened {
      Objects.requireNonNull(backend, "backend");
      Objects.requireNonNull(workspace, "workspace");
    }

    @Override
    public void close() {
      backend.close();
    }
  }

  /** Opens the backend configured for {@code workdir}, reading its root module's backend block. */
  public static Opened open(Path workdir) {
    return open(workdir, rootBackendBlock(workdir));
  }

  /** Opens the backend for {@code workdir} when the caller already decoded the root module's backend block. */
  public static Opened open(Path workdir, Optional<Backend> block) {
    BackendSettings settings = resolve(workdir, block);
    return new Opened(Backends.open(settings.toConfig(workdir, io.capstan.cli.Main.environment())), selectedWorkspace(workdir));
  }

  /** The local backend on an explicit state file ({@code -state=PATH}), default workspace. */
  public static Opened openStatePath(Path workdir, String statePath) {
    BackendConfig c = BackendConfig.of("local", Map.of(
        "capstan.working_dir", workdir.toAbsolutePath().normalize().toString(), "path", statePath));
    return new Opened(Backends.open(c), io.capstan.state.Backend.DEFAULT_WORKSPACE);
  }

  /** The effective backend settings, without opening the backend. */
  public static BackendSettings resolve(Path workdir, Optional<Backend> block) {
    Optional<BackendSettings> cached = BackendSettings.readCache(workdir);
    if (block.isEmpty()) {
      if (cached.isPresent() && !cached.get().type().equals("local")) {
        throw BackendException.initRequired("Unsetting the previously set backend \"" + cached.get().type() + "\"");
      }
      return cached.orElse(BackendSettings.DEFAULT_LOCAL);
    }
    Backend b = block.get();
    if (cached.isEmpty()) {
      throw BackendException.initRequired("Initial configuration of the requested backend \"" + b.type() + "\"");
    }
    if (!cached.get().type().equals(b.type())) {
      throw BackendException.initRequiredChanged(cached.get().type(), b.type());
    }
    long hash = TerraformBackendSchema.hash(b.type(), b.config());
    if (cached.get().blockHash() != hash) {
      // As terraform: a block whose hash differs still names the cached backend when its own
      // arguments are the cached ones (e.g. an argument moved from -backend-config into the
      // block); the cache then takes the block's hash.
      if (!TerraformBackendSchema.sameArguments(b.type(), BackendBlock.arguments(b.config()), cached.get().arguments())) {
        throw BackendException.initRequiredChanged(b.type(), b.type());
      }
      BackendSettings updated = new BackendSettings(b.type(), cached.get().arguments(), hash);
      updated.writeCache(workdir);
      return updated;
    }
    return cached.get();
  }

  /** {@code TF_WORKSPACE}, else the name in {@code .terraform/environment}, else {@code default}. */
  public static String selectedWorkspace(Path workdir) {
    String env = io.capstan.cli.Main.environment().get("TF_WORKSPACE");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    Path file = BackendSettings.dataDir(workdir).resolve("environment");
    try {
      if (Files.isRegularFile(file)) {
        String name = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!name.isEmpty()) {
          return name;
        }
      }
    } catch (IOException e) {
      // unreadable file: fall back to the default workspace, as Terraform does
    }
    return io.capstan.state.Backend.DEFAULT_WORKSPACE;
  }

  /** Records {@code workspace} as selected ({@code .terraform/environment}); {@code default} removes the file. */
  public static void selectWorkspace(Path workdir, String workspace) {
    Path file = BackendSettings.dataDir(workdir).resolve("environment");
    try {
      if (io.capstan.state.Backend.DEFAULT_WORKSPACE.equals(workspace)) {
        Files.deleteIfExists(file);
      } else {
        Files.createDirectories(file.getParent());
        Files.writeString(file, workspace, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code backend} block of the root module's {@code terraform} block, found by parsing only
   * the root {@code *.tf} files (commands such as {@code output} must work without installed
   * modules). Unparseable files are left to the command that reads the whole configuration.
   */
  /**
   * Whether the bytes contain the word "backend" anywhere. Through a Latin-1 string (one byte per char, so
   * positions match): String.indexOf's loop is one the JVM has usually compiled by now, where a loop of this
   * class's own would run interpreted over each byte (a configuration of 1,000 resources: 70 KB).
   */
  static boolean mentionsBackend(byte[] src) {
    return new String(src, StandardCharsets.ISO_8859_1).contains("backend");
  }

  public static Optional<Backend> rootBackendBlock(Path workdir) {
    List<Path> files = new ArrayList<>();
    // a loop rather than a stream of lambdas: each lambda call site costs every CLI run its bootstrap (#6)
    try (java.nio.file.DirectoryStream<Path> s = Files.newDirectoryStream(workdir)) {
      for (Path p : s) {
        if (p.getFileName().toString().endsWith(".tf") && Files.isRegularFile(p)) {
          files.add(p);
        }
      }
      java.util.Collections.sort(files);
    } catch (IOException e) {
      return Optional.empty();
    }
    Backend found = null;
    for (Path p : files) {
      Result<File> r;
      try {
        byte[] src = Files.readAllBytes(p);
        if (!mentionsBackend(src)) {
          // a backend block's type is that word, spelled out (HCL identifiers have no escapes): this file
          // has none, so it is not parsed here (the configuration's loading parses it, on its own thread)
          continue;
        }
        r = HclParser.parseConfig(src, p.getFileName().toString());
      } catch (IOException e) {
        continue;
      }
      if (r.value() == null || !(r.value().body() instanceof SyntaxBody body)) {
        continue;
      }
      for (Block t : body.blocks()) {
        if (!t.type().equals("terraform") || !(t.body() instanceof SyntaxBody tb)) {
          continue;
        }
        for (Block b : tb.blocks()) {
          if (b.type().equals("backend") && !b.labels().isEmpty()) {
            boolean override = p.getFileName().toString().endsWith("_override.tf")
                || p.getFileName().toString().equals("override.tf");
            if (found == null || override) {
              found = new Backend(b.labels().get(0), b.body(), b.defRange());
            }
          }
        }
      }
    }
    return Optional.ofNullable(found);
  }
}
