package io.capstan.engine.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The order constraints of a destroy, without the redundant ones.
 *
 * <p>Terraform records in each object's state every resource it depended on, transitively: in a
 * 1,000-long chain the last object lists 999 and the state holds 499,500 of them. Each becomes
 * an edge "the dependent is deleted first", and a graph of half a million edges cost a destroy of
 * that chain ~200 MB of heap and most of its CPU in garbage collection. An edge {@code i -> t}
 * that another path {@code i -> u -> ... -> t} already implies changes no order and no skip (a
 * failed node skips what follows it transitively), so only the transitive reduction is walked:
 * 999 edges for the chain. Terraform's own graph is transitively reduced too.
 */
final class DeletionOrder {
    /**
     * Above this many bits (16 MiB) of reachability sets the reduction is skipped and every edge
     * kept; a 10,000-long chain needs at most 50 million.
     */
    static final long MAX_BITS = 128L << 20;

    private DeletionOrder() {
    }

    /**
     * The transitive reduction of the DAG whose node {@code i} must come before each of
     * {@code succ[i]} (duplicates allowed, no self-edges): the same order with the fewest edges.
     * Null when the edges form a cycle, or when the reduction would need more than
     * {@link #MAX_BITS} bits of memory (the caller then keeps every edge).
     */
    static int[][] reduce(int[][] succ) {
        int n = succ.length;
        int[] indegree = new int[n];
        for (int[] s : succ) {
            for (int t : s) {
                indegree[t]++;
            }
        }
        // Kahn's order: every node before what must follow it; pos[v] is v's place in it
        int[] order = new int[n];
        int head = 0;
        int tail = 0;
        for (int v = 0; v < n; v++) {
            if (indegree[v] == 0) {
                order[tail++] = v;
            }
        }
        while (head < tail) {
            for (int t : succ[order[head++]]) {
                if (--indegree[t] == 0) {
                    order[tail++] = t;
                }
            }
        }
        if (tail < n) {
            return null;
        }
        int[] pos = new int[n];
        for (int p = 0; p < n; p++) {
            pos[order[p]] = p;
        }
        // what follows v, as bits numbered n-1-pos: a set only holds nodes later than v, so its
        // length is at most n-1-pos[v] (the last nodes' sets are short, usually empty)
        long bits = 0;
        for (int v = 0; v < n; v++) {
            if (succ[v].length > 0) {
                bits += n - 1 - pos[v];
            }
        }
        if (bits > MAX_BITS) {
            return null;
        }
        BitSet[] after = new BitSet[n];
        int[][] kept = new int[n][];
        for (int p = n - 1; p >= 0; p--) {
            int v = order[p];
            int[] s = succ[v];
            if (s.length == 0) {
                kept[v] = s;
                continue;
            }
            // nearest first: a later successor reachable through a nearer one is implied by it
            int[] byPos = new int[s.length];
            for (int k = 0; k < s.length; k++) {
                byPos[k] = pos[s[k]];
            }
            Arrays.sort(byPos);
            BitSet reach = new BitSet();
            List<Integer> keep = new ArrayList<>();
            for (int k = 0; k < byPos.length; k++) {
                int tp = byPos[k];
                if ((k > 0 && byPos[k - 1] == tp) || reach.get(n - 1 - tp)) {
                    continue;
                }
                int t = order[tp];
                keep.add(t);
                reach.set(n - 1 - tp);
                if (after[t] != null) {
                    reach.or(after[t]);
                }
            }
            after[v] = reach.isEmpty() ? null : reach;
            kept[v] = keep.stream().mapToInt(Integer::intValue).toArray();
        }
        return kept;
    }
}
