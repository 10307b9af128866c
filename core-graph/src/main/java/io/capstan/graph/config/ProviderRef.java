package io.capstan.graph.config;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/**
 * A reference to a provider configuration by its local name and optional alias, as written in a
 * resource's {@code provider = aws.east} or a module call's {@code providers} map.
 */
public record ProviderRef(String localName, String alias, SourceRange range) {
    public ProviderRef {
        Objects.requireNonNull(localName, "localName");
    }

    @Override
    public String toString() {
        return alias == null ? localName : localName + "." + alias;
    }
}
