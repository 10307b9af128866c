package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** {@code collection[key]} where the key is not a literal (literal keys become traversal steps). */
public record IndexExpr(Expression collection, Expression key, SourceRange range, SourceRange bracketRange)
        implements Expression {
    public IndexExpr {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(bracketRange, "bracketRange");
    }
}
