package io.capstan.engine.walk;

import io.capstan.hcl.diag.Diagnostics;
import java.util.Map;

/** The outcome of every node of a walk and all diagnostics the nodes reported, together. */
public record WalkResult<V>(Map<V, NodeOutcome> outcomes, Diagnostics diagnostics) {
    public WalkResult {
        outcomes = Map.copyOf(outcomes);
    }

    public boolean hasErrors() {
        return diagnostics.hasErrors();
    }
}
