package io.capstan.graph.graph;

import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The built dependency graph: a JGraphT DAG whose edge {@code a → b} means "a depends on b",
 * plus the nodes in declaration order. Instances of {@code count}/{@code for_each} are not
 * nodes: the walk expands each resource node when its count or keys are known.
 */
public final class ResourceGraph {
    private final DirectedAcyclicGraph<GraphNode, DefaultEdge> dag;
    private final List<GraphNode> nodes;
    private final GraphType type;

    ResourceGraph(DirectedAcyclicGraph<GraphNode, DefaultEdge> dag, List<GraphNode> nodes, GraphType type) {
        this.dag = Objects.requireNonNull(dag, "dag");
        this.nodes = List.copyOf(nodes);
        this.type = type;
    }

    public DirectedAcyclicGraph<GraphNode, DefaultEdge> dag() {
        return dag;
    }

    public GraphType type() {
        return type;
    }

    /** All nodes in declaration order. */
    public List<GraphNode> nodes() {
        return nodes;
    }

    /** What {@code n} depends on directly. */
    public List<GraphNode> dependencies(GraphNode n) {
        List<GraphNode> out = new ArrayList<>();
        for (DefaultEdge e : dag.outgoingEdgesOf(n)) {
            out.add(dag.getEdgeTarget(e));
        }
        return out;
    }

    /** An order in which every node comes after all its dependencies. */
    public List<GraphNode> walkOrder() {
        List<GraphNode> order = new ArrayList<>(dag.vertexSet().size());
        for (java.util.Iterator<GraphNode> it = dag.iterator(); it.hasNext(); ) {
            order.add(it.next()); // dependents first
        }
        Collections.reverse(order);
        return order;
    }
}
