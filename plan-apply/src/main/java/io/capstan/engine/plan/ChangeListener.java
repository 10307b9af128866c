package io.capstan.engine.plan;

/**
 * Hears apply progress, for the CLI's {@code Creating...} / {@code Creation complete} lines.
 * Called from walker threads, concurrently.
 */
public interface ChangeListener {
    /**
     * REFRESHED follows a successful ReadResource (Terraform's {@code refresh_complete}); IMPORTING
     * precedes an import block's ImportResourceState ({@code Preparing import... [id=x]}); READING and
     * READ surround a data source's ReadDataSource ({@code Reading...}, {@code Read complete after 0s}).
     */
    enum Phase { REFRESHING, CREATING, CREATED, MODIFYING, MODIFIED, DESTROYING, DESTROYED, FAILED, REFRESHED, IMPORTING,
        READING, READ }

    /** {@code id} is the object's id when known (on completion), else null. */
    void event(String address, Phase phase, String id, long elapsedMillis);

    /**
     * A provisioner's line for {@code address}, printed by Terraform as {@code address (local-exec): line}
     * (the first, "Provisioning with 'local-exec'...", as {@code address: line}).
     */
    default void output(String address, String line) {
    }

    ChangeListener NONE = (a, p, id, ms) -> {
    };
}
