package io.capstan.provider.schema;

import java.util.Objects;

/** A block type nested in another block, e.g. {@code ingress} inside {@code aws_security_group}. */
public record NestedBlock(String typeName, Block block, NestingMode nesting, long minItems, long maxItems) {
    public NestedBlock {
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(nesting, "nesting");
    }
}
