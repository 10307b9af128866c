package io.capstan.engine.render;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The action of a change as the renderers see it: Terraform's {@code plans.Action}, including
 * the two replace orders and {@code forget}. Parsed from the JSON plan's {@code actions} array.
 */
public enum PlanAction {
    NO_OP, CREATE, READ, UPDATE, DELETE, DELETE_THEN_CREATE, CREATE_THEN_DELETE, FORGET;

    /** The action named by a JSON plan {@code actions} array, e.g. {@code ["delete","create"]}. */
    public static PlanAction fromJson(JsonNode actions) {
        if (actions == null || actions.size() == 0) {
            return NO_OP;
        }
        String first = actions.get(0).asText();
        if (actions.size() == 2) {
            String second = actions.get(1).asText();
            if (first.equals("delete") && second.equals("create")) {
                return DELETE_THEN_CREATE;
            }
            if (first.equals("create") && second.equals("delete")) {
                return CREATE_THEN_DELETE;
            }
        }
        return switch (first) {
            case "create" -> CREATE;
            case "read" -> READ;
            case "update" -> UPDATE;
            case "delete" -> DELETE;
            case "forget" -> FORGET;
            default -> NO_OP;
        };
    }

    /** Terraform's coloured action marker, three columns wide ({@code "  +"}, {@code "-/+"}...). */
    String symbol() {
        return switch (this) {
            case DELETE_THEN_CREATE -> "[red]-[reset]/[green]+[reset]";
            case CREATE_THEN_DELETE -> "[green]+[reset]/[red]-[reset]";
            case CREATE -> "  [green]+[reset]";
            case DELETE -> "  [red]-[reset]";
            case READ -> " [cyan]<=[reset]";
            case UPDATE -> "  [yellow]~[reset]";
            case NO_OP -> "   ";
            case FORGET -> "  [red].[reset]";
        };
    }

    /** Folds a child's action into the running action of its parent collection. */
    static PlanAction compare(PlanAction current, PlanAction next) {
        if (next == NO_OP) {
            return current;
        }
        return current != next ? UPDATE : current;
    }
}
