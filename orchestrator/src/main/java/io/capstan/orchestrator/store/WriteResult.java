package io.capstan.orchestrator.store;

/** Outcome of a compare-and-set write: applied at a revision, or refused because the key had moved on. */
public sealed interface WriteResult {
    /** The write is durable at {@code revision}. */
    record Applied(long revision, long createRevision, byte[] previous) implements WriteResult {}

    /** The expected modification revision did not match; {@code actual} is 0 when the key does not exist. */
    record Conflict(long actual) implements WriteResult {}
}
