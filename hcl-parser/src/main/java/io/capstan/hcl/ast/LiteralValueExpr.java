package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** A literal number, bool or null (or a literal string part of a template). */
public record LiteralValueExpr(Literal value, SourceRange range) implements Expression {
    public LiteralValueExpr {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(range, "range");
    }
}
