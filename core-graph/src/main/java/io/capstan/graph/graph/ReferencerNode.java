package io.capstan.graph.graph;

import io.capstan.graph.addrs.ModulePath;
import io.capstan.graph.addrs.Reference;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Diagnostics;

import java.util.List;

/**
 * A node whose expressions refer to other objects. References resolve in
 * {@link #referenceScope()}, which is the parent module for a module's input variables.
 */
public interface ReferencerNode extends GraphNode {
    /** The expressions whose references create dependencies (including {@code depends_on} entries). */
    List<Expression> referenceExpressions();

    /** Whether {@code count.index} is available in this node's expressions. */
    default boolean hasCount() {
        return false;
    }

    /** Whether {@code each.key}/{@code each.value} are available. */
    default boolean hasForEach() {
        return false;
    }

    default ModulePath referenceScope() {
        return module();
    }

    /** The parsed references; computed once per node by the reference transformer. */
    default List<Reference> references(Diagnostics diags) {
        return io.capstan.graph.addrs.References.of(referenceExpressions(), diags);
    }
}
