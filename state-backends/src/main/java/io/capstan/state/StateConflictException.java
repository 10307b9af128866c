package io.capstan.state;

/**
 * A write was refused because the stored state is not the one the writer started from (another
 * writer got there first, or the lineage differs): the lost-update guard.
 */
public final class StateConflictException extends StateException {
  public StateConflictException(String message) {
    super(message);
  }
}
