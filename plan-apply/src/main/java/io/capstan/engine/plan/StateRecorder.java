package io.capstan.engine.plan;

/**
 * Where each completed provider call's result goes: the live state and, for durability, the
 * journal. Called concurrently from walker threads; returns once the record is durable.
 */
public interface StateRecorder {
    void put(LiveState.Entry entry);

    void remove(String address);

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
        };
    }
}
