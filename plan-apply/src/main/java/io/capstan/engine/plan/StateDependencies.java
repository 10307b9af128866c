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
        resources.sort(BY_NAME);
        for (GraphNode r : resources) {
            index.put(r, names.size());
            names.add(r.name());
        }
        // everything reachable along dependency edges, the node itself excluded
        Fold f = new Fold();
        this.closure = new DependencyFold<>(graph, f, f, f);
    }

    /*
     * Classes rather than lambdas: a lambda call site costs every CLI run its bootstrap, about three times
     * what loading a small archived class costs (#6: a 100-resource plan's fixed cost).
     */
    private static final java.util.Comparator<GraphNode> BY_NAME = new ByName();

    private static final class ByName implements java.util.Comparator<GraphNode> {
        @Override
        public int compare(GraphNode a, GraphNode b) {
            return a.name().compareTo(b.name());
        }
    }

    /** Folds through every node; a node's value is the set of resources it reaches. */
    private final class Fold implements java.util.function.Predicate<GraphNode>,
            java.util.function.Supplier<BitSet>, DependencyFold.Add<BitSet> {
        @Override
        public boolean test(GraphNode t) {
            return true;
        }

        @Override
        public BitSet get() {
            return new BitSet(names.size());
        }

        @Override
        public void add(BitSet s, GraphNode t, BitSet reach) {
            s.or(reach);
            Integer ix = index.get(t);
            if (ix != null) {
                s.set(ix);
            }
        }
    }

    /** The sorted addresses {@code n} depends on, transitively. */
    List<String> of(GraphNode n) {
        BitSet deps = (BitSet) closure.of(n).clone();
        Integer self = index.get(n);
        if (self != null) {
            deps.clear(self);
        }
        List<String> known = lists.get(deps);
        if (known != null) {
            return known;
        }
        List<String> out = new ArrayList<>(deps.cardinality());
        for (int i = deps.nextSetBit(0); i >= 0; i = deps.nextSetBit(i + 1)) {
            out.add(names.get(i));
        }
        List<String> list = List.copyOf(out);
        lists.put(deps, list);
        return list;
    }
}
