package io.capstan.cli.backend;

import io.capstan.engine.state.StateFile;
import io.capstan.state.Backend;
import io.capstan.state.LockHeldException;
import io.capstan.state.LockInfo;
import io.capstan.state.LockMessages;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs a state mutation under the workspace's lock, as every Terraform command that writes
 * state does, and turns a held lock into Terraform's "Error acquiring the state lock".
 */
public final class StateLocks {
  private StateLocks() {}

  /** Terraform's operation name for state-editing commands ({@code state mv}, {@code taint}…). */
  public static final String STATE_OPERATION = "OperationTypeInvalid";

  public static <T> T withLock(Backend backend, String workspace, String operation, LockOptions options,
      Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    if (!options.enabled()) {
      return work.get();
    }
    LockInfo info = LockInfo.forThisProcess(operation, StateFile.TERRAFORM_VERSION);
    String id;
    try {
      id = backend.lock(workspace, info, options.timeout());
    } catch (LockHeldException e) {
      throw new BackendException(LockMessages.SUMMARY, LockMessages.detail(e));
    }
    try {
      return work.get();
    } finally {
      backend.unlock(workspace, id);
    }
  }

  public static void withLock(Backend backend, String workspace, String operation, LockOptions options,
      Runnable work) {
    withLock(backend, workspace, operation, options, () -> {
      work.run();
      return null;
    });
  }
}
