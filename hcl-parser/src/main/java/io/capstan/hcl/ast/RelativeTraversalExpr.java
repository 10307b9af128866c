package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.List;
import java.util.Objects;

/** Static attribute/index steps applied to the result of a non-variable expression, e.g. {@code f(x).a[0]}. */
public record RelativeTraversalExpr(Expression source, List<Traverser> traversal, SourceRange range)
        implements Expression {
    public RelativeTraversalExpr {
        Objects.requireNonNull(source, "source");
        traversal = List.copyOf(traversal);
        Objects.requireNonNull(range, "range");
    }
}
