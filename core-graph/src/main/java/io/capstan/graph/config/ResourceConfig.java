package io.capstan.graph.config;

import io.capstan.graph.addrs.Resource;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.body.Body;
import io.capstan.hcl.diag.SourceRange;

import java.util.List;
import java.util.Objects;

/**
 * A {@code resource} or {@code data} block. {@code config} is the body left after the
 * meta-arguments were taken out; it is decoded against the provider's schema later.
 * {@code provider} is null when the block does not name one (the default configuration of
 * the implied provider is used).
 */
public record ResourceConfig(Resource addr, Expression count, Expression forEach, ProviderRef provider,
                             List<Expression> dependsOn, Lifecycle lifecycle, List<Provisioner> provisioners,
                             Body connection, Body config, SourceRange declRange, SourceRange typeRange) {
    public ResourceConfig {
        Objects.requireNonNull(addr, "addr");
        dependsOn = List.copyOf(dependsOn);
        Objects.requireNonNull(lifecycle, "lifecycle");
        provisioners = List.copyOf(provisioners);
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(declRange, "declRange");
    }

    /** The provider local name used: the explicit one or the type's prefix. */
    public String providerLocalName() {
        return provider != null ? provider.localName() : addr.impliedProviderType();
    }
}
