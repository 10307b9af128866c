package io.capstan.graph.config;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** One named value of a {@code locals} block. */
public record Local(String name, Expression expr, SourceRange declRange) {
    public Local {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(declRange, "declRange");
    }
}
