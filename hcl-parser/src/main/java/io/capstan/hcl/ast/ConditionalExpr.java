package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** {@code cond ? a : b}; also the form of a {@code %{if}} template directive. */
public record ConditionalExpr(Expression condition, Expression trueResult, Expression falseResult, SourceRange range) implements Expression {
    public ConditionalExpr {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(trueResult, "trueResult");
        Objects.requireNonNull(falseResult, "falseResult");
        Objects.requireNonNull(range, "range");
    }
}
