package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** A binary operation. */
public record BinaryOpExpr(Expression lhs, Operation op, Expression rhs, SourceRange range) implements Expression {
    public BinaryOpExpr {
        Objects.requireNonNull(lhs, "lhs");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(rhs, "rhs");
        Objects.requireNonNull(range, "range");
    }
}
