package io.capstan.graph.graph;

import io.capstan.graph.addrs.ModulePath;
import io.capstan.graph.addrs.Reference;
import io.capstan.graph.addrs.References;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * A node whose expressions refer to other objects. References resolve in
 * {@link #referenceScope()}, which is the parent module for a module's input variables.
 */
public interface ReferencerNode extends GraphNode {
    /** The expressions whose references create dependencies (including {@code depends_on} entries). */
    List<Expression> referenceExpressions();

    /**
     * The expressions among {@link #referenceExpressions()} that are only read as references, never
     * evaluated ({@code depends_on}, {@code replace_triggered_by}): terraform checks references
     * against the configuration's {@code count}/{@code for_each} when it evaluates an expression, so
     * these skip that check.
     */
    default List<Expression> referenceOnlyExpressions() {
        return List.of();
    }

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

    /**
     * The parsed references, grouped as terraform evaluates them: each group is one expression, or
     * one block body evaluated as a whole (its references are checked together). Computed once per
     * node by the reference transformer.
     */
    default List<List<Reference>> referenceUnits(Diagnostics diags) {
        List<List<Reference>> out = new ArrayList<>();
        for (Expression e : referenceExpressions()) {
            out.add(References.of(List.of(e), diags));
        }
        return out;
    }
}
