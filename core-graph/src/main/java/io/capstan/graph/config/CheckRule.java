package io.capstan.graph.config;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/**
 * A {@code validation}, {@code precondition}, {@code postcondition} or check {@code assert}
 * block: a condition that must hold and the message shown when it does not.
 */
public record CheckRule(Expression condition, Expression errorMessage, SourceRange declRange) {
    public CheckRule {
        Objects.requireNonNull(declRange, "declRange");
    }
}
