package io.capstan.graph.config;

import io.capstan.hcl.diag.SourceRange;

import java.util.List;
import java.util.Objects;

/** A {@code check "name"} block: an optional scoped data source and its {@code assert} rules. */
public record Check(String name, ResourceConfig dataResource, List<CheckRule> asserts, SourceRange declRange) {
    public Check {
        Objects.requireNonNull(name, "name");
        asserts = List.copyOf(asserts);
        Objects.requireNonNull(declRange, "declRange");
    }
}
