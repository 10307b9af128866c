package io.capstan.graph.addrs;

import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.diag.SourceRange;

import java.util.List;
import java.util.Objects;

/**
 * A static reference found in an expression without evaluating it: what it names, where it
 * is written, and the traversal steps that remain after the subject (e.g. {@code .id}).
 */
public record Reference(Referenceable subject, SourceRange range, List<Traverser> remaining) {
    public Reference {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(range, "range");
        remaining = List.copyOf(remaining);
    }
}
