package io.capstan.provider.schema;

import java.util.List;
import java.util.Objects;

/**
 * A provider-defined function ({@code provider::aws::arn_parse(...)}): positional
 * parameters, an optional variadic parameter (null when absent) and the return type.
 */
public record FunctionSignature(List<FunctionParameter> parameters, FunctionParameter variadicParameter,
                                TypeExpr returnType, String summary, String description,
                                DescriptionKind descriptionKind, String deprecationMessage) {
    public FunctionSignature {
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(returnType, "returnType");
        summary = summary == null ? "" : summary;
        description = description == null ? "" : description;
        descriptionKind = descriptionKind == null ? DescriptionKind.PLAIN : descriptionKind;
        deprecationMessage = deprecationMessage == null ? "" : deprecationMessage;
    }
}
