package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** A unary {@code !} or {@code -}. */
public record UnaryOpExpr(Operation op, Expression val, SourceRange range, SourceRange symbolRange) implements Expression {
    public UnaryOpExpr {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(val, "val");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(symbolRange, "symbolRange");
    }
}
