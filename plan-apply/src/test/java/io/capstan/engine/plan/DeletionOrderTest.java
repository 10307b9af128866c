package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The destroy order's transitive reduction keeps exactly the constraints that no other path
 * implies, and the same reachability (so the same order and the same skips after a failure).
 */
class DeletionOrderTest {
    @Test
    void aTransitivelyRecordedChainKeepsOnlyItsLinks() {
        // node i is deleted before every node j < i (state lists all of a chain's ancestors)
        int n = 200;
        int[][] succ = new int[n][];
        for (int i = 0; i < n; i++) {
            succ[i] = new int[i];
            for (int j = 0; j < i; j++) {
                succ[i][j] = j;
            }
        }
        int[][] kept = DeletionOrder.reduce(succ);
        assertArrayEquals(new int[0], kept[0]);
        for (int i = 1; i < n; i++) {
            assertArrayEquals(new int[] {i - 1}, kept[i], "node " + i);
        }
    }

    @Test
    void anEdgeNoOtherPathImpliesIsKept() {
        // 0 -> 1 -> 2 and 0 -> 2 (implied), 0 -> 3 (only path), duplicates of 0 -> 1
        int[][] succ = {{2, 1, 3, 1}, {2}, {}, {}};
        int[][] kept = DeletionOrder.reduce(succ);
        assertEquals("[1, 3]", Arrays.toString(sorted(kept[0])));
        assertArrayEquals(new int[] {2}, kept[1]);
        assertArrayEquals(new int[0], kept[2]);
        assertArrayEquals(new int[0], kept[3]);
    }

    @Test
    void aDiamondKeepsBothBranches() {
        int[][] succ = {{1, 2, 3}, {3}, {3}, {}};
        int[][] kept = DeletionOrder.reduce(succ);
        assertEquals("[1, 2]", Arrays.toString(sorted(kept[0])));
        assertArrayEquals(new int[] {3}, kept[1]);
        assertArrayEquals(new int[] {3}, kept[2]);
    }

    @Test
    void aCycleIsLeftToTheCaller() {
        assertNull(DeletionOrder.reduce(new int[][] {{1}, {2}, {0}}));
    }

    @Test
    void randomDagsKeepTheirReachabilityWithNoRedundantEdge() {
        Random rnd = new Random(42);
        for (int round = 0; round < 200; round++) {
            int n = 1 + rnd.nextInt(40);
            // a random DAG over a random permutation, edges only forward in it
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            double density = rnd.nextDouble();
            int[][] succ = new int[n][];
            for (int a = 0; a < n; a++) {
                int[] s = new int[0];
                for (int b = a + 1; b < n; b++) {
                    if (rnd.nextDouble() < density) {
                        s = Arrays.copyOf(s, s.length + 1);
                        s[s.length - 1] = perm[b];
                    }
                }
                succ[perm[a]] = s;
            }
            int[][] kept = DeletionOrder.reduce(succ);
            BitSet[] before = closure(succ);
            BitSet[] after = closure(kept);
            assertArrayEquals(before, after, "reachability, round " + round);
            for (int v = 0; v < n; v++) {
                for (int t : kept[v]) {
                    // kept only when no other kept successor of v reaches t
                    for (int u : kept[v]) {
                        if (u != t && after[u].get(t)) {
                            throw new AssertionError("round " + round + ": edge " + v + " -> " + t
                                    + " is implied through " + u);
                        }
                    }
                }
            }
        }
    }

    private static BitSet[] closure(int[][] succ) {
        int n = succ.length;
        BitSet[] reach = new BitSet[n];
        for (int v = 0; v < n; v++) {
            BitSet seen = new BitSet();
            java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
            todo.add(v);
            while (!todo.isEmpty()) {
                for (int t : succ[todo.poll()]) {
                    if (!seen.get(t)) {
                        seen.set(t);
                        todo.add(t);
                    }
                }
            }
            reach[v] = seen;
        }
        return reach;
    }

    private static int[] sorted(int[] a) {
        int[] c = a.clone();
        Arrays.sort(c);
        return c;
    }
}
