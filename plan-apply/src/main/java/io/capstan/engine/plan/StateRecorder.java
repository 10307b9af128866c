package io.capstan.engine.plan;

/**
 * Where each completed provider call's result goes: the live state and, for durability, the
 * journal. Called concurrently from walker threads; returns once the record is durable.
 */
public interface StateRecorder {
    void put(LiveState.Entry entry);

    void remove(String address);

    /**
     * Atomically: the current object at {@code entry}'s address becomes deposed under {@code key},
     * and {@code entry} becomes current (a create-before-destroy replacement created its new object).
     */
    void depose(LiveState.Entry entry, String key);

    /** The deposed object {@code key} at {@code address} is gone. */
    void removeDeposed(String address, String key);

    /**
     * The resource {@code resource} (its instances ignored) is kept without instances while it has no object
     * (terraform's state entry for a resource whose instances all failed, or that has none, in a failed apply).
     */
    default void putHusk(io.capstan.engine.state.ResourceState resource) {
    }

    /** Every resource kept without instances is dropped (terraform's apply ended without errors). */
    default void clearHusks() {
    }

    /**
     * Why the state could not be stored after an update this thread made since its last call, or null:
     * terraform's state hook halts the node whose update made a snapshot due when the backend refuses it
     * (the node fails, its dependents are skipped, other nodes go on), so each node asks at its end.
     */
    default String takeFailure() {
        return null;
    }

    /** This recorder behind an update of {@code state}: the live state first, then this sink. */
    default StateRecorder wrap(LiveState state) {
        StateRecorder sink = this;
        return new StateRecorder() {
            @Override
            public void put(LiveState.Entry entry) {
                state.put(entry);
                sink.put(entry);
            }

            @Override
            public void remove(String address) {
                state.remove(address);
                sink.remove(address);
            }

            @Override
            public void depose(LiveState.Entry entry, String key) {
                state.depose(entry, key);
                sink.depose(entry, key);
            }

            @Override
            public void removeDeposed(String address, String key) {
                state.removeDeposed(address, key);
                sink.removeDeposed(address, key);
            }

            @Override
            public void putHusk(io.capstan.engine.state.ResourceState resource) {
                state.putHusk(resource);
                sink.putHusk(resource);
            }

            @Override
            public void clearHusks() {
                state.clearHusks();
                sink.clearHusks();
            }

            @Override
            public String takeFailure() {
                return sink.takeFailure();
            }
        };
    }
}
