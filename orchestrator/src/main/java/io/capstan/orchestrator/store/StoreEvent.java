package io.capstan.orchestrator.store;

/** A change in the store at one revision; for a delete, {@code value} is the last value before deletion. */
public record StoreEvent(Type type, String key, byte[] value, long revision, long createRevision) {
    public enum Type { PUT, DELETE }
}
