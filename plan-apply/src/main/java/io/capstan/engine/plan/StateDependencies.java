package io.capstan.engine.plan;

import io.capstan.graph.addrs.ResourceMode;
import io.capstan.graph.graph.GraphNode;
import io.capstan.graph.graph.ResourceNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;

/**
 * What state records as a managed resource's {@code dependencies}, by Terraform's rule: every
 * managed and data resource the resource depends on transitively, through anything in between
 * (locals, variables, outputs, module calls and their {@code depends_on}, providers), itself
 * excluded, as configuration addresses sorted as strings.
 *
 * <p>Each node's closure is a bit set over the resources numbered in name order, built once
 * in dependencies-first order, so a shared intermediate is walked once and the names come out
 * sorted without sorting each list.
 */
final class StateDependencies {
    private final Graph<GraphNode, DefaultEdge> graph;
    private final List<String> names = new ArrayList<>();
    private final Map<GraphNode, Integer> index = new HashMap<>();
    private final Map<GraphNode, BitSet> closure = new HashMap<>();
    private final Map<BitSet, List<String>> lists = new HashMap<>();

    StateDependencies(Graph<GraphNode, DefaultEdge> graph, List<GraphNode> nodes) {
        this.graph = graph;
        List<GraphNode> resources = new ArrayList<>();
        for (GraphNode n : nodes) {
            if (n instanceof ResourceNode r && r.config().addr().mode() != ResourceMode.EPHEMERAL) {
                resources.add(n);
            }
        }
        resources.sort((a, b) -> a.name().compareTo(b.name()));
        for (GraphNode r : resources) {
            index.put(r, names.size());
            names.add(r.name());
        }
    }

    /** The sorted addresses {@code n} depends on, transitively. */
    List<String> of(GraphNode n) {
        BitSet deps = (BitSet) closureOf(n).clone();
        Integer self = index.get(n);
        if (self != null) {
            deps.clear(self);
        }
        return lists.computeIfAbsent(deps, b -> {
            List<String> out = new ArrayList<>(b.cardinality());
            for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) {
                out.add(names.get(i));
            }
            return List.copyOf(out);
        });
    }

    /** Everything reachable from {@code start} along dependency edges, {@code start} itself excluded. */
    private BitSet closureOf(GraphNode start) {
        BitSet done = closure.get(start);
        if (done != null) {
            return done;
        }
        // iterative post-order: long chains must not overflow the stack
        Deque<GraphNode> stack = new ArrayDeque<>();
        stack.push(start);
        while (!stack.isEmpty()) {
            GraphNode v = stack.peek();
            if (closure.containsKey(v)) {
                stack.pop();
                continue;
            }
            boolean ready = true;
            for (DefaultEdge e : graph.outgoingEdgesOf(v)) {
                GraphNode t = graph.getEdgeTarget(e);
                if (!closure.containsKey(t)) {
                    stack.push(t);
                    ready = false;
                }
            }
            if (ready) {
                stack.pop();
                BitSet s = new BitSet(names.size());
                for (DefaultEdge e : graph.outgoingEdgesOf(v)) {
                    GraphNode t = graph.getEdgeTarget(e);
                    s.or(closure.get(t));
                    Integer ix = index.get(t);
                    if (ix != null) {
                        s.set(ix);
                    }
                }
                closure.put(v, s);
            }
        }
        return closure.get(start);
    }
}
