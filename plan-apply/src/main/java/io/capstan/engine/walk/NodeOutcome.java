package io.capstan.engine.walk;

/** How one node of a walk ended. */
public enum NodeOutcome {
    /** The node's action ran and reported no error. */
    DONE,
    /** The node's action reported an error (or threw). */
    FAILED,
    /** Not run: a node it depends on failed or was skipped. */
    SKIPPED,
    /** Not run: the walk was stopped (interrupt) before the node could start. */
    CANCELLED
}
