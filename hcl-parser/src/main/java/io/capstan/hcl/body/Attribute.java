package io.capstan.hcl.body;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/**
 * An argument {@code name = expr} of a body, in either syntax. {@code range} covers the
 * whole definition, {@code nameRange} just the name (the subject of most diagnostics).
 */
public record Attribute(String name, Expression expr, SourceRange range, SourceRange nameRange) {
    public Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(nameRange, "nameRange");
    }
}
