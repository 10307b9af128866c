package io.capstan.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One root-module output recorded in state: its value as JSON, its type in Terraform's
 * JSON type syntax ({@code "string"}, {@code ["tuple", ["string"]]}) and whether it is sensitive.
 */
public record OutputState(JsonNode value, JsonNode type, boolean sensitive) {
    public OutputState {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
    }

    /**
     * The record's own equality (every component, as {@code Object.equals}), written out: see
     * {@link StateFile#equals}. {@code hashCode} stays the generated one.
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof OutputState x && sensitive == x.sensitive && value.equals(x.value)
                && type.equals(x.type);
    }
}
