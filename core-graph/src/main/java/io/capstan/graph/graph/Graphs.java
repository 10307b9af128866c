package io.capstan.graph.graph;

import org.jgrapht.Graph;
import org.jgrapht.GraphType;
import org.jgrapht.graph.AbstractBaseGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DefaultGraphType;
import org.jgrapht.graph.DirectedAcyclicGraph;
import org.jgrapht.graph.GraphSpecificsStrategy;
import org.jgrapht.graph.IntrusiveEdgesSpecifics;
import org.jgrapht.graph.UniformIntrusiveEdgesSpecifics;
import org.jgrapht.graph.WeightedIntrusiveEdgesSpecifics;
import org.jgrapht.graph.specifics.FastLookupDirectedSpecifics;
import org.jgrapht.graph.specifics.FastLookupUndirectedSpecifics;
import org.jgrapht.graph.specifics.Specifics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The JGraphT graphs the engine builds, made without JGraphT's serializable lambdas. JGraphT's
 * {@code (Class)} constructors take their edge supplier from {@code SupplierUtil} and their
 * storage from {@code FastLookupGraphSpecificsStrategy}, both serializable lambdas, which JDK 17's
 * class-data archive cannot hold: each run spun those five classes at run time (about 5 ms of
 * a plan's start-up under load). These are the same graphs (the same graph type, the same
 * fast-lookup storage, insertion-ordered) from classes the archive holds.
 */
public final class Graphs {
    private Graphs() {
    }

    /** As {@code new DefaultDirectedGraph<>(DefaultEdge.class)}: directed, no multiple edges, self-loops allowed. */
    public static <V> Graph<V, DefaultEdge> directed() {
        return new Directed<>();
    }

    /** As {@code new DirectedAcyclicGraph<>(DefaultEdge.class)}. */
    public static <V> DirectedAcyclicGraph<V, DefaultEdge> acyclic() {
        return new DirectedAcyclicGraph<>(null, new Edges(), false, false, new Storage<>());
    }

    private static final class Directed<V> extends AbstractBaseGraph<V, DefaultEdge> {
        private static final long serialVersionUID = 1L;

        Directed() {
            super(null, new Edges(), new DefaultGraphType.Builder().directed().allowMultipleEdges(false)
                    .allowSelfLoops(true).weighted(false).build(), new Storage<>());
        }
    }

    private static final class Edges implements Supplier<DefaultEdge> {
        @Override
        public DefaultEdge get() {
            return new DefaultEdge();
        }
    }

    /** Fast-lookup storage (edges between two vertices found by a map), vertices and edges in insertion order. */
    private static final class Storage<V> implements GraphSpecificsStrategy<V, DefaultEdge> {
        private static final long serialVersionUID = 1L;

        @Override
        public Function<GraphType, IntrusiveEdgesSpecifics<V, DefaultEdge>> getIntrusiveEdgesSpecificsFactory() {
            return new EdgeStorage<>();
        }

        @Override
        public BiFunction<Graph<V, DefaultEdge>, GraphType, Specifics<V, DefaultEdge>> getSpecificsFactory() {
            return new VertexStorage<>(this);
        }
    }

    private static final class EdgeStorage<V> implements Function<GraphType, IntrusiveEdgesSpecifics<V, DefaultEdge>> {
        @Override
        public IntrusiveEdgesSpecifics<V, DefaultEdge> apply(GraphType type) {
            return type.isWeighted() ? new WeightedIntrusiveEdgesSpecifics<>(new LinkedHashMap<>())
                    : new UniformIntrusiveEdgesSpecifics<>(new LinkedHashMap<>());
        }
    }

    private static final class VertexStorage<V>
            implements BiFunction<Graph<V, DefaultEdge>, GraphType, Specifics<V, DefaultEdge>> {
        private final Storage<V> strategy;

        VertexStorage(Storage<V> strategy) {
            this.strategy = strategy;
        }

        @Override
        public Specifics<V, DefaultEdge> apply(Graph<V, DefaultEdge> graph, GraphType type) {
            return type.isDirected()
                    ? new FastLookupDirectedSpecifics<>(graph, new LinkedHashMap<>(), new HashMap<>(),
                            strategy.getEdgeSetFactory())
                    : new FastLookupUndirectedSpecifics<>(graph, new LinkedHashMap<>(), new HashMap<>(),
                            strategy.getEdgeSetFactory());
        }
    }
}
