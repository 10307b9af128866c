package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.List;
import java.util.Objects;

/** A tuple constructor {@code [a, b, c]}. */
public record TupleConsExpr(List<Expression> exprs, SourceRange range, SourceRange openRange) implements Expression {
    public TupleConsExpr {
        exprs = List.copyOf(exprs);
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(openRange, "openRange");
    }
}
