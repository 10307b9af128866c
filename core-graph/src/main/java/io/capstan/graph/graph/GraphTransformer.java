package io.capstan.graph.graph;

/**
 * One small step of graph construction (Terraform's {@code GraphTransformer}): adds nodes or
 * edges, or reports diagnostics. A step must run in time linear in the nodes and references
 * it touches.
 */
@FunctionalInterface
public interface GraphTransformer {
    void transform(GraphBuild build);
}
