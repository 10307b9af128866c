package io.capstan.graph.graph;

import io.capstan.graph.config.ConfigLoader;
import io.capstan.graph.config.ModuleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operation graph as terraform draws it: its transitive reduction (the edges no longer path implies), the
 * declarations sorted with repeats kept, the edges sorted without repeats; and its cost on a large graph.
 * GraphTypesDifferentialTest compares whole graphs with terraform's.
 */
class OperationDotTest {

    @Test
    void anEdgeAnotherPathImpliesIsDropped() {
        OperationDot d = new OperationDot();
        int a = d.add("a", "a", "box");
        int b = d.add("b", "b", "box");
        int c = d.add("c", "c", "box");
        int e = d.add("e", "e", "box");
        d.connect(a, b);
        d.connect(b, c);
        d.connect(a, c); // implied by a -> b -> c
        d.connect(a, e);
        d.connect(e, c); // a diamond: both kept
        d.reduce();
        assertThat(edges(d.write())).containsExactly("a -> b", "a -> e", "b -> c", "e -> c");
    }

    @Test
    void repeatedNamesDrawEachDeclarationButEachEdgeOnce() {
        OperationDot d = new OperationDot();
        int a0 = d.add("x (destroy)", "x", "box");
        int a1 = d.add("x (destroy)", "x", "box");
        int p = d.add("p", "p", "diamond");
        int root = d.add("root", null, null);
        d.connect(a0, p);
        d.connect(a1, p);
        d.connect(root, a0);
        d.connect(root, a1);
        d.reduce();
        assertThat(d.write()).isEqualTo("""
                digraph {
                \tcompound = "true"
                \tnewrank = "true"
                \tsubgraph "root" {
                \t\t"[root] p" [label = "p", shape = "diamond"]
                \t\t"[root] x (destroy)" [label = "x", shape = "box"]
                \t\t"[root] x (destroy)" [label = "x", shape = "box"]
                \t\t"[root] root" -> "[root] x (destroy)"
                \t\t"[root] x (destroy)" -> "[root] p"
                \t}
                }
                """);
    }

    /** Random acyclic graphs: the result is the reduction terraform's definition gives, edge by edge. */
    @Test
    void theReductionOfRandomGraphsIsTheNaiveOne() {
        Random random = new Random(18);
        for (int round = 0; round < 20; round++) {
            int n = 40;
            boolean[][] edge = new boolean[n][n];
            OperationDot d = new OperationDot();
            for (int v = 0; v < n; v++) {
                d.add("v" + (1000 + v), null, null);
            }
            // vertices added in a shuffled order so that the index order is not the topological one
            List<Integer> perm = new ArrayList<>();
            for (int v = 0; v < n; v++) {
                perm.add(v);
            }
            java.util.Collections.shuffle(perm, random);
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (random.nextInt(5) == 0) {
                        edge[perm.get(i)][perm.get(j)] = true;
                        d.connect(perm.get(i), perm.get(j));
                    }
                }
            }
            boolean[][] reach = closure(edge);
            Set<String> expected = new TreeSet<>();
            for (int u = 0; u < n; u++) {
                for (int v = 0; v < n; v++) {
                    if (!edge[u][v]) {
                        continue;
                    }
                    boolean implied = false;
                    for (int w = 0; w < n && !implied; w++) {
                        implied = w != v && edge[u][w] && reach[w][v];
                    }
                    if (!implied) {
                        expected.add("v" + (1000 + u) + " -> v" + (1000 + v));
                    }
                }
            }
            d.reduce();
            assertThat(edges(d.write())).as("round " + round).isEqualTo(expected);
        }
    }

    /**
     * A plan graph of 1,000 resources, each referring to the ten before it (about 11,000 edges, most of them implied):
     * drawn with and without the reduction, CPU time of this thread (the build machine is shared).
     */
    @Test
    void aThousandResourcesAreReducedQuickly(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        int count = 1000;
        for (int i = 0; i < count; i++) {
            sb.append("resource \"terraform_data\" \"r").append(i).append("\" {\n  input = [");
            for (int k = Math.max(0, i - 10); k < i; k++) {
                sb.append("terraform_data.r").append(k).append(".output, ");
            }
            sb.append("]\n}\n");
        }
        Files.writeString(dir.resolve("main.tf"), sb);
        ModuleTree tree = ConfigLoader.load(dir).value();
        ResourceGraph g = GraphBuilder.build(tree, GraphType.PLAN).value();
        DotWriter.operation(g); // warm up the JIT once
        DotWriter.unreduced(g).write();
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = mx.getCurrentThreadCpuTime();
        String unreduced = DotWriter.unreduced(g).write();
        long t1 = mx.getCurrentThreadCpuTime();
        String reduced = DotWriter.operation(g);
        long t2 = mx.getCurrentThreadCpuTime();
        long before = (t1 - t0) / 1_000_000;
        long after = (t2 - t1) / 1_000_000;
        System.out.println("graph -type=plan of 1,000 resources: drawn in " + before + " ms CPU unreduced ("
                + edges(unreduced).size() + " edges), " + after + " ms reduced (" + edges(reduced).size() + " edges)");
        // each resource keeps only its edge to the one before it; r0 its provider; the close node and root one each
        assertThat(edges(reduced)).hasSize(count + 2);
        assertThat(after).isLessThan(1000);
    }

    private static boolean[][] closure(boolean[][] edge) {
        int n = edge.length;
        boolean[][] r = new boolean[n][n];
        for (int u = 0; u < n; u++) {
            r[u] = edge[u].clone();
        }
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                if (r[i][k]) {
                    for (int j = 0; j < n; j++) {
                        r[i][j] |= r[k][j];
                    }
                }
            }
        }
        return r;
    }

    private static Set<String> edges(String dot) {
        Set<String> out = new TreeSet<>();
        for (String line : dot.split("\n")) {
            int arrow = line.indexOf("\" -> \"");
            if (arrow > 0) {
                out.add(line.trim().replace("\"[root] ", "").replace("\"", ""));
            }
        }
        return out;
    }
}
