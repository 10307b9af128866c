package io.capstan.provider.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The type of a protocol-6 nested attribute: an object of attributes (each with its own
 * flags), repeated as {@code nesting} says (SINGLE, LIST, SET or MAP).
 */
public record NestedType(Map<String, Attribute> attributes, NestingMode nesting) {
    public NestedType {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        Objects.requireNonNull(nesting, "nesting");
        if (nesting == NestingMode.GROUP) {
            throw new IllegalArgumentException("nested attribute types cannot use GROUP nesting");
        }
    }
}
