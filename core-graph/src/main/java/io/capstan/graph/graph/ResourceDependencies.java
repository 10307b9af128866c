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
        this.fold = new DependencyFold<>(graph, NEAREST, NEAREST, NEAREST);
    }

    /*
     * One class rather than three lambdas: a lambda call site costs every CLI run its bootstrap, about three
     * times what loading a small archived class costs (#6: a 100-resource plan's fixed cost).
     */
    private static final Nearest NEAREST = new Nearest();

    /** Looks through every node but resources and providers, and collects the resources met. */
    private static final class Nearest implements java.util.function.Predicate<GraphNode>,
            java.util.function.Supplier<Set<GraphNode>>, DependencyFold.Add<Set<GraphNode>> {
        @Override
        public boolean test(GraphNode t) {
            return !(t instanceof ResourceNode) && !(t instanceof ProviderNode);
        }

        @Override
        public Set<GraphNode> get() {
            return new LinkedHashSet<>();
        }

        @Override
        public void add(Set<GraphNode> out, GraphNode t, Set<GraphNode> through) {
            if (t instanceof ResourceNode) {
                out.add(t);
            } else if (through != null) {
                out.addAll(through);
            }
        }
    }

    /** The resources {@code n} depends on directly or only through non-resource nodes. */
    public Set<GraphNode> of(GraphNode n) {
        return fold.fresh(n);
    }
}
