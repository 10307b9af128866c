package io.capstan.graph.config;

import io.capstan.hcl.ast.Expression;

import java.util.List;

/**
 * A resource's {@code lifecycle} block. {@code ignoreChanges} holds the traversals written
 * (empty with {@code ignoreAllChanges} for {@code ignore_changes = all}).
 */
public record Lifecycle(boolean createBeforeDestroy, boolean preventDestroy, List<Expression> ignoreChanges,
                        boolean ignoreAllChanges, List<Expression> replaceTriggeredBy,
                        List<CheckRule> preconditions, List<CheckRule> postconditions) {
    public static final Lifecycle DEFAULT = new Lifecycle(false, false, List.of(), false, List.of(), List.of(), List.of());

    public Lifecycle {
        ignoreChanges = List.copyOf(ignoreChanges);
        replaceTriggeredBy = List.copyOf(replaceTriggeredBy);
        preconditions = List.copyOf(preconditions);
        postconditions = List.copyOf(postconditions);
    }
}
