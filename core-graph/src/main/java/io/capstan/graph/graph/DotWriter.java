package io.capstan.graph.graph;

import io.capstan.graph.addrs.Addresses;

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
        return d;
    }

    /** {@link #unreduced}, reduced. */
    public static OperationDot drawn(ResourceGraph g) {
        OperationDot d = unreduced(g);
        d.reduce();
        return d;
    }

    /** The label terraform draws {@code n} with; null for the kinds it does not declare (only their edges show). */
    static String label(GraphNode n) {
        boolean declared = !(n instanceof MarkerNode) && !(n instanceof OutputNode) && !(n instanceof LocalNode)
                && !(n instanceof ModuleCallNode);
        return declared ? n.dotLabel() : null;
    }

    /** Terraform's vertex name: operation graphs hold each resource's expansion node, named "(expand)". */
    static String name(GraphNode n) {
        return n.name() + (n instanceof ResourceNode ? " (expand)" : "");
    }
}
