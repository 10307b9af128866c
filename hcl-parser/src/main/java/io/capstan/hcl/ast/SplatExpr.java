package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/**
 * A splat: {@code source[*].a.b} or the legacy attribute-only {@code source.*.a}.
 * {@code each} is evaluated once per element of the source with {@code item} bound to
 * the element; a non-list, non-null source is treated as a one-element list, null as empty.
 */
public record SplatExpr(Expression source, Expression each, AnonSymbolExpr item, SourceRange range,
                        SourceRange markerRange) implements Expression {
    public SplatExpr {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(each, "each");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(markerRange, "markerRange");
    }
}
