package io.capstan.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A place that stores state snapshots as bytes, one per workspace, with a lock per workspace
 * and the previous versions kept as history. The backend never interprets a snapshot beyond
 * {@link StateMeta} (lineage, serial, resource count).
 *
 * <p>Workspace {@code default} always exists. Every method may throw {@link StateException}
 * (I/O with the store); lock methods throw {@link LockHeldException} when another holder has
 * the lock, writes throw {@link StateConflictException} when the lost-update guard refuses.
 */
public interface Backend extends AutoCloseable {
  String DEFAULT_WORKSPACE = "default";

  /** The type name as in a {@code backend "TYPE"} block. */
  String type();

  /** All workspaces, {@code default} first, the rest sorted by name. */
  List<String> workspaces();

  /** Deletes a workspace's state, lock and history; {@code default} cannot be deleted. */
  void deleteWorkspace(String workspace);

  /** The stored snapshot, or empty when the workspace has none yet. */
  Optional<byte[]> read(String workspace);

  /**
   * Stores a new snapshot after checking {@code condition} against what is stored; the previous
   * snapshot goes to history. Backends make the check and the write atomic where the store can.
   */
  void write(String workspace, byte[] state, WriteCondition condition);

  /**
   * Stores a snapshot taken while an apply is still running (terraform's intermediate state
   * persistence), for other readers to see the progress so far; a later {@link #write} of the same
   * run stores its final state. Backends whose store keeps a previous version per run (the local
   * backend's {@code .backup}) keep the one from before the run, not from before this snapshot.
   */
  default void writeIntermediate(String workspace, byte[] state, WriteCondition condition) {
    write(workspace, state, condition);
  }

  /**
   * As {@link #write(String, byte[], WriteCondition)}, but what goes wrong after the snapshot itself is stored
   * (Capstan's history kept beside it) goes to {@code warnings} instead of failing the write: the state is safe,
   * and a caller that throws away a stored state's run as failed (an apply's {@code errored.tfstate}) must not.
   * Backends that keep nothing beside the snapshot need not override this.
   */
  default void write(String workspace, byte[] state, WriteCondition condition, Consumer<BackendWarning> warnings) {
    write(workspace, state, condition);
  }

  /** As {@link #writeIntermediate(String, byte[], WriteCondition)}, with the warnings of {@link #write(String, byte[], WriteCondition, Consumer)}. */
  default void writeIntermediate(String workspace, byte[] state, WriteCondition condition,
                                 Consumer<BackendWarning> warnings) {
    writeIntermediate(workspace, state, condition);
  }

  /**
   * Takes the workspace's lock, retrying until {@code timeout} passes (zero: one attempt).
   * Returns the lock ID, which is {@code info.id()}.
   *
   * @throws LockHeldException when another holder still has the lock after the timeout, or the
   *     lock is stale (its holder is gone: only {@link #forceUnlock} frees it)
   */
  String lock(String workspace, LockInfo info, Duration timeout);

  /** Releases a lock this client took; throws when {@code lockId} is not the current lock. */
  void unlock(String workspace, String lockId);

  /** Releases whoever's lock has {@code lockId} ({@code capstan force-unlock ID}). */
  void forceUnlock(String workspace, String lockId);

  /** The current holder, if the workspace is locked and the backend can tell. */
  Optional<LockInfo> lockHolder(String workspace);

  /** Kept versions, newest first (the current snapshot is the first entry). */
  List<HistoryEntry> history(String workspace);

  /** The kept snapshot with this serial. */
  Optional<byte[]> historyVersion(String workspace, long serial);

  /** What {@link #rollback} would do, without doing it. */
  default RollbackPlan planRollback(String workspace, long serial) {
    byte[] target = historyVersion(workspace, serial)
        .orElseThrow(() -> new StateException("workspace \"" + workspace + "\" has no kept state with serial " + serial
            + "; run `capstan state history` to list the kept versions"));
    byte[] current = read(workspace).orElse(new byte[0]);
    return RollbackPlan.of(current, target);
  }

  /**
   * Restores the kept version {@code serial} as a new snapshot (serial = current + 1, lineage of
   * the current state). The caller holds the lock. Returns what was done.
   */
  default RollbackPlan rollback(String workspace, long serial) {
    RollbackPlan plan = planRollback(workspace, serial);
    write(workspace, plan.newState(), WriteCondition.basedOn(plan.from()));
    return plan;
  }

  @Override
  void close();
}
