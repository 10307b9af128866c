package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.List;
import java.util.Objects;

/**
 * A function call. {@code name} includes any namespace ({@code provider::aws::arn_parse});
 * {@code expandFinal} is true when the last argument is followed by {@code ...}.
 */
public record FunctionCallExpr(String name, List<Expression> args, boolean expandFinal, SourceRange range,
                               SourceRange nameRange, SourceRange openParenRange, SourceRange closeParenRange)
        implements Expression {
    public FunctionCallExpr {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(nameRange, "nameRange");
        Objects.requireNonNull(openParenRange, "openParenRange");
        Objects.requireNonNull(closeParenRange, "closeParenRange");
    }
}
