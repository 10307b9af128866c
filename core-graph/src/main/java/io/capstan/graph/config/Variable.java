package io.capstan.graph.config;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.value.TypeConstraint;

import java.util.List;
import java.util.Objects;

/**
 * A {@code variable} block. {@code type} is {@code any} when no constraint was written;
 * {@code defaultExpr} is null when the variable is required.
 */
public record Variable(String name, TypeConstraint type, boolean typeGiven, Expression defaultExpr, String description,
                       List<CheckRule> validations, boolean sensitive, boolean nullable, boolean ephemeral,
                       SourceRange declRange) {
    public Variable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        validations = List.copyOf(validations);
        Objects.requireNonNull(declRange, "declRange");
    }

    public boolean required() {
        return defaultExpr == null;
    }
}
