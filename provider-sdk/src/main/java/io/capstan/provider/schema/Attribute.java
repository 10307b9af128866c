package io.capstan.provider.schema;

import java.util.Objects;

/**
 * One attribute of a schema block. Exactly one of {@code type} (a plain type) and
 * {@code nestedType} (protocol 6 nested attributes) is set.
 */
public record Attribute(String name, TypeExpr type, NestedType nestedType, String description,
                        DescriptionKind descriptionKind, boolean required, boolean optional,
                        boolean computed, boolean sensitive, boolean deprecated, boolean writeOnly,
                        String deprecationMessage) {
    public Attribute {
        Objects.requireNonNull(name, "name");
        if ((type == null) == (nestedType == null)) {
            throw new IllegalArgumentException(
                    "attribute \"" + name + "\" must have exactly one of a type and a nested type");
        }
        description = description == null ? "" : description;
        descriptionKind = descriptionKind == null ? DescriptionKind.PLAIN : descriptionKind;
        deprecationMessage = deprecationMessage == null ? "" : deprecationMessage;
    }

    /** A plain attribute with only the flags that matter most; handy for tests and SDK code. */
    public static Attribute of(String name, TypeExpr type, boolean required, boolean optional, boolean computed) {
        return new Attribute(name, type, null, "", DescriptionKind.PLAIN, required, optional, computed,
                false, false, false, "");
    }
}
