package io.capstan.orchestrator.store;

/** One stored key at one revision: its value, the revision that created it and the one that last changed it. */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {
}
