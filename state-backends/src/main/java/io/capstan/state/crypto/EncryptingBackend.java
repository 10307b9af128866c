package io.capstan.state.crypto;

import io.capstan.state.Backend;
import io.capstan.state.HistoryEntry;
import io.capstan.state.LockInfo;
import io.capstan.state.WriteCondition;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A backend whose snapshots are encrypted before they leave the process and decrypted when read.
 * Everything else (locks, workspaces, history listing) passes through; the lost-update guard
 * still works because the envelope keeps lineage and serial in its clear header.
 */
public final class EncryptingBackend implements Backend {
  private final Backend inner;
  private final StateEncryption encryption;

  public EncryptingBackend(Backend inner, StateEncryption encryption) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.encryption = Objects.requireNonNull(encryption, "encryption");
  }

  @Override public String type() { return inner.type(); }
  @Override public List<String> workspaces() { return inner.workspaces(); }
  @Override public void deleteWorkspace(String workspace) { inner.deleteWorkspace(workspace); }

  @Override
  public Optional<byte[]> read(String workspace) {
    return inner.read(workspace).map(encryption::decrypt);
  }

  @Override
  public void write(String workspace, byte[] state, WriteCondition condition) {
    inner.write(workspace, encryption.encrypt(state), condition);
  }

  @Override
  public void writeIntermediate(String workspace, byte[] state, WriteCondition condition) {
    inner.writeIntermediate(workspace, encryption.encrypt(state), condition);
  }

  @Override
  public void write(String workspace, byte[] state, WriteCondition condition,
                    java.util.function.Consumer<io.capstan.state.BackendWarning> warnings) {
    inner.write(workspace, encryption.encrypt(state), condition, warnings);
  }

  @Override
  public void writeIntermediate(String workspace, byte[] state, WriteCondition condition,
                                java.util.function.Consumer<io.capstan.state.BackendWarning> warnings) {
    inner.writeIntermediate(workspace, encryption.encrypt(state), condition, warnings);
  }

  @Override public String lock(String workspace, LockInfo info, Duration timeout) { return inner.lock(workspace, info, timeout); }
  @Override public void unlock(String workspace, String lockId) { inner.unlock(workspace, lockId); }
  @Override public void forceUnlock(String workspace, String lockId) { inner.forceUnlock(workspace, lockId); }
  @Override public Optional<LockInfo> lockHolder(String workspace) { return inner.lockHolder(workspace); }
  @Override public List<HistoryEntry> history(String workspace) { return inner.history(workspace); }

  @Override
  public Optional<byte[]> historyVersion(String workspace, long serial) {
    return inner.historyVersion(workspace, serial).map(encryption::decrypt);
  }

  @Override public void close() { inner.close(); }
}
