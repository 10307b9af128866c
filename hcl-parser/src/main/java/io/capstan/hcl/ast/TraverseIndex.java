package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** A literal index step: {@code [0]}, {@code ["key"]} or the legacy {@code .0}. */
public record TraverseIndex(Literal key, SourceRange range) implements Traverser {
    public TraverseIndex {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(range, "range");
    }
}
