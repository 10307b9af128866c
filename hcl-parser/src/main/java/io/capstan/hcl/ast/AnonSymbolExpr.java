package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/**
 * The placeholder that stands for each element in a splat's {@code each} expression. Its
 * identity is the instance (equality is identity), as HCL's pointer-keyed symbol.
 */
public final class AnonSymbolExpr implements Expression {
    private final SourceRange range;

    public AnonSymbolExpr(SourceRange range) {
        this.range = Objects.requireNonNull(range, "range");
    }

    @Override
    public SourceRange range() {
        return range;
    }

    @Override
    public String toString() {
        return "AnonSymbolExpr[" + range + "]";
    }
}
