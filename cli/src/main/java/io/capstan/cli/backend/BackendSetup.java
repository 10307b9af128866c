package io.capstan.cli.backend;

import io.capstan.graph.config.Backend;
import io.capstan.state.Backends;
import io.capstan.state.StateMeta;
import io.capstan.state.WriteCondition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code init} does for the backend: the first setup of a backend block, noticing a changed
 * backend (Terraform's "Backend configuration changed" unless {@code -migrate-state} or
 * {@code -reconfigure}), copying every workspace's state to the new backend under both locks
 * ({@code -migrate-state}), or adopting the new backend without touching state
 * ({@code -reconfigure}); then the effective settings are cached in
 * {@code .terraform/terraform.tfstate} for every later command.
 *
 * <p>A first setup from the implicit local backend while that one holds state counts as a
 * change (Terraform asks interactively; Capstan requires {@code -migrate-state} or
 * {@code -force-copy}, or {@code -reconfigure} to leave the state behind).
 */
public final class BackendSetup {
  private BackendSetup() {}

  /** Which of {@code init}'s backend flags were given. */
  public enum Mode { DEFAULT, MIGRATE_STATE, RECONFIGURE }

  /** What happened. */
  public enum Kind { UNCHANGED, INITIALIZED, RECONFIGURED, MIGRATED }

  /**
   * @param block the root module's backend block, empty for the implicit local backend
   * @param backendConfig the {@code -backend-config} values in command-line order
   * @param forceCopy {@code -force-copy}: migrate without asking and overwrite state in the new backend
   */
  public record Request(Path workdir, Optional<Backend> block, List<String> backendConfig, Mode mode,
      boolean forceCopy, LockOptions lock) {
    public Request {
      Objects.requireNonNull(workdir, "workdir");
      Objects.requireNonNull(block, "block");
      backendConfig = List.copyOf(backendConfig);
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(lock, "lock");
    }
  }

  /** The settings now in effect and, after a migration, the workspaces whose state was copied. */
  public record Outcome(Kind kind, BackendSettings settings, List<String> migratedWorkspaces) {}

  /** Runs the backend part of {@code init}; throws {@link BackendException} with Terraform's message. */
  public static Outcome run(Request r) {
    BackendSettings desired = desired(r);
    Optional<BackendSettings> cached = BackendSettings.readCache(r.workdir());
    BackendSettings previous = cached.orElse(BackendSettings.DEFAULT_LOCAL);
    boolean same = previous.type().equals(desired.type()) && previous.blockHash() == desired.blockHash()
        && (r.backendConfig().isEmpty() || TerraformBackendSchema.sameArguments(desired.type(), previous.arguments(), desired.arguments()));
    if (!same && cached.isPresent() && previous.type().equals(desired.type())
        && previous.blockHash() != desired.blockHash() && TerraformBackendSchema.sameArguments(desired.type(), previous.arguments(), desired.arguments())) {
      // The block changed but the effective settings did not (e.g. an argument moved between the
      // block and -backend-config): as terraform, nothing is migrated and the cache takes the
      // block's new hash.
      desired.writeCache(r.workdir());
      return new Outcome(Kind.UNCHANGED, desired, List.of());
    }
    if (same) {
      if (cached.isEmpty() && r.block().isPresent()) {
        desired.writeCache(r.workdir());
        return new Outcome(Kind.INITIALIZED, desired, List.of());
      }
      return new Outcome(Kind.UNCHANGED, previous, List.of());
    }
    boolean firstSetup = cached.isEmpty();
    if (r.mode() == Mode.RECONFIGURE) {
      save(r.workdir(), desired);
      return new Outcome(Kind.RECONFIGURED, desired, List.of());
    }
    if (firstSetup && !hasState(r.workdir(), previous)) {
      save(r.workdir(), desired);
      return new Outcome(Kind.INITIALIZED, desired, List.of());
    }
    if (r.mode() != Mode.MIGRATE_STATE && !r.forceCopy()) {
      throw BackendException.changed();
    }
    List<String> copied = migrate(r, previous, desired);
    save(r.workdir(), desired);
    return new Outcome(Kind.MIGRATED, desired, copied);
  }

  static BackendSettings desired(Request r) {
    if (r.block().isEmpty()) {
      return BackendSettings.DEFAULT_LOCAL;
    }
    Backend b = r.block().get();
    if (!Backends.TYPES.contains(b.type())) {
      throw new BackendException("Unsupported backend type",
          "There is no backend type named \"" + b.type() + "\". Capstan supports "
              + String.join(", ", Backends.TYPES) + ".");
    }
    Map<String, String> blockArgs = BackendBlock.arguments(b.config());
    Map<String, String> merged = BackendBlock.merge(blockArgs, r.backendConfig(), r.workdir());
    return new BackendSettings(b.type(), merged, TerraformBackendSchema.hash(b.type(), b.config()));
  }

  private static void save(Path workdir, BackendSettings s) {
    if (s == BackendSettings.DEFAULT_LOCAL) {
      BackendSettings.deleteCache(workdir);
    } else {
      s.writeCache(workdir);
    }
  }

  private static boolean hasState(Path workdir, BackendSettings s) {
    try (io.capstan.state.Backend b = Backends.open(s.toConfig(workdir, io.capstan.cli.Main.environment()))) {
      for (String ws : b.workspaces()) {
        if (b.read(ws).map(StateMeta::of).map(m -> m.resources() > 0).orElse(false)) {
          return true;
        }
      }
      return false;
    }
  }

  private static boolean sameLocalFile(io.capstan.state.Backend a, io.capstan.state.Backend b, String ws) {
    return a instanceof io.capstan.state.local.LocalBackend la && b instanceof io.capstan.state.local.LocalBackend lb
        && la.statePath(ws).equals(lb.statePath(ws));
  }

  private static List<String> migrate(Request r, BackendSettings from, BackendSettings to) {
    List<String> copied = new ArrayList<>();
    try (io.capstan.state.Backend src = Backends.open(from.toConfig(r.workdir(), io.capstan.cli.Main.environment()));
        io.capstan.state.Backend dst = Backends.open(to.toConfig(r.workdir(), io.capstan.cli.Main.environment()))) {
      for (String ws : src.workspaces()) {
        if (sameLocalFile(src, dst, ws)) {
          continue; // e.g. only "path" changed: other workspaces stay where they are, nothing to copy
        }
        StateLocks.withLock(src, ws, "OperationTypeInvalid", r.lock(), () ->
            StateLocks.withLock(dst, ws, "OperationTypeInvalid", r.lock(), () -> {
              Optional<byte[]> state = src.read(ws);
              if (state.isEmpty()) {
                return;
              }
              Optional<byte[]> existing = dst.read(ws);
              if (existing.isPresent() && !Arrays.equals(existing.get(), state.get())
                  && StateMeta.of(existing.get()).resources() > 0 && !r.forceCopy()) {
                throw new BackendException("Existing state in the new backend",
                    "Workspace \"" + ws + "\" already has a non-empty state in the new \"" + to.type()
                        + "\" backend. Run \"terraform init -migrate-state -force-copy\" to overwrite it\n"
                        + "with the state of the previous backend, or \"terraform init -reconfigure\" to\n"
                        + "keep it and leave the previous state behind.");
              }
              dst.write(ws, state.get(), WriteCondition.unconditional());
              copied.add(ws);
            }));
      }
    }
    return copied;
  }
}
