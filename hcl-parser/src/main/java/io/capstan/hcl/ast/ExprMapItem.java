package io.capstan.hcl.ast;

import java.util.Objects;

/** One key/value pair of a static map expression, see {@link Exprs#exprMap}. */
public record ExprMapItem(Expression key, Expression value) {
    public ExprMapItem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
