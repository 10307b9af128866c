package io.capstan.engine.plan;

import java.util.List;

/**
 * What a plan does to one resource instance, with Terraform's names for the JSON plan's
 * {@code actions} array ({@code ["delete","create"]} for destroy-then-create replacement).
 */
public enum Action {
    NO_OP(List.of("no-op")),
    CREATE(List.of("create")),
    READ(List.of("read")),
    UPDATE(List.of("update")),
    DELETE_THEN_CREATE(List.of("delete", "create")),
    CREATE_THEN_DELETE(List.of("create", "delete")),
    DELETE(List.of("delete")),
    FORGET(List.of("forget"));

    private final List<String> json;

    Action(List<String> json) {
        this.json = json;
    }

    /** The JSON plan's {@code actions} value. */
    public List<String> json() {
        return json;
    }

    public boolean isReplace() {
        return this == DELETE_THEN_CREATE || this == CREATE_THEN_DELETE;
    }

    /** True when applying this change calls the provider. */
    public boolean changes() {
        return this != NO_OP && this != FORGET;
    }
}
