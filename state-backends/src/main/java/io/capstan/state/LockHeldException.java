package io.capstan.state;

import java.util.Objects;

/**
 * The state lock is held by someone else. Carries the holder's {@link LockInfo} (as far as the
 * backend could read it) and whether the holder is known to be gone, so the CLI can print
 * Terraform's "Error acquiring the state lock" message with {@link LockMessages}.
 */
public final class LockHeldException extends StateException {
  private final LockInfo holder;
  private final boolean stale;
  private final String reason;

  public LockHeldException(String reason, LockInfo holder, boolean stale) {
    super(reason);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.holder = holder;
    this.stale = stale;
  }

  /** The current holder's lock information; may be {@code null} when the backend stores none. */
  public LockInfo holder() {
    return holder;
  }

  /** True when the holder process is known to be gone: only {@code force-unlock} frees the lock. */
  public boolean stale() {
    return stale;
  }

  public String reason() {
    return reason;
  }

  @Override
  public String getMessage() {
    return LockMessages.errorMessage(this);
  }
}
