package io.capstan.graph.graph;

import io.capstan.graph.addrs.Addresses;
import io.capstan.graph.addrs.ModulePath;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders a graph in Graphviz DOT exactly as Terraform 1.11's {@code terraform graph} does:
 * by default only resources and the dependencies between them (looking through values);
 * with {@code -type=...}, the whole operation graph with {@code [root]}-prefixed names.
 */
public final class DotWriter {
    private DotWriter() {
    }

    /**
     * The default resources-only view: root resources first, each module's resources in a
     * {@code cluster_} subgraph; nodes and edges sorted by name within a module, as Terraform does.
     */
    public static String resources(ResourceGraph g) {
        StringBuilder sb = new StringBuilder("digraph G {\n  rankdir = \"RL\";\n  node [shape = rect, fontname = \"sans-serif\"];\n");
        ResourceDependencies deps = new ResourceDependencies(g.dag());
        java.util.TreeMap<String, java.util.TreeMap<String, GraphNode>> byModule = new java.util.TreeMap<>();
        for (GraphNode n : g.nodes()) {
            if (n instanceof ResourceNode) {
                byModule.computeIfAbsent(n.module().toString(), k -> new java.util.TreeMap<>()).put(n.name(), n);
            }
        }
        for (var m : byModule.entrySet()) {
            String indent = "  ";
            if (!m.getKey().isEmpty()) {
                sb.append("  subgraph ").append(Addresses.quote("cluster_" + m.getKey())).append(" {\n    label = ")
                        .append(Addresses.quote(m.getKey())).append("\n    fontname = \"sans-serif\"\n");
                indent = "    ";
            }
            for (GraphNode n : m.getValue().values()) {
                sb.append(indent).append(Addresses.quote(n.name())).append(" [label=")
                        .append(Addresses.quote(n.localName())).append("];\n");
            }
            if (!m.getKey().isEmpty()) {
                sb.append("  }\n");
            }
        }
        for (var m : byModule.values()) {
            for (GraphNode n : m.values()) {
                Set<String> targets = new TreeSet<>();
                for (GraphNode d : deps.of(n)) {
                    targets.add(d.name());
                }
                for (String t : targets) {
                    sb.append("  ").append(Addresses.quote(n.name())).append(" -> ").append(Addresses.quote(t)).append(";\n");
                }
            }
        }
        return sb.append("}\n").toString();
    }

    /**
     * The full operation graph ({@code -type=plan|apply}), reduced as terraform reduces it before drawing
     * ({@link OperationDot#reduce}).
     */
    public static String operation(ResourceGraph g) {
        return drawn(g).write();
    }

    /**
     * The plan graph ({@code -type=plan|plan-refresh-only}) with the state's orphans, as terraform's
     * OrphanResourceInstanceTransformer adds them: each current object of a resource the configuration no longer
     * has is an {@code ADDRESS (orphan)} vertex (named by instance, labelled by resource) using its provider.
     */
    public static String plan(ResourceGraph g, List<DestroyGraph.StateObject> state) {
        OperationDot d = unreduced(g);
        Set<String> configured = new java.util.HashSet<>();
        java.util.Map<String, Integer> byName = new java.util.HashMap<>();
        for (GraphNode n : g.nodes()) {
            if (n instanceof ResourceNode) {
                configured.add(n.name());
            }
        }
        for (int v = 0; v < d.size(); v++) {
            byName.put(d.name(v), v);
        }
        Integer root = byName.get("root");
        for (DestroyGraph.StateObject o : state) {
            if (configured.contains(o.resource())) {
                continue;
            }
            int orphan = d.add(o.instance() + " (orphan)", o.resource(), "box");
            Integer provider = byName.get(o.provider());
            if (provider == null) {
                provider = d.add(o.provider(), o.provider(), "diamond");
                byName.put(o.provider(), provider);
            }
            Integer close = byName.get(o.provider() + " (close)");
            if (close == null) {
                close = d.add(o.provider() + " (close)", null, null);
                byName.put(o.provider() + " (close)", close);
                if (root != null) {
                    d.connect(root, close);
                }
            }
            d.connect(orphan, provider);
            d.connect(close, orphan);
        }
        d.reduce();
        return d.write();
    }

    /** The operation graph's vertices and edges, before terraform's transitive reduction. */
    static OperationDot unreduced(ResourceGraph g) {
        OperationDot d = new OperationDot();
        java.util.Map<GraphNode, Integer> index = new java.util.HashMap<>();
        for (GraphNode n : g.nodes()) {
            index.put(n, d.add(name(n), label(n), n.dotShape()));
        }
        for (GraphNode n : g.nodes()) {
            int from = index.get(n);
            for (GraphNode t : g.dependencies(n)) {
                d.connect(from, index.get(t));
            }
        }
        closeModules(g, d, index);
        return d;
    }

    /**
     * Terraform's {@code module.x (close)} vertices (its ModuleExpansionTransformer's): one per module call, after
     * the call's expansion and everything in the called module, and after the close of each module it calls;
     * the root after each. Capstan's walk needs none (a module's outputs are what its callers wait for), so only
     * the drawing has them.
     */
    private static void closeModules(ResourceGraph g, OperationDot d, java.util.Map<GraphNode, Integer> index) {
        java.util.Map<ModulePath, Integer> closers = new java.util.HashMap<>();
        for (GraphNode n : g.nodes()) {
            if (n instanceof ModuleCallNode call && !closers.containsKey(call.childPath())) {
                int close = d.add(call.childPath() + " (close)", null, null);
                closers.put(call.childPath(), close);
                d.connect(close, index.get(n));
            }
        }
        if (closers.isEmpty()) {
            return;
        }
        Integer root = null;
        for (GraphNode n : g.nodes()) {
            if (n instanceof MarkerNode m && m.module().isRoot() && m.localName().equals("root")) {
                root = index.get(n);
            } else if (!(n instanceof MarkerNode) && !(n instanceof ModuleCallNode)) {
                // (a call's expansion is its own module's in terraform, connected above)
                Integer close = closers.get(n.module());
                if (close != null) {
                    d.connect(close, index.get(n));
                }
            }
        }
        for (var c : closers.entrySet()) {
            for (var inner : closers.entrySet()) {
                ModulePath a = c.getKey();
                ModulePath b = inner.getKey();
                if (b.names().size() > a.names().size() && b.names().subList(0, a.names().size()).equals(a.names())) {
                    d.connect(c.getValue(), inner.getValue());
                }
            }
            if (root != null) {
                d.connect(root, c.getValue());
            }
        }
    }

    /** {@link #unreduced}, reduced. */
    public static OperationDot drawn(ResourceGraph g) {
        OperationDot d = unreduced(g);
        d.reduce();
        return d;
    }

    /** The label terraform draws {@code n} with; null for the kinds it does not declare (only their edges show). */
    static String label(GraphNode n) {
        // a module's variables are drawn as their expansion nodes, which terraform does not declare
        boolean declared = !(n instanceof MarkerNode) && !(n instanceof OutputNode) && !(n instanceof LocalNode)
                && !(n instanceof ModuleCallNode) && !(n instanceof VariableNode && !n.module().isRoot());
        return declared ? n.dotLabel() : null;
    }

    /** Terraform's vertex name: operation graphs hold each resource's expansion node, named "(expand)". */
    static String name(GraphNode n) {
        return n.name() + (n instanceof ResourceNode ? " (expand)" : "");
    }
}
