package io.capstan.graph.graph;

import io.capstan.graph.addrs.ModulePath;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.diag.Diagnostics;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The mutable state the transformer steps share while a graph is built: the configuration,
 * a directed graph (edge {@code a → b} means "a depends on b", as in Terraform), nodes in
 * insertion order, an index from (module, address) to node, and the diagnostics.
 */
public final class GraphBuild {
    private final ModuleTree config;
    private final GraphType type;
    private final Graph<GraphNode, DefaultEdge> graph;
    private final List<GraphNode> order;
    private final Map<String, GraphNode> index;
    private final Diagnostics diags;

    public GraphBuild(ModuleTree config, GraphType type) {
        this.config = Objects.requireNonNull(config, "config");
        this.type = Objects.requireNonNull(type, "type");
        this.graph = Graphs.directed();
        this.order = new ArrayList<>();
        this.index = new HashMap<>();
        this.diags = new Diagnostics();
    }

    /** The same build (graph, nodes, index, diagnostics: shared, not copied) going on as a graph of {@code type}. */
    GraphBuild(GraphBuild from, GraphType type) {
        this.config = from.config;
        this.type = Objects.requireNonNull(type, "type");
        this.graph = from.graph;
        this.order = from.order;
        this.index = from.index;
        this.diags = from.diags;
    }

    public ModuleTree config() {
        return config;
    }

    public GraphType type() {
        return type;
    }

    public Diagnostics diagnostics() {
        return diags;
    }

    public Graph<GraphNode, DefaultEdge> graph() {
        return graph;
    }

    /** Nodes in the order they were added (declaration order), which makes output deterministic. */
    public List<GraphNode> nodes() {
        return order;
    }

    public void add(GraphNode n) {
        if (graph.addVertex(n)) {
            order.add(n);
        }
    }

    /** Records that {@code dependent} must come after {@code dependency}. */
    public void connect(GraphNode dependent, GraphNode dependency) {
        graph.addEdge(dependent, dependency);
    }

    /** Registers a node under an address string in a module, for reference lookup. */
    public void register(ModulePath module, String addr, GraphNode n) {
        index.put(key(module, addr), n);
    }

    /** The node known under an address in a module, or null. */
    public GraphNode lookup(ModulePath module, String addr) {
        return index.get(key(module, addr));
    }

    private static String key(ModulePath m, String addr) {
        return m.isRoot() ? addr : m + "|" + addr;
    }
}
