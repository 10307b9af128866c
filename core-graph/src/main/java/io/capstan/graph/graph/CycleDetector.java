package io.capstan.graph.graph;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds dependency cycles with an iterative Tarjan walk (no recursion: a 10,000-long chain must
 * not overflow the stack), visiting nodes in declaration order so each cycle is reported once,
 * its members in the order Terraform prints them: {@code Error: Cycle: b, a}.
 */
public final class CycleDetector {
    private CycleDetector() {
    }

    /** The strongly connected components that are cycles (size > 1, or a self-loop). */
    public static List<List<GraphNode>> cycles(Graph<GraphNode, DefaultEdge> g, List<GraphNode> order) {
        Map<GraphNode, int[]> info = new HashMap<>(); // [index, lowlink, onStack]
        Deque<GraphNode> stack = new ArrayDeque<>();
        List<List<GraphNode>> out = new ArrayList<>();
        int[] counter = {0};
        for (GraphNode start : order) {
            if (info.containsKey(start)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>(); // {node, successor iterator}
            visit(g, start, info, stack, counter, work);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                GraphNode v = (GraphNode) frame[0];
                @SuppressWarnings("unchecked")
                Iterator<DefaultEdge> it = (Iterator<DefaultEdge>) frame[1];
                if (it.hasNext()) {
                    GraphNode w = g.getEdgeTarget(it.next());
                    int[] wi = info.get(w);
                    if (wi == null) {
                        visit(g, w, info, stack, counter, work);
                    } else if (wi[2] == 1) {
                        int[] vi = info.get(v);
                        vi[1] = Math.min(vi[1], wi[0]);
                    }
                    continue;
                }
                work.pop();
                int[] vi = info.get(v);
                if (!work.isEmpty()) {
                    int[] pi = info.get((GraphNode) work.peek()[0]);
                    pi[1] = Math.min(pi[1], vi[1]);
                }
                if (vi[1] == vi[0]) {
                    List<GraphNode> scc = new ArrayList<>();
                    GraphNode w;
                    do {
                        w = stack.pop();
                        info.get(w)[2] = 0;
                        scc.add(w);
                    } while (w != v);
                    if (scc.size() > 1 || g.containsEdge(v, v)) {
                        out.add(scc);
                    }
                }
            }
        }
        return out;
    }

    private static void visit(Graph<GraphNode, DefaultEdge> g, GraphNode v, Map<GraphNode, int[]> info,
                              Deque<GraphNode> stack, int[] counter, Deque<Object[]> work) {
        info.put(v, new int[]{counter[0], counter[0], 1});
        counter[0]++;
        stack.push(v);
        work.push(new Object[]{v, g.outgoingEdgesOf(v).iterator()});
    }

    /** Adds one "Cycle: a, b, c" error per cycle. */
    public static void report(List<List<GraphNode>> cycles, Diagnostics diags) {
        for (List<GraphNode> c : cycles) {
            List<String> names = new ArrayList<>();
            for (GraphNode n : c) {
                names.add(n.name());
            }
            diags.add(Diagnostic.error("Cycle: " + String.join(", ", names), "", null));
        }
    }
}
