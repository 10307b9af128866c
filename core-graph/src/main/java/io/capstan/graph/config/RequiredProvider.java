package io.capstan.graph.config;

import io.capstan.graph.addrs.Provider;
import io.capstan.hcl.diag.SourceRange;

import java.util.List;
import java.util.Objects;

/** One entry of {@code required_providers}: the local name, its source address and version constraint. */
public record RequiredProvider(String name, Provider provider, String versionConstraint,
                               List<String> configurationAliases, SourceRange declRange) {
    public RequiredProvider {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        configurationAliases = List.copyOf(configurationAliases);
    }
}
