package io.capstan.graph.config;

import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** A {@code moved} block: the old and new addresses, as written (static traversals). */
public record Moved(Traversal from, Traversal to, SourceRange declRange) {
    public Moved {
        Objects.requireNonNull(declRange, "declRange");
    }
}
