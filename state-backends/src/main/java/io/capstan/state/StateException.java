package io.capstan.state;

/**
 * Base of the failures a state backend reports: lock contention, refused writes, bad
 * configuration, and I/O with the store. Callers (the CLI) turn them into diagnostics;
 * the message is written for the user.
 */
public class StateException extends RuntimeException {
  public StateException(String message) {
    super(message);
  }

  public StateException(String message, Throwable cause) {
    super(message, cause);
  }
}
