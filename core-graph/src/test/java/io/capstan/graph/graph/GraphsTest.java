package io.capstan.graph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jgrapht.Graph;
import org.jgrapht.GraphType;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;
import org.junit.jupiter.api.Test;

/**
 * {@link Graphs}' graphs, built without JGraphT's serializable lambdas, behave as the ones JGraphT's
 * {@code (Class)} constructors build: the same type, the same iteration orders, the same refusals.
 */
class GraphsTest {
    private static void sameType(GraphType a, GraphType b) {
        assertThat(a.isDirected()).isEqualTo(b.isDirected());
        assertThat(a.isUndirected()).isEqualTo(b.isUndirected());
        assertThat(a.isAllowingMultipleEdges()).isEqualTo(b.isAllowingMultipleEdges());
        assertThat(a.isAllowingSelfLoops()).isEqualTo(b.isAllowingSelfLoops());
        assertThat(a.isWeighted()).isEqualTo(b.isWeighted());
        assertThat(a.isAllowingCycles()).isEqualTo(b.isAllowingCycles());
        assertThat(a.isModifiable()).isEqualTo(b.isModifiable());
    }

    /** Vertices, and each vertex's outgoing and incoming edges as (source, target) pairs, in iteration order. */
    private static <V> List<String> shape(Graph<V, DefaultEdge> g) {
        List<String> out = new ArrayList<>();
        for (V v : g.vertexSet()) {
            out.add("v " + v);
            for (DefaultEdge e : g.outgoingEdgesOf(v)) {
                out.add("  out " + g.getEdgeSource(e) + "->" + g.getEdgeTarget(e));
            }
            for (DefaultEdge e : g.incomingEdgesOf(v)) {
                out.add("  in " + g.getEdgeSource(e) + "->" + g.getEdgeTarget(e));
            }
        }
        for (DefaultEdge e : g.edgeSet()) {
            out.add("e " + g.getEdgeSource(e) + "->" + g.getEdgeTarget(e));
        }
        return out;
    }

    @Test
    void directedIsDefaultDirectedGraph() {
        Graph<Integer, DefaultEdge> ours = Graphs.directed();
        Graph<Integer, DefaultEdge> theirs = new DefaultDirectedGraph<>(DefaultEdge.class);
        sameType(ours.getType(), theirs.getType());
        Random r = new Random(15);
        for (int i = 0; i < 2000; i++) {
            int a = r.nextInt(60);
            int b = r.nextInt(60);
            switch (r.nextInt(6)) {
                case 0 -> assertThat(ours.addVertex(a)).isEqualTo(theirs.addVertex(a));
                case 1 -> assertThat(ours.removeVertex(a)).isEqualTo(theirs.removeVertex(a));
                case 2 -> assertThat(ours.removeEdge(a, b) == null).isEqualTo(theirs.removeEdge(a, b) == null);
                default -> {
                    ours.addVertex(a);
                    ours.addVertex(b);
                    theirs.addVertex(a);
                    theirs.addVertex(b);
                    // a second edge between the same vertices is refused (null); a self-loop is allowed
                    assertThat(ours.addEdge(a, b) == null).isEqualTo(theirs.addEdge(a, b) == null);
                }
            }
        }
        assertThat(ours.edgeSet()).isNotEmpty();
        assertThat(shape(ours)).containsExactlyElementsOf(shape(theirs));
    }

    @Test
    void acyclicIsDirectedAcyclicGraph() {
        DirectedAcyclicGraph<Integer, DefaultEdge> ours = Graphs.acyclic();
        DirectedAcyclicGraph<Integer, DefaultEdge> theirs = new DirectedAcyclicGraph<>(DefaultEdge.class);
        sameType(ours.getType(), theirs.getType());
        Random r = new Random(16);
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            ours.addVertex(i);
            theirs.addVertex(i);
        }
        for (int i = 0; i < 400; i++) {
            int a = r.nextInt(40);
            int b = r.nextInt(40);
            boolean oursRefused = false;
            boolean theirsRefused = false;
            try {
                ours.addEdge(a, b);
            } catch (IllegalArgumentException cycle) {
                oursRefused = true;
            }
            try {
                theirs.addEdge(a, b);
            } catch (IllegalArgumentException cycle) {
                theirsRefused = true;
            }
            assertThat(oursRefused).isEqualTo(theirsRefused);
            refused += oursRefused ? 1 : 0;
        }
        assertThat(refused).isPositive();
        assertThat(shape(ours)).containsExactlyElementsOf(shape(theirs));
        List<Integer> ourOrder = new ArrayList<>();
        ours.iterator().forEachRemaining(ourOrder::add);
        List<Integer> theirOrder = new ArrayList<>();
        theirs.iterator().forEachRemaining(theirOrder::add);
        assertThat(ourOrder).containsExactlyElementsOf(theirOrder);
        assertThatThrownBy(() -> ours.addEdge(7, 7)).isInstanceOf(IllegalArgumentException.class);
    }
}
