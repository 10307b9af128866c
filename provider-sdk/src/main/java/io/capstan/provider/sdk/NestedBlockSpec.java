package io.capstan.provider.sdk;

import io.capstan.provider.schema.NestingMode;
import java.util.Objects;

/**
 * A nested block type in a schema ({@code rule { ... }}), with how many may appear and how
 * they are collected: {@code SINGLE} (one object or null), {@code LIST}, {@code SET} or
 * {@code MAP} (labelled blocks). Changing any attribute of a nested block with
 * {@code requiresReplace} set replaces the object.
 */
public record NestedBlockSpec(String typeName, BlockSpec block, NestingMode nesting, int minItems, int maxItems,
                              boolean forcesReplacement) {
    public NestedBlockSpec {
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(nesting, "nesting");
    }

    public static NestedBlockSpec of(String typeName, NestingMode nesting, BlockSpec block) {
        return new NestedBlockSpec(typeName, block, nesting, 0, 0, false);
    }

    public NestedBlockSpec items(int min, int max) {
        return new NestedBlockSpec(typeName, block, nesting, min, max, forcesReplacement);
    }

    public NestedBlockSpec requiresReplace() {
        return new NestedBlockSpec(typeName, block, nesting, minItems, maxItems, true);
    }
}
