package io.capstan.graph.graph;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The nearest resources each node depends on, looking through variables, locals, outputs and
 * module calls: the projection Terraform's default {@code graph} output draws. Results for
 * non-resource nodes are memoized, so shared intermediate values are walked once.
 */
public final class ResourceDependencies {
    private final Graph<GraphNode, DefaultEdge> graph;
    private final Map<GraphNode, Set<GraphNode>> memo = new HashMap<>();

    public ResourceDependencies(Graph<GraphNode, DefaultEdge> graph) {
        this.graph = graph;
    }

    /** The resources {@code n} depends on directly or only through non-resource nodes. */
    public Set<GraphNode> of(GraphNode n) {
        Set<GraphNode> out = new LinkedHashSet<>();
        for (DefaultEdge e : graph.outgoingEdgesOf(n)) {
            GraphNode t = graph.getEdgeTarget(e);
            if (t instanceof ResourceNode) {
                out.add(t);
            } else if (!(t instanceof ProviderNode)) {
                out.addAll(through(t));
            }
        }
        return out;
    }

    private Set<GraphNode> through(GraphNode start) {
        Set<GraphNode> done = memo.get(start);
        if (done != null) {
            return done;
        }
        // iterative post-order over non-resource nodes (the graph is acyclic here)
        Deque<GraphNode> stack = new ArrayDeque<>();
        stack.push(start);
        while (!stack.isEmpty()) {
            GraphNode v = stack.peek();
            if (memo.containsKey(v)) {
                stack.pop();
                continue;
            }
            boolean ready = true;
            for (DefaultEdge e : graph.outgoingEdgesOf(v)) {
                GraphNode t = graph.getEdgeTarget(e);
                if (!(t instanceof ResourceNode) && !(t instanceof ProviderNode) && !memo.containsKey(t)) {
                    stack.push(t);
                    ready = false;
                }
            }
            if (ready) {
                stack.pop();
                Set<GraphNode> s = new LinkedHashSet<>();
                for (DefaultEdge e : graph.outgoingEdgesOf(v)) {
                    GraphNode t = graph.getEdgeTarget(e);
                    if (t instanceof ResourceNode) {
                        s.add(t);
                    } else if (!(t instanceof ProviderNode)) {
                        s.addAll(memo.get(t));
                    }
                }
                memo.put(v, s);
            }
        }
        return memo.get(start);
    }
}
