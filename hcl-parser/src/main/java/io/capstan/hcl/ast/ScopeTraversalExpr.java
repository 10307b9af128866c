package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** A variable followed by static attribute and literal-index steps, e.g. {@code var.a[0].b}. */
public record ScopeTraversalExpr(Traversal traversal, SourceRange range) implements Expression {
    public ScopeTraversalExpr {
        Objects.requireNonNull(traversal, "traversal");
        Objects.requireNonNull(range, "range");
    }
}
