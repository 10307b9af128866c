package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/**
 * A for expression: {@code [for k, v in coll : val if cond]} (keyExpr null) or
 * {@code {for k, v in coll : key => val... if cond}} (keyExpr set; {@code group} when
 * {@code ...} follows the value). {@code keyVar}, {@code keyExpr} and {@code condExpr} may be null.
 */
public record ForExpr(String keyVar, String valVar, Expression collExpr, Expression keyExpr,
                      Expression valExpr, Expression condExpr, boolean group, SourceRange range,
                      SourceRange openRange, SourceRange closeRange) implements Expression {
    public ForExpr {
        Objects.requireNonNull(valVar, "valVar");
        Objects.requireNonNull(collExpr, "collExpr");
        Objects.requireNonNull(valExpr, "valExpr");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(openRange, "openRange");
        Objects.requireNonNull(closeRange, "closeRange");
    }

    /** True for the object form {@code {for ... : k => v}}. */
    public boolean isObject() {
        return keyExpr != null;
    }
}
