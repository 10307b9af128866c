package io.capstan.graph.config;

import io.capstan.hcl.body.Body;
import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** A {@code provider "name"} configuration block, with its optional {@code alias}. */
public record ProviderConfig(String name, String alias, Body config, SourceRange declRange) {
    public ProviderConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(declRange, "declRange");
    }

    /** {@code aws} or {@code aws.east}, the key used by resources' {@code provider} arguments. */
    public String key() {
        return alias == null ? name : name + "." + alias;
    }
}
