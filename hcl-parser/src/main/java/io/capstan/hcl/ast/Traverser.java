package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

/** One step of a {@link Traversal}: a root name, an attribute access or a literal index. */
public sealed interface Traverser permits TraverseRoot, TraverseAttr, TraverseIndex {
    SourceRange range();
}
