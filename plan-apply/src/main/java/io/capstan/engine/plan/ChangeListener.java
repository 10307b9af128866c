package io.capstan.engine.plan;

/**
 * Hears apply progress, for the CLI's {@code Creating...} / {@code Creation complete} lines.
 * Called from walker threads, concurrently.
 */
public interface ChangeListener {
    enum Phase { REFRESHING, CREATING, CREATED, MODIFYING, MODIFIED, DESTROYING, DESTROYED, FAILED }

    /** {@code id} is the object's id when known (on completion), else null. */
    void event(String address, Phase phase, String id, long elapsedMillis);

    ChangeListener NONE = (a, p, id, ms) -> {
    };
}
