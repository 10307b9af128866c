package io.capstan.graph.graph;

import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
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
        return build(config, type, schemas, null);
    }

    /**
     * As {@link #build(ModuleTree, GraphType, ResourceTypeSchemas)}; a validate graph built without errors
     * also leaves its build in {@code reuse} (when not null), for {@link #plan} to go on from.
     */
    public static Result<ResourceGraph> build(ModuleTree config, GraphType type, ResourceTypeSchemas schemas,
            Reuse reuse) {
        boolean keeping = reuse != null && type == GraphType.VALIDATE;
        if (keeping) {
            reuse.build = null;
            reuse.fromSchemas.clear();
            schemas = new RecordedSchemas(schemas, reuse.fromSchemas);
        }
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
        ResourceGraph g = new ResourceGraph(freeze(b.graph(), b.nodes()), b.nodes(), type);
        if (keeping && !d.hasErrors()) {
            reuse.build = b;
        }
        return new Result<>(g, d);
    }

    /**
     * A validate graph's build, kept for the plan graph of the same configuration. The two differ only in the
     * operation's nodes ({@link OperationTransformer}: the providers' close nodes and the root) and in the
     * references checked against plugin schemas, which only the validate graph checks: building the plan's
     * graph again repeated every other step (about 4% of a plan of 1,000 resources).
     */
    public static final class Reuse {
        private GraphBuild build;
        /** The diagnostics the schema checks added (by identity): the plan graph's build does not make them. */
        private final Set<Diagnostic> fromSchemas = Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /**
     * The plan graph of {@code config}, from the validate graph's build {@code reuse} kept (then given up):
     * the graph and the diagnostics (in their order) {@code build(config, GraphType.PLAN)} makes. Null when
     * {@code reuse} holds no build of {@code config} (the validate graph had errors, or was of another
     * configuration): the caller builds the graph itself.
     */
    public static Result<ResourceGraph> plan(Reuse reuse, ModuleTree config) {
        GraphBuild kept = reuse.build;
        reuse.build = null;
        if (kept == null || kept.config() != config) {
            return null;
        }
        Diagnostics d = new Diagnostics();
        for (Diagnostic x : kept.diagnostics()) {
            if (!reuse.fromSchemas.contains(x)) {
                d.add(x);
            }
        }
        reuse.fromSchemas.clear();
        // no cycle: the same graph had none when it was validated (a cycle is an error, and nothing is kept)
        GraphBuild b = new GraphBuild(kept, GraphType.PLAN);
        new OperationTransformer().transform(b);
        return new Result<>(new ResourceGraph(freeze(b.graph(), b.nodes()), b.nodes(), GraphType.PLAN), d);
    }

    /** {@code schemas}, noting each diagnostic its checks add. */
    private static final class RecordedSchemas implements ResourceTypeSchemas {
        private final ResourceTypeSchemas schemas;
        private final Set<Diagnostic> added;

        RecordedSchemas(ResourceTypeSchemas schemas, Set<Diagnostic> added) {
            this.schemas = schemas;
            this.added = added;
        }

        @Override
        public boolean check(io.capstan.graph.addrs.Provider provider, io.capstan.graph.addrs.ResourceMode mode,
                String type, List<io.capstan.hcl.ast.Traverser> steps, Diagnostics diags) {
            int before = diags.size();
            boolean known = schemas.check(provider, mode, type, steps, diags);
            List<Diagnostic> all = diags.asList();
            for (int i = before; i < all.size(); i++) {
                added.add(all.get(i));
            }
            return known;
        }
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
