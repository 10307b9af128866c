package io.capstan.provider.sdk;

/**
 * A managed resource type, written by a provider author: its schema and what to do to
 * create, read, update, delete and import one object. The SDK does the protocol work:
 * decoding values, planning defaults (see {@link PlanContext}), requires-replace paths,
 * state upgrades and encoding. Every method reports problems through {@link Diagnostics}.
 *
 * <p>Objects passed in are the resource's whole value: in {@link #create} and
 * {@link #update} the planned value (configuration plus planned computed values, unknown
 * ones to be set by the method); in {@link #read} the prior state, to be refreshed in place.
 *
 * <p>Cancellation: when the client sends StopProvider (Terraform and Capstan do on Ctrl-C),
 * the SDK interrupts every thread running provider code. A method that blocks should let
 * {@link InterruptedException} end it early and report an error diagnostic; a long loop
 * should check {@link Thread#isInterrupted()}.
 */
public interface Resource {

    ResourceSchema schema();

    /** Checks a configuration beyond what the schema says (values may still be unknown). */
    default void validate(ObjectData config, Diagnostics diags) {
    }

    /**
     * Adjusts the plan after the SDK applied defaults, unknowns and requires-replace
     * (e.g. a {@code triggers} map, or a value that can be computed while planning).
     */
    default void modifyPlan(PlanContext plan, Diagnostics diags) {
    }

    /** Creates the object; must set every computed attribute the plan left unknown. */
    void create(ObjectData planned, Diagnostics diags);

    /**
     * Refreshes {@code state} from the real world in place.
     *
     * @return false when the object no longer exists (Terraform then plans to create it again)
     */
    default boolean read(ObjectData state, Diagnostics diags) {
        return true;
    }

    /** Updates the object in place; {@code planned} becomes the new state. */
    default void update(ObjectData prior, ObjectData planned, Diagnostics diags) {
    }

    default void delete(ObjectData state, Diagnostics diags) {
    }

    /**
     * Fills {@code state} (all null) from an import id enough for {@link #read} to complete
     * it. The default says the resource type cannot be imported.
     */
    default void importState(String id, ObjectData state, Diagnostics diags) {
        diags.error("Resource Import Not Implemented",
                "This resource type does not support import. Create it with Terraform instead.");
    }

    /**
     * Rewrites stored state of an older schema version, as parsed JSON, into the current
     * schema's shape; attributes the schema no longer has are dropped afterwards anyway.
     */
    default com.fasterxml.jackson.databind.node.ObjectNode upgradeState(
            long fromVersion, com.fasterxml.jackson.databind.node.ObjectNode state, Diagnostics diags) {
        return state;
    }
}
