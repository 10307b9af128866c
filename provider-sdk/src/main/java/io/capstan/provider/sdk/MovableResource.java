package io.capstan.provider.sdk;

/**
 * A resource type that accepts objects moved from other resource types by a {@code moved}
 * block whose {@code from} and {@code to} name different types (or providers), as Terraform
 * 1.8+ and Capstan allow. A provider with at least one such resource advertises the
 * {@code move_resource_state} server capability; without it both tools refuse such a move.
 *
 * <p>The SDK asks {@link #acceptsMove} first and answers "not supported" itself when it says
 * no, so {@link #moveState} only sees sources it declared. The moved object is not read or
 * changed in the real world: the next plan refreshes and diffs it like any other.
 */
public interface MovableResource extends Resource {

    /** Whether state of {@code from}'s provider, type and schema version can become this type's. */
    boolean acceptsMove(StateMove from);

    /**
     * Fills {@code target} (every attribute null at first) from {@code from.sourceState()}; must
     * leave nothing unknown. Report problems to {@code diags}; with an error, nothing moves.
     */
    void moveState(StateMove from, ObjectData target, Diagnostics diags);
}
