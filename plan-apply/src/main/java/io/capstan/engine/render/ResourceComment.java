package io.capstan.engine.render;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code # addr will be created} comment above each resource diff, with the reasons
 * Terraform adds ({@code (because ... is not in configuration)}, tainted, moved, imported...).
 */
final class ResourceComment {
    private ResourceComment() {
    }

    static String of(JsonNode rc, PlanAction action, boolean proposed) {
        String addr = rc.path("address").asText();
        String deposed = rc.path("deposed").asText("");
        String disp = deposed.isEmpty() ? addr : addr + " (deposed object " + deposed + ")";
        String reason = rc.path("action_reason").asText("");
        String prev = rc.path("previous_address").asText("");
        JsonNode importing = rc.path("change").get("importing");
        boolean isImporting = importing != null && !importing.isNull();
        boolean printedMoved = false;
        boolean printedImported = false;
        StringBuilder b = new StringBuilder();
        switch (action) {
            case CREATE -> b.append("[bold]  # ").append(disp).append("[reset] will be created");
            case READ -> {
                b.append("[bold]  # ").append(disp).append("[reset] will be read during apply");
                switch (reason) {
                    case "read_because_config_unknown" -> b.append("\n  # (config refers to values not yet known)");
                    case "read_because_dependency_pending" -> b.append("\n  # (depends on a resource or a module with changes pending)");
                    case "read_because_check_nested" -> b.append("\n  # (config will be reloaded to verify a check block)");
                    default -> { }
                }
            }
            case UPDATE -> b.append("[bold]  # ").append(disp).append(proposed ? "[reset] will be updated in-place" : "[reset] has changed");
            case CREATE_THEN_DELETE, DELETE_THEN_CREATE -> {
                switch (reason) {
                    case "replace_because_tainted" -> b.append("[bold]  # ").append(disp).append("[reset] is tainted, so must be [bold][red]replaced[reset]");
                    case "replace_by_request" -> b.append("[bold]  # ").append(disp).append("[reset] will be [bold][red]replaced[reset], as requested");
                    case "replace_by_triggers" -> b.append("[bold]  # ").append(disp).append("[reset] will be [bold][red]replaced[reset] due to changes in replace_triggered_by");
                    default -> b.append("[bold]  # ").append(disp).append("[reset] must be [bold][red]replaced[reset]");
                }
            }
            case DELETE -> {
                b.append("[bold]  # ").append(disp).append(proposed ? "[reset] will be [bold][red]destroyed[reset]" : "[reset] has been deleted");
                switch (reason) {
                    case "delete_because_no_resource_config" -> b.append("\n  # (because ").append(rc.path("type").asText())
                            .append('.').append(rc.path("name").asText()).append(" is not in configuration)");
                    case "delete_because_no_move_target" -> b.append("\n  # (because ").append(prev).append(" was moved to ")
                            .append(addr).append(", which is not in configuration)");
                    case "delete_because_no_module" -> b.append("\n  # (because ").append(rc.path("module_address").asText())
                            .append(" is not in configuration)");
                    case "delete_because_wrong_repetition" -> {
                        JsonNode index = rc.get("index");
                        if (index == null || index.isNull()) {
                            b.append("\n  # (because resource uses count or for_each)");
                        } else if (index.isNumber()) {
                            b.append("\n  # (because resource does not use count)");
                        } else {
                            b.append("\n  # (because resource does not use for_each)");
                        }
                    }
                    case "delete_because_count_index" -> b.append("\n  # (because index [").append(rc.path("index").toString())
                            .append("] is out of range for count)");
                    case "delete_because_each_key" -> b.append("\n  # (because key [").append(rc.path("index").toString())
                            .append("] is not in for_each map)");
                    default -> { }
                }
                if (!deposed.isEmpty()) {
                    b.append("\n  # (left over from a partially-failed replacement of this instance)");
                }
            }
            case FORGET -> b.append("[bold]  # ").append(disp).append("[reset] will be removed from the Terraform state [bold][red]but will not be destroyed[reset]");
            case NO_OP -> {
                if (!prev.isEmpty() && !prev.equals(addr)) {
                    b.append("[bold]  # ").append(prev).append("[reset] has moved to [bold]").append(disp).append("[reset]");
                    printedMoved = true;
                } else if (isImporting) {
                    b.append("[bold]  # ").append(disp).append("[reset] will be imported");
                    if (!rc.path("change").path("generated_config").asText("").isEmpty()) {
                        b.append("\n  #[reset] (config will be generated)");
                    }
                    printedImported = true;
                } else {
                    b.append(disp).append(" has an action the plan renderer doesn't support (this is a bug)");
                }
            }
        }
        b.append('\n');
        if (!prev.isEmpty() && !prev.equals(addr) && !printedMoved) {
            b.append("  # [reset](moved from ").append(prev).append(")\n");
        }
        if (isImporting && !printedImported) {
            String id = importing.path("id").asText("");
            if (!id.isEmpty()) {
                b.append("  # [reset](imported from \"").append(id).append("\")\n");
            } else {
                b.append("  # [reset](will be imported first)\n");
            }
        }
        return b.toString();
    }
}
