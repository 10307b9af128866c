package io.capstan.state;

import java.util.Objects;

/** A backend argument is missing or invalid; {@link #argument()} names it as the user wrote it. */
public final class BackendConfigException extends StateException {
  private final String argument;

  public BackendConfigException(String argument, String message) {
    super(message);
    this.argument = Objects.requireNonNull(argument, "argument");
  }

  public String argument() {
    return argument;
  }
}
