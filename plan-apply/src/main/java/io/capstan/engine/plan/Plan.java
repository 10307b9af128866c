package io.capstan.engine.plan;

import io.capstan.engine.state.StateFile;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.value.Value;
import java.util.List;
import java.util.Map;

/**
 * The result of planning: resource changes in address order, root output changes, the
 * refreshed prior state the plan was made against, the root variable values used, and the
 * diagnostics. {@code priorState} lineage and serial identify what a saved plan may apply to.
 *
 * @param outputs           planned root output values (unknown where apply decides), for the JSON plan
 * @param previousAddresses instance addresses {@code moved} blocks moved: new address to the prior one
 * @param checks            the check blocks' results as planned ({@code checks} in the JSON plan)
 * @param drift             what the refresh found changed ({@code update}) or deleted ({@code delete}) outside
 *                          Capstan, in address order: terraform's {@code resource_drift}
 */
public record Plan(PlanMode mode, List<ResourceChange> changes, List<OutputChange> outputChanges,
                   Map<String, Value> outputs, Map<String, Boolean> sensitiveOutputs, StateFile priorState,
                   Map<String, Value> variables, Diagnostics diagnostics, Map<String, String> previousAddresses,
                   List<CheckResult> checks, List<ResourceChange> drift) {
    public Plan {
        checks = checks == null ? List.of() : List.copyOf(checks);
        drift = drift == null ? List.of() : List.copyOf(drift);
        changes = List.copyOf(changes);
        outputChanges = List.copyOf(outputChanges);
        previousAddresses = previousAddresses == null ? Map.of() : Map.copyOf(previousAddresses);
    }

    public Plan(PlanMode mode, List<ResourceChange> changes, List<OutputChange> outputChanges,
                Map<String, Value> outputs, Map<String, Boolean> sensitiveOutputs, StateFile priorState,
                Map<String, Value> variables, Diagnostics diagnostics, Map<String, String> previousAddresses) {
        this(mode, changes, outputChanges, outputs, sensitiveOutputs, priorState, variables, diagnostics,
                previousAddresses, List.of(), List.of());
    }

    public Plan(PlanMode mode, List<ResourceChange> changes, List<OutputChange> outputChanges,
                Map<String, Value> outputs, Map<String, Boolean> sensitiveOutputs, StateFile priorState,
                Map<String, Value> variables, Diagnostics diagnostics) {
        this(mode, changes, outputChanges, outputs, sensitiveOutputs, priorState, variables, diagnostics, Map.of());
    }

    /** The address {@code c} had before a {@code moved} block moved it, or null. */
    public String previousAddress(ResourceChange c) {
        return c.deposed() == null ? previousAddresses.get(c.address()) : null;
    }

    public boolean hasErrors() {
        return diagnostics.hasErrors();
    }

    /** Counts for "Plan: X to add, Y to change, Z to destroy." */
    public int[] counts() {
        int add = 0;
        int change = 0;
        int destroy = 0;
        for (ResourceChange c : changes) {
            switch (c.action()) {
                case CREATE -> add++;
                case UPDATE -> change++;
                case DELETE -> destroy++;
                case DELETE_THEN_CREATE, CREATE_THEN_DELETE -> {
                    add++;
                    destroy++;
                }
                default -> {
                }
            }
        }
        return new int[]{add, change, destroy};
    }

    /** How many instances the plan imports ("Plan: N to import, ..."). */
    public int imports() {
        return (int) changes.stream().filter(c -> c.importId() != null).count();
    }

    /**
     * Terraform's {@code applyable}: no errors and something to apply. A refresh-only plan applies
     * what its refresh found and its output values; terraform leaves out an output change whose new
     * value is not wholly known (nothing can be saved for it), so a refresh-only plan of an empty state
     * whose outputs all refer to resources is not applyable, though it shows output changes.
     */
    public boolean applyable() {
        if (hasErrors()) {
            return false;
        }
        if (mode != PlanMode.REFRESH_ONLY) {
            return hasChanges();
        }
        return !drift.isEmpty() || outputChanges.stream().anyMatch(o -> o.action() != Action.NO_OP
                && (o.after() == null || o.after().isWhollyKnown()));
    }

    /** True when applying would change anything: a resource change, a move or an output change. */
    public boolean hasChanges() {
        // loops rather than lambdas: each lambda call site costs every CLI run its bootstrap (#6)
        for (var c : changes) {
            if (c.action() != Action.NO_OP || c.importId() != null || previousAddress(c) != null) {
                return true;
            }
        }
        for (var o : outputChanges) {
            if (o.action() != Action.NO_OP) {
                return true;
            }
        }
        return false;
    }
}
