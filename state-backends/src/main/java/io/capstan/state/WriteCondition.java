package io.capstan.state;

import java.util.Objects;

/**
 * The lost-update guard of a write: what the writer believes is stored now. A backend refuses
 * the write with {@link StateConflictException} when the stored state is something else.
 */
public sealed interface WriteCondition {

  /** Overwrite whatever is stored (e.g. {@code state push -force}, migration). */
  record Unconditional() implements WriteCondition {}

  /** The workspace must be empty (first write of a new workspace). */
  record ExpectAbsent() implements WriteCondition {}

  /** The stored state must still have this lineage and serial (the snapshot the writer read). */
  record Expect(String lineage, long serial) implements WriteCondition {
    public Expect {
      Objects.requireNonNull(lineage, "lineage");
    }
  }

  static WriteCondition unconditional() {
    return new Unconditional();
  }

  /** The condition matching a snapshot just read: absent when nothing was stored. */
  static WriteCondition basedOn(StateMeta read) {
    return read.present() ? new Expect(read.lineage(), read.serial()) : new ExpectAbsent();
  }

  /**
   * Checks {@code stored} against this condition and {@code incoming} against {@code stored};
   * throws {@link StateConflictException} with a message for the user when refused.
   */
  default void check(StateMeta stored, StateMeta incoming) {
    if (this instanceof Unconditional) {
      return;
    }
    if (this instanceof ExpectAbsent) {
      if (stored.present()) {
        throw new StateConflictException(
            "the workspace already has a state (serial " + stored.serial() + ", lineage " + stored.lineage()
                + ") written by someone else; refusing to overwrite it");
      }
    } else if (this instanceof Expect e) {
      if (!stored.present()) {
        throw new StateConflictException(
            "the state (serial " + e.serial() + ") this write is based on was deleted meanwhile");
      }
      if (!stored.lineage().equals(e.lineage())) {
        throw new StateConflictException(
            "cannot overwrite state with lineage " + stored.lineage() + " by a state based on unrelated lineage "
                + e.lineage());
      }
      if (stored.serial() != e.serial()) {
        throw new StateConflictException(
            "the state changed since it was read: serial " + e.serial() + " was read, serial " + stored.serial()
                + " is stored now; another writer got there first, refusing to lose its update");
      }
    }
    if (incoming.present() && stored.present() && incoming.lineage().equals(stored.lineage())
        && incoming.serial() < stored.serial()) {
      throw new StateConflictException(
          "cannot replace state serial " + stored.serial() + " by an older serial " + incoming.serial());
    }
  }
}
