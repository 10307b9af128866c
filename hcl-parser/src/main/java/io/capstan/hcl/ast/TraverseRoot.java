package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** The variable name a traversal starts from ({@code var} in {@code var.a}). */
public record TraverseRoot(String name, SourceRange range) implements Traverser {
    public TraverseRoot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(range, "range");
    }
}
