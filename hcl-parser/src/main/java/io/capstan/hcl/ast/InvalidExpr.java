package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** Stands in for an expression that failed to parse; a diagnostic was already reported, so it evaluates silently to an unknown value. */
public record InvalidExpr(SourceRange range) implements Expression {
    public InvalidExpr {
        Objects.requireNonNull(range, "range");
    }
}
