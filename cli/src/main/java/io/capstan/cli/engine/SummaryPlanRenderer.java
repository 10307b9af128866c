package io.capstan.cli.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The minimal plan renderer: Terraform's preamble, one {@code # ADDRESS will be created} line per
 * change, the {@code Plan: X to add, Y to change, Z to destroy.} line and output changes by name.
 */
public final class SummaryPlanRenderer implements PlanRenderer {
    @Override
    public String render(JsonNode plan, boolean color) {
        StringBuilder sb = new StringBuilder();
        List<String> lines = new ArrayList<>();
        int add = 0;
        int change = 0;
        int destroy = 0;
        boolean forgets = false;
        for (JsonNode rc : plan.path("resource_changes")) {
            List<String> acts = new ArrayList<>();
            rc.path("change").path("actions").forEach(a -> acts.add(a.asText()));
            String addr = rc.path("address").asText();
            String what = switch (String.join(",", acts)) {
                case "create" -> {
                    add++;
                    yield "will be created";
                }
                case "update" -> {
                    change++;
                    yield "will be updated in-place";
                }
                case "delete" -> {
                    destroy++;
                    yield "will be destroyed";
                }
                case "delete,create", "create,delete" -> {
                    add++;
                    destroy++;
                    yield "must be replaced";
                }
                case "read" -> "will be read during apply";
                case "forget" -> {
                    forgets = true;
                    yield "will no longer be managed by Terraform";
                }
                default -> null;
            };
            if (what != null) {
                lines.add("  # " + addr + " " + what);
            }
        }
        List<String> outputs = new ArrayList<>();
        plan.path("output_changes").fields().forEachRemaining(e -> {
            String acts = e.getValue().path("actions").toString();
            String sym = acts.contains("create") ? "+" : acts.contains("update") ? "~" : acts.contains("delete") ? "-" : null;
            if (sym != null) {
                outputs.add("  " + sym + " " + e.getKey());
            }
        });
        if (lines.isEmpty() && outputs.isEmpty()) {
            sb.append("\nNo changes. Your infrastructure matches the configuration.\n\n")
                    .append("Terraform has compared your real infrastructure against your configuration\n")
                    .append("and found no differences, so no changes are needed.\n");
            return sb.toString();
        }
        if (!lines.isEmpty()) {
            sb.append("\nTerraform will perform the following actions:\n\n");
            for (String l : lines) {
                sb.append(l).append("\n\n");
            }
            sb.append("Plan: ").append(add).append(" to add, ").append(change).append(" to change, ")
                    .append(destroy).append(" to destroy.");
            if (forgets) {
                sb.append(" ").append(lines.stream().filter(l -> l.endsWith("managed by Terraform")).count())
                        .append(" to forget.");
            }
            sb.append('\n');
        } else {
            sb.append("\nChanges to Outputs:\n");
        }
        if (!outputs.isEmpty()) {
            if (!lines.isEmpty()) {
                sb.append("\nChanges to Outputs:\n");
            }
            outputs.forEach(o -> sb.append(o).append('\n'));
        }
        return sb.toString();
    }
}
