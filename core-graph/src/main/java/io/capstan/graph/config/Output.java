package io.capstan.graph.config;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.SourceRange;

import java.util.List;
import java.util.Objects;

/** An {@code output} block. {@code value} is null only when decoding reported it missing. */
public record Output(String name, Expression value, String description, boolean sensitive, boolean ephemeral,
                     List<Expression> dependsOn, List<CheckRule> preconditions, SourceRange declRange) {
    public Output {
        Objects.requireNonNull(name, "name");
        dependsOn = List.copyOf(dependsOn);
        preconditions = List.copyOf(preconditions);
        Objects.requireNonNull(declRange, "declRange");
    }
}
