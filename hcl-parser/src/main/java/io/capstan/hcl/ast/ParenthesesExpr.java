package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** An expression in parentheses (kept so that object keys and formatting can tell). */
public record ParenthesesExpr(Expression wrapped, SourceRange range) implements Expression {
    public ParenthesesExpr {
        Objects.requireNonNull(wrapped, "wrapped");
        Objects.requireNonNull(range, "range");
    }
}
