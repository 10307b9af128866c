package io.capstan.hcl.value;

import java.util.Objects;

/**
 * A mark carried by a value through every operation: {@link #SENSITIVE} (redacted in
 * output, "(sensitive value)") and {@link #EPHEMERAL} (never persisted). Marks are compared
 * by name so later phases can add their own.
 */
public record Mark(String name) {
    public static final Mark SENSITIVE = new Mark("sensitive");
    public static final Mark EPHEMERAL = new Mark("ephemeral");

    public Mark {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return name;
    }
}
