package io.capstan.engine.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;
import org.junit.jupiter.api.Test;

class ParallelWalkerTest {

    static Graph<String, DefaultEdge> graph(String... edges) {
        Graph<String, DefaultEdge> g = new DirectedAcyclicGraph<>(DefaultEdge.class);
        for (String e : edges) {
            String[] p = e.split(">");
            for (String v : p) {
                g.addVertex(v);
            }
            if (p.length == 2) {
                g.addEdge(p[0], p[1]);
            }
        }
        return g;
    }

    @Test
    void dependenciesRunFirstAndDestroyRunsInReverse() {
        Graph<String, DefaultEdge> g = graph("a>b", "a>c", "b>d", "c>d");
        List<String> order = new CopyOnWriteArrayList<>();
        new ParallelWalker<String>(4).walk(g, false, v -> {
            order.add(v);
            return new Diagnostics();
        });
        assertEquals("a", order.get(0));
        assertEquals("d", order.get(3));
        order.clear();
        new ParallelWalker<String>(4).walk(g, true, v -> {
            order.add(v);
            return new Diagnostics();
        });
        assertEquals("d", order.get(0));
        assertEquals("a", order.get(3));
    }

    @Test
    void aFailureSkipsDependentsWhileIndependentBranchesFinishAndAllErrorsAreReported() {
        Graph<String, DefaultEdge> g = graph("a>b", "b>c", "x>y", "z");
        WalkResult<String> r = new ParallelWalker<String>(2).walk(g, false, v -> {
            Diagnostics d = new Diagnostics();
            if (v.equals("a") || v.equals("z")) {
                d.add(Diagnostic.error("boom " + v, "", null));
            }
            return d;
        });
        assertEquals(NodeOutcome.FAILED, r.outcomes().get("a"));
        assertEquals(NodeOutcome.SKIPPED, r.outcomes().get("b"));
        assertEquals(NodeOutcome.SKIPPED, r.outcomes().get("c"));
        assertEquals(NodeOutcome.DONE, r.outcomes().get("y"));
        assertEquals(NodeOutcome.FAILED, r.outcomes().get("z"));
        assertEquals(2, r.diagnostics().size());
    }

    /**
     * 5 layers of 20 nodes, each depending on the whole previous layer, at parallelism 20: every
     * node of a layer waits until all 20 of its layer are running at once, so a walker that
     * serialised or delayed a layer's start would leave them waiting (asserted without timing the
     * walk, which a loaded CI machine would make flaky); never more than 20 run together.
     */
    @Test
    void parallelismIsBoundedAndAWholeLayerRunsAtOnce() throws Exception {
        Graph<String, DefaultEdge> g = new DirectedAcyclicGraph<>(DefaultEdge.class);
        java.util.Map<Integer, java.util.concurrent.CountDownLatch> together = new java.util.HashMap<>();
        for (int l = 0; l < 5; l++) {
            together.put(l, new java.util.concurrent.CountDownLatch(20));
            for (int i = 0; i < 20; i++) {
                g.addVertex(l + "." + i);
                if (l > 0) {
                    for (int j = 0; j < 20; j++) {
                        g.addEdge((l - 1) + "." + j, l + "." + i);
                    }
                }
            }
        }
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger alone = new AtomicInteger();
        WalkResult<String> r = new ParallelWalker<String>(20).walk(g, false, v -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            var latch = together.get(Integer.parseInt(v.substring(0, v.indexOf('.'))));
            latch.countDown();
            try {
                if (!latch.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    alone.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return new Diagnostics();
        });
        assertTrue(r.outcomes().values().stream().allMatch(o -> o == NodeOutcome.DONE));
        assertEquals(0, alone.get(), "nodes whose layer never ran all at once");
        assertEquals(20, peak.get(), "a whole layer runs together, and no more");
    }

    @Test
    void stopLetsRunningNodesFinishAndStartsNoMore() {
        Graph<String, DefaultEdge> g = graph("a>b", "b>c");
        ParallelWalker<String> w = new ParallelWalker<>(1);
        WalkResult<String> r = w.walk(g, false, v -> {
            if (v.equals("a")) {
                w.stop();
            }
            return new Diagnostics();
        });
        assertEquals(NodeOutcome.DONE, r.outcomes().get("a"));
        assertEquals(NodeOutcome.CANCELLED, r.outcomes().get("b"));
        assertEquals(NodeOutcome.SKIPPED, r.outcomes().get("c"));
    }

    /**
     * Chaos mode starts independent nodes in an order that depends on the seed (so a missing edge
     * between them shows up under some seed), while every edge is still honoured.
     */
    @Test
    void chaosShufflesIndependentNodesButKeepsEveryEdge() {
        List<String> edges = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            edges.add("n" + i);
        }
        edges.add("a>b");
        edges.add("b>c");
        Graph<String, DefaultEdge> g = graph(edges.toArray(String[]::new));
        java.util.Set<List<String>> orders = new java.util.HashSet<>();
        for (long seed = 1; seed <= 3; seed++) {
            List<String> order = new CopyOnWriteArrayList<>();
            WalkResult<String> r = new ParallelWalker<String>(1, new WalkChaos(seed, 50)).walk(g, false, v -> {
                order.add(v);
                return new Diagnostics();
            });
            assertTrue(r.outcomes().values().stream().allMatch(o -> o == NodeOutcome.DONE));
            assertEquals(43, order.size());
            assertTrue(order.indexOf("a") < order.indexOf("b") && order.indexOf("b") < order.indexOf("c"), "" + order);
            orders.add(order);
        }
        assertEquals(3, orders.size(), "three seeds, three different start orders");
    }

    @Test
    void chaosIsReadFromItsSystemPropertyFormat() {
        assertEquals(null, WalkChaos.parse(null));
        assertEquals(new WalkChaos(7, 1000), WalkChaos.parse("7"));
        assertEquals(new WalkChaos(7, 250), WalkChaos.parse("7:250"));
    }
}
