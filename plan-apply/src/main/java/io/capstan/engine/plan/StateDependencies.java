package io.capstan.engine.plan;

import io.capstan.graph.addrs.ResourceMode;
import io.capstan.graph.graph.DependencyFold;
import io.capstan.graph.graph.GraphNode;
import io.capstan.graph.graph.ResourceNode;
import java.util.ArrayList;
import java.util.BitSet;
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
    private final List<String> names = new ArrayList<>();
    private final Map<GraphNode, Integer> index = new HashMap<>();
    private final DependencyFold<BitSet> closure;
    private final Map<BitSet, List<String>> lists = new HashMap<>();

    StateDependencies(Graph<GraphNode, DefaultEdge> graph, List<GraphNode> nodes) {
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
        // everything reachable along dependency edges, the node itself excluded
        this.closure = new DependencyFold<>(graph, t -> true, () -> new BitSet(names.size()),
                (s, t, reach) -> {
                    s.or(reach);
                    Integer ix = index.get(t);
                    if (ix != null) {
                        s.set(ix);
                    }
                });
    }

    /** The sorted addresses {@code n} depends on, transitively. */
    List<String> of(GraphNode n) {
        BitSet deps = (BitSet) closure.of(n).clone();
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
}
