package io.capstan.cli.backend;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.Backends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The one place every state-reading command (plan, apply, output, state, workspace…) asks
 * "which backend and which workspace?". Today: the local backend in the working directory and
 * the workspace named by {@code TF_WORKSPACE} or {@code .terraform/environment}, as Terraform
 * does. The backend block / {@code -backend-config} resolution plugs in here.
 */
public final class CurrentBackend {
  private CurrentBackend() {}

  /** An open backend and the selected workspace; close the backend when done. */
  public record Opened(Backend backend, String workspace) implements AutoCloseable {
    public Opened {
      Objects.requireNonNull(backend, "backend");
      Objects.requireNonNull(workspace, "workspace");
    }

    @Override
    public void close() {
      backend.close();
    }
  }

  /** Opens the backend configured for {@code workdir}. */
  public static Opened open(Path workdir) {
    Backend backend = Backends.open(BackendConfig.of("local", Map.of("capstan.working_dir", workdir.toString())));
    return new Opened(backend, selectedWorkspace(workdir));
  }

  /** {@code TF_WORKSPACE}, else the name in {@code .terraform/environment}, else {@code default}. */
  public static String selectedWorkspace(Path workdir) {
    String env = System.getenv("TF_WORKSPACE");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    Path file = workdir.resolve(".terraform").resolve("environment");
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
    return Backend.DEFAULT_WORKSPACE;
  }
}
