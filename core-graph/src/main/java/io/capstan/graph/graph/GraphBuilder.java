package io.capstan.graph.graph;

import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the graph for an operation by running an ordered list of transformer steps, then
 * checks for cycles and freezes the result into a DAG. With cycles, the result value is null
 * and each cycle is one "Cycle: ..." error.
 */
public final class GraphBuilder {
    private GraphBuilder() {
    }

    /** The steps, in order, for a graph type. */
    public static List<GraphTransformer> steps(GraphType type) {
        return steps(type, ResourceTypeSchemas.NONE);
    }

    /** As {@link #steps(GraphType)}, references to plugin resource types checked against {@code schemas}. */
    public static List<GraphTransformer> steps(GraphType type, ResourceTypeSchemas schemas) {
        List<GraphTransformer> s = new ArrayList<>();
        s.add(new ConfigTransformer());
        s.add(new ProviderTransformer());
        s.add(new ModuleExpansionTransformer());
        s.add(new ReferenceTransformer(schemas));
        return s;
    }

    public static Result<ResourceGraph> build(ModuleTree config, GraphType type) {
        return build(config, type, ResourceTypeSchemas.NONE);
    }

    /**
     * As {@link #build(ModuleTree, GraphType)}, checking references to plugin resource types
     * against their schemas as terraform's evaluator does ({@code schemas} asks the providers).
     */
    public static Result<ResourceGraph> build(ModuleTree config, GraphType type, ResourceTypeSchemas schemas) {
        GraphBuild b = new GraphBuild(config, type);
        for (GraphTransformer t : steps(type, schemas)) {
            t.transform(b);
        }
        Diagnostics d = b.diagnostics();
        List<List<GraphNode>> cycles = CycleDetector.cycles(b.graph(), b.nodes());
        if (!cycles.isEmpty()) {
            CycleDetector.report(cycles, d);
            return new Result<>(null, d);
        }
        if (type != GraphType.VALIDATE) {
            new OperationTransformer().transform(b);
        }
        return new Result<>(new ResourceGraph(freeze(b.graph(), b.nodes()), b.nodes(), type), d);
    }

    /**
     * Copies into a JGraphT DAG, inserting vertices dependents-first so every edge agrees with
     * the DAG's topological order and no insertion has to reorder anything.
     */
    private static DirectedAcyclicGraph<GraphNode, DefaultEdge> freeze(Graph<GraphNode, DefaultEdge> g,
                                                                      List<GraphNode> nodes) {
        Map<GraphNode, Integer> indeg = new HashMap<>();
        Deque<GraphNode> ready = new ArrayDeque<>();
        for (GraphNode n : nodes) {
            int d = g.inDegreeOf(n);
            indeg.put(n, d);
            if (d == 0) {
                ready.add(n);
            }
        }
        DirectedAcyclicGraph<GraphNode, DefaultEdge> dag = Graphs.acyclic();
        List<GraphNode> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            GraphNode n = ready.poll();
            order.add(n);
            dag.addVertex(n);
            for (DefaultEdge e : g.outgoingEdgesOf(n)) {
                GraphNode t = g.getEdgeTarget(e);
                if (indeg.merge(t, -1, Integer::sum) == 0) {
                    ready.add(t);
                }
            }
        }
        for (GraphNode n : order) {
            for (DefaultEdge e : g.outgoingEdgesOf(n)) {
                dag.addEdge(n, g.getEdgeTarget(e));
            }
        }
        return dag;
    }
}
