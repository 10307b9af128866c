package io.capstan.provider.schema;

import java.util.Objects;

/** One parameter of a provider-defined function. */
public record FunctionParameter(String name, TypeExpr type, boolean allowNullValue,
                                boolean allowUnknownValues, String description,
                                DescriptionKind descriptionKind) {
    public FunctionParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        descriptionKind = descriptionKind == null ? DescriptionKind.PLAIN : descriptionKind;
    }
}
