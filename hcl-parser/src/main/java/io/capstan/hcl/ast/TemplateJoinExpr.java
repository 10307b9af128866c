package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** A {@code %{for}} template directive: {@code tuple} is a for-expression producing the strings to concatenate. */
public record TemplateJoinExpr(Expression tuple, SourceRange range) implements Expression {
    public TemplateJoinExpr {
        Objects.requireNonNull(tuple, "tuple");
        Objects.requireNonNull(range, "range");
    }
}
