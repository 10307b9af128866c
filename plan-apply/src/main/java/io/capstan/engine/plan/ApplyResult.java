package io.capstan.engine.plan;

import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.value.Value;
import java.util.Map;

/** What an apply did: the resulting live state, diagnostics, counts, and the root outputs. */
public record ApplyResult(LiveState state, Diagnostics diagnostics, int added, int changed, int destroyed,
                          Map<String, Value> outputs, Map<String, Boolean> sensitiveOutputs) {
}
