package io.capstan.graph.graph;

import java.util.ArrayList;

/**
 * Makes every node of a called module depend on its call's expansion node, so the call's
 * {@code count}, {@code for_each} and {@code depends_on} are resolved before the child's
 * contents. One edge per node: linear.
 */
public final class ModuleExpansionTransformer implements GraphTransformer {
    @Override
    public void transform(GraphBuild b) {
        for (GraphNode n : new ArrayList<>(b.nodes())) {
            if (n.module().isRoot() || n instanceof ProviderNode) {
                continue;
            }
            GraphNode call = b.lookup(n.module().parent(), "module." + n.module().names().get(n.module().names().size() - 1));
            if (call != null) {
                b.connect(n, call);
            }
        }
    }
}
