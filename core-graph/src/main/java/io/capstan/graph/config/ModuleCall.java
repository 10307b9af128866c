package io.capstan.graph.config;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.body.Body;
import io.capstan.hcl.diag.SourceRange;

import java.util.List;
import java.util.Objects;

/**
 * A {@code module "name"} call. {@code config} holds the input-variable arguments (the
 * body without meta-arguments). {@code providers} pairs the child's provider name with the
 * parent's configuration passed to it.
 */
public record ModuleCall(String name, String source, SourceRange sourceRange, Expression version,
                         Expression count, Expression forEach, List<PassedProvider> providers,
                         List<Expression> dependsOn, Body config, SourceRange declRange) {

    /** One entry of {@code providers = { aws.child = aws.parent }}. */
    public record PassedProvider(ProviderRef inChild, ProviderRef inParent) {
    }

    public ModuleCall {
        Objects.requireNonNull(name, "name");
        providers = List.copyOf(providers);
        dependsOn = List.copyOf(dependsOn);
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(declRange, "declRange");
    }
}
