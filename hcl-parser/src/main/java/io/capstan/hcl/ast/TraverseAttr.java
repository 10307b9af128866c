package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** An attribute access step {@code .name}. */
public record TraverseAttr(String name, SourceRange range) implements Traverser {
    public TraverseAttr {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(range, "range");
    }
}
