package io.capstan.graph.graph;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The nearest resources each node depends on, looking through variables, locals, outputs and
 * module calls: the projection Terraform's default {@code graph} output draws. Results for
 * non-resource nodes are memoized, so shared intermediate values are walked once.
 */
public final class ResourceDependencies {
    private final DependencyFold<Set<GraphNode>> fold;

    public ResourceDependencies(Graph<GraphNode, DefaultEdge> graph) {
        this.fold = new DependencyFold<>(graph,
                t -> !(t instanceof ResourceNode) && !(t instanceof ProviderNode),
                LinkedHashSet::new,
                (out, t, through) -> {
                    if (t instanceof ResourceNode) {
                        out.add(t);
                    } else if (through != null) {
                        out.addAll(through);
                    }
                });
    }

    /** The resources {@code n} depends on directly or only through non-resource nodes. */
    public Set<GraphNode> of(GraphNode n) {
        return fold.fresh(n);
    }
}
