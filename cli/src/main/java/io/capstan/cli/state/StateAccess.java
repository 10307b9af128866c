package io.capstan.cli.state;

import io.capstan.cli.backend.BackendException;
import io.capstan.cli.backend.CurrentBackend;
import io.capstan.cli.backend.LockOptions;
import io.capstan.cli.backend.StateLocks;
import io.capstan.engine.state.StateCodec;
import io.capstan.engine.state.StateFile;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Result;
import io.capstan.state.Backend;
import io.capstan.state.StateException;
import io.capstan.state.StateMeta;
import io.capstan.state.WriteCondition;
import io.capstan.state.local.LocalBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The state of the selected workspace for one command: read and decoded, and written back as a
 * new snapshot (serial + 1, same lineage) under the lock with the lost-update guard of the
 * snapshot it was based on. {@code -state=PATH} selects a local state file instead.
 */
public final class StateAccess implements AutoCloseable {
  private final CurrentBackend.Opened opened;

  private StateAccess(CurrentBackend.Opened opened) {
    this.opened = opened;
  }

  /** Opens the working directory's backend, or the local file {@code statePath} when not blank. */
  public static StateAccess open(Path workdir, String statePath) {
    return new StateAccess(statePath == null || statePath.isBlank()
        ? CurrentBackend.open(workdir) : CurrentBackend.openStatePath(workdir, statePath));
  }

  public Backend backend() {
    return opened.backend();
  }

  public String workspace() {
    return opened.workspace();
  }

  /** The raw bytes of the current snapshot. */
  public Optional<byte[]> readBytes() {
    return opened.backend().read(opened.workspace());
  }

  /** The decoded snapshot, empty when the workspace has none. */
  public Optional<StateFile> read() {
    return readBytes().map(StateAccess::decode);
  }

  public static StateFile decode(byte[] bytes) {
    Result<StateFile> r = StateCodec.read(bytes);
    for (Diagnostic d : r.diagnostics()) {
      if (d.isError()) {
        throw new BackendException(d.summary(), d.detail());
      }
    }
    return r.value();
  }

  /**
   * Reads, transforms and writes the state under the lock. {@code change} returns the new content
   * (the same instance, or null, for "nothing to write"); the result is what was written.
   */
  public StateFile update(LockOptions lock, Function<Optional<StateFile>, StateFile> change) {
    return update(lock, false, change);
  }

  /**
   * Like {@link #update(LockOptions, Function)}; with {@code timestampedBackup} the local backend
   * first copies the current file to {@code terraform.tfstate.<unix seconds>.backup}, as
   * Terraform's {@code state mv}/{@code rm}/{@code replace-provider} do.
   */
  public StateFile update(LockOptions lock, boolean timestampedBackup, Function<Optional<StateFile>, StateFile> change) {
    return StateLocks.withLock(opened.backend(), opened.workspace(), StateLocks.STATE_OPERATION, lock, () -> {
      Optional<byte[]> bytes = readBytes();
      Optional<StateFile> current = bytes.map(StateAccess::decode);
      StateFile next = change.apply(current);
      if (next == null || (current.isPresent() && next == current.get())) {
        return current.orElse(null);
      }
      StateFile toWrite = next.withSerial(current.map(s -> s.serial() + 1).orElse(next.serial()));
      if (timestampedBackup && bytes.isPresent()) {
        backup(bytes.get());
      }
      write(StateCodec.write(toWrite), bytes.map(StateMeta::of).map(WriteCondition::basedOn)
          .orElse(WriteCondition.basedOn(StateMeta.NONE)));
      return toWrite;
    });
  }

  /** Writes bytes as the new snapshot; backend refusals become the user's error. */
  public void write(byte[] bytes, WriteCondition condition) {
    try {
      opened.backend().write(opened.workspace(), bytes, condition);
    } catch (StateException e) {
      throw new BackendException("Failed to persist state", e.getMessage());
    }
  }

  private void backup(byte[] bytes) {
    if (opened.backend() instanceof LocalBackend local) {
      Path file = local.statePath(opened.workspace());
      Path copy = file.resolveSibling(file.getFileName() + "." + Instant.now().getEpochSecond() + ".backup");
      try {
        Files.write(copy, bytes);
      } catch (IOException e) {
        throw new BackendException("Failed to write the state backup", copy + ": " + e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    opened.close();
  }
}
