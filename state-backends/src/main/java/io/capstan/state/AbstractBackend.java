package io.capstan.state;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What every backend shares: the lock retry loop for {@code -lock-timeout}, workspace-name
 * checks, and the configuration. Subclasses implement one lock attempt.
 */
public abstract class AbstractBackend implements Backend {
  private static final Pattern WORKSPACE = Pattern.compile("[A-Za-z0-9_.\\-]+");

  protected final BackendConfig config;

  protected AbstractBackend(BackendConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** One attempt: returns the lock ID or throws {@link LockHeldException}. */
  protected abstract String tryLock(String workspace, LockInfo info);

  @Override
  public final String lock(String workspace, LockInfo info, Duration timeout) {
    checkWorkspace(workspace);
    long deadline = System.nanoTime() + timeout.toNanos();
    long sleep = 50;
    long next = 50;
    while (true) {
      sleep = next;
      try {
        return tryLock(workspace, info);
      } catch (LockHeldException e) {
        long remaining = (deadline - System.nanoTime()) / 1_000_000;
        if (e.stale() || remaining <= 0) {
          throw e;
        }
        sleep = Math.min(sleep, remaining);
      }
      try {
        Thread.sleep(Math.max(1, sleep + (long) (Math.random() * sleep / 2)));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new StateException("interrupted while waiting for the state lock", ie);
      }
      next = Math.min(next * 2, 1000);
    }
  }

  protected static void checkWorkspace(String workspace) {
    if (workspace == null || !WORKSPACE.matcher(workspace).matches()) {
      throw new StateException("\"" + workspace + "\" is not a valid workspace name: use letters, digits, '-', '_' and '.'");
    }
  }

  protected static void refuseDefault(String workspace) {
    checkWorkspace(workspace);
    if (DEFAULT_WORKSPACE.equals(workspace)) {
      throw new StateException("the default workspace cannot be deleted");
    }
  }

  protected int historyLimit() {
    return config.historyLimit();
  }
}
