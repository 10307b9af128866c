package io.capstan.graph.config;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** An {@code import} block: the target address expression, the id (or identity) and options. */
public record Import(Expression to, Expression id, ProviderRef provider, Expression forEach, SourceRange declRange) {
    public Import {
        Objects.requireNonNull(declRange, "declRange");
    }
}
