package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

/** One step of a {@link Traversal}: a root name, an attribute access or a literal index. */
public sealed interface Traverser permits TraverseRoot, TraverseAttr, TraverseIndex {
    SourceRange range();

    /**
     * The step's name: a root's ({@code var} in {@code var.a}) or an attribute's ({@code a}); null for an
     * index step. {@link TraverseRoot} and {@link TraverseAttr} answer with their record component.
     */
    default String name() {
        return null;
    }
}
