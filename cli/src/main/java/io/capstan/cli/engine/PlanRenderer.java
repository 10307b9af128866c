package io.capstan.cli.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a plan, in Terraform's JSON plan format, into what a person reads. The full renderer
 * (per-attribute diffs) plugs in here; {@link SummaryPlanRenderer} is the minimal one.
 */
public interface PlanRenderer {
    String render(JsonNode planJson, boolean color);
}
