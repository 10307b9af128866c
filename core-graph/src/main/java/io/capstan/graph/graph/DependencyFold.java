package io.capstan.graph.graph;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;

/**
 * A value per node folded over its dependencies (outgoing edges), memoised, so a shared
 * intermediate is walked once. The walk is an iterative post-order, because a 10,000-long chain
 * must not overflow the stack, and it stops at nodes that {@code through} rejects: their value is
 * never computed, {@code add} sees them with a null value.
 *
 * <p>Serves both projections of the dependency graph: the nearest resources through
 * variables/locals/outputs ({@link ResourceDependencies}, terraform's {@code graph} output) and
 * the transitive closure state records as {@code dependencies} (plan-apply).
 *
 * @param <A> the mutable accumulator a node's value is built in
 */
public final class DependencyFold<A> {
    /** Adds one dependency to a node's value. */
    @FunctionalInterface
    public interface Add<A> {
        /**
         * @param into the value being built
         * @param target the dependency
         * @param targetValue the dependency's own value, or null where {@code through} stops
         */
        void add(A into, GraphNode target, A targetValue);
    }

    private final Graph<GraphNode, DefaultEdge> graph;
    private final Predicate<GraphNode> through;
    private final Supplier<A> empty;
    private final Add<A> add;
    private final Map<GraphNode, A> memo = new HashMap<>();

    /**
     * @param through the dependencies whose own value is needed (walked through); the others are
     *     handed to {@code add} without one
     * @param empty a new, empty value
     * @param add adds one dependency to a value
     */
    public DependencyFold(Graph<GraphNode, DefaultEdge> graph, Predicate<GraphNode> through,
            Supplier<A> empty, Add<A> add) {
        this.graph = Objects.requireNonNull(graph);
        this.through = Objects.requireNonNull(through);
        this.empty = Objects.requireNonNull(empty);
        this.add = Objects.requireNonNull(add);
    }

    /** The value of {@code n}, memoised (the graph must be acyclic below {@code n}). */
    public A of(GraphNode n) {
        A done = memo.get(n);
        if (done != null) {
            return done;
        }
        Deque<GraphNode> stack = new ArrayDeque<>();
        stack.push(n);
        while (!stack.isEmpty()) {
            GraphNode v = stack.peek();
            if (memo.containsKey(v)) {
                stack.pop();
                continue;
            }
            boolean ready = true;
            for (DefaultEdge e : graph.outgoingEdgesOf(v)) {
                GraphNode t = graph.getEdgeTarget(e);
                if (through.test(t) && !memo.containsKey(t)) {
                    stack.push(t);
                    ready = false;
                }
            }
            if (ready) {
                stack.pop();
                memo.put(v, combine(v));
            }
        }
        return memo.get(n);
    }

    /**
     * A new value for {@code n} from its dependencies' values, not memoised for {@code n} itself:
     * for start nodes asked once, whose values nothing else needs.
     */
    public A fresh(GraphNode n) {
        for (DefaultEdge e : graph.outgoingEdgesOf(n)) {
            GraphNode t = graph.getEdgeTarget(e);
            if (through.test(t)) {
                of(t);
            }
        }
        return combine(n);
    }

    private A combine(GraphNode v) {
        A value = empty.get();
        for (DefaultEdge e : graph.outgoingEdgesOf(v)) {
            GraphNode t = graph.getEdgeTarget(e);
            add.add(value, t, through.test(t) ? memo.get(t) : null);
        }
        return value;
    }
}
