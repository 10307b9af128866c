package io.capstan.graph.config;

import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.diag.SourceRange;

import java.util.List;
import java.util.Objects;

/** A {@code removed} block: the address no longer in configuration and whether to destroy it. */
public record Removed(Traversal from, boolean destroy, List<Provisioner> provisioners, SourceRange declRange) {
    public Removed {
        provisioners = List.copyOf(provisioners);
        Objects.requireNonNull(declRange, "declRange");
    }
}
