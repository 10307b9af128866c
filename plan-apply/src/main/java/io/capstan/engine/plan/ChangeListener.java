package io.capstan.engine.plan;

/**
 * Hears apply progress, for the CLI's {@code Creating...} / {@code Creation complete} lines.
 * Called from walker threads, concurrently.
 */
public interface ChangeListener {
    /**
     * REFRESHED follows a successful ReadResource (Terraform's {@code refresh_complete}); IMPORTING
     * precedes an import block's ImportResourceState ({@code Preparing import... [id=x]}); READING and
     * READ surround a data source's ReadDataSource ({@code Reading...}, {@code Read complete after 0s});
     * APPLYING_IMPORT and IMPORTED surround an import while applying ({@code Importing... [id=x]},
     * {@code Import complete [id=x]}, terraform's PreApplyImport/PostApplyImport, with the import id).
     */
    enum Phase { REFRESHING, CREATING, CREATED, MODIFYING, MODIFIED, DESTROYING, DESTROYED, FAILED, REFRESHED, IMPORTING,
        READING, READ, APPLYING_IMPORT, IMPORTED }

    /** {@code id} is the object's id when known (on completion), else null. */
    void event(String address, Phase phase, String id, long elapsedMillis);

    /**
     * As {@link #event}, for the deposed object {@code deposedKey} of {@code address} (a create-before-destroy
     * replacement's old object); Terraform names it {@code address (deposed object KEY)} when it starts.
     */
    default void deposedEvent(String address, String deposedKey, Phase phase, String id, long elapsedMillis) {
        event(address, phase, id, elapsedMillis);
    }

    /**
     * A provisioner of {@code provisionerType} (e.g. {@code local-exec}) starts for {@code address};
     * Terraform prints it as {@code address: Provisioning with 'local-exec'...}.
     */
    default void provisionStart(String address, String provisionerType) {
    }

    /** A provisioner's output line for {@code address}, printed by Terraform as {@code address (local-exec): line}. */
    default void output(String address, String line) {
    }

    ChangeListener NONE = (a, p, id, ms) -> {
    };
}
