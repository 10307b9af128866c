package io.capstan.cli.backend;

import io.capstan.state.BackendConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Terraform's {@code -lock=BOOL} and {@code -lock-timeout=DURATION} flags, shared by every
 * command that writes state: add it with {@code @Mixin LockOptions lock;}.
 */
public final class LockOptions {
  @Option(names = "--lock", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Don't hold a state lock during the operation. This is dangerous if others might concurrently run commands against the same workspace.")
  boolean lock = true;

  @Option(names = "--lock-timeout", defaultValue = "0s",
      description = "Duration to retry a state lock.")
  String lockTimeout = "0s";

  public LockOptions() {}

  /** Options as given programmatically (tests, init). */
  public static LockOptions of(boolean lock, Duration timeout) {
    LockOptions o = new LockOptions();
    o.lock = lock;
    o.lockTimeout = timeout.toMillis() + "ms";
    return o;
  }

  public boolean enabled() {
    return lock;
  }

  /** The parsed {@code -lock-timeout}; an unparseable duration is Terraform's usage error. */
  public Duration timeout() {
    return parseTimeout(lockTimeout);
  }

  /** Parses a Go duration as {@code -lock-timeout} accepts it ({@code 0}, {@code 500ms}, {@code 1m30s}). */
  public static Duration parseTimeout(String text) {
    try {
      return BackendConfig.parseDuration(text);
    } catch (IllegalArgumentException e) {
      throw new BackendException("Invalid value for -lock-timeout",
          "\"" + text + "\" is not a duration; use a value such as 30s or 5m.");
    }
  }
}
