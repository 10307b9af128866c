package io.capstan.graph.graph;

import io.capstan.graph.addrs.Addresses;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An operation graph as terraform 1.11's {@code graph -type=...} draws it: named vertices (those with a label
 * declared, the others only in edges), edges "depends on", reduced as terraform's plan and apply graph builders
 * end ({@code TransitiveReductionTransformer}: an edge another path implies is dropped), written as terraform's
 * {@code dag} marshals it (declarations sorted by name, duplicates kept; edges sorted, duplicates by name dropped).
 * Vertices are indices; several vertices may share a name (terraform's destroy nodes are named by resource, one
 * per instance).
 */
public final class OperationDot {
    private final List<String> names = new ArrayList<>();
    private final List<String> declarations = new ArrayList<>();
    private final List<int[]> out = new ArrayList<>();
    private final List<Integer> outCount = new ArrayList<>();

    /** Adds a vertex {@code name}, drawn with {@code label} and {@code shape} (not declared when label is null). */
    public int add(String name, String label, String shape) {
        names.add(name);
        declarations.add(label == null ? null
                : "\t\t" + Addresses.quote("[root] " + name) + " [label = " + Addresses.quote(label) + ", shape = \""
                        + shape + "\"]\n");
        out.add(new int[2]);
        outCount.add(0);
        return names.size() - 1;
    }

    public int size() {
        return names.size();
    }

    public String name(int v) {
        return names.get(v);
    }

    /** {@code from} depends on {@code to} (an edge added twice is drawn once). */
    public void connect(int from, int to) {
        int[] a = out.get(from);
        int k = outCount.get(from);
        if (k == a.length) {
            a = java.util.Arrays.copyOf(a, k * 2);
            out.set(from, a);
        }
        a[k] = to;
        outCount.set(from, k + 1);
    }

    /** Whether some edge points at {@code v}. */
    public boolean[] hasDependents() {
        boolean[] has = new boolean[names.size()];
        for (int u = 0; u < names.size(); u++) {
            int[] a = out.get(u);
            for (int i = 0, k = outCount.get(u); i < k; i++) {
                has[a[i]] = true;
            }
        }
        return has;
    }

    /**
     * The transitive reduction, in place: each edge {@code u -> v} with another path from {@code u} to {@code v}
     * is dropped, as terraform's {@code AcyclicGraph.TransitiveReduction} drops it (of an acyclic graph the
     * reduction is unique, so the result is terraform's). Vertices are visited dependencies first, each keeping
     * the set of what it reaches: O(E·V/64) time, V²/8 bytes. A graph with a cycle is left as it is.
     */
    public void reduce() {
        int n = names.size();
        int[] order = dependenciesFirst();
        if (order == null) {
            return;
        }
        BitSet[] reach = new BitSet[n];
        for (int u : order) {
            int[] a = out.get(u);
            int k = outCount.get(u);
            BitSet r = new BitSet(n);
            for (int i = 0; i < k; i++) {
                r.or(reach[a[i]]);
            }
            int kept = 0;
            for (int i = 0; i < k; i++) {
                if (!r.get(a[i])) {
                    a[kept++] = a[i];
                }
            }
            for (int i = 0; i < k; i++) {
                r.set(a[i]);
            }
            outCount.set(u, kept);
            reach[u] = r;
        }
    }

    /** The vertices, each after everything it depends on; null with a cycle. */
    private int[] dependenciesFirst() {
        int n = names.size();
        int[] pending = new int[n]; // dependencies not yet placed
        List<List<Integer>> dependents = new ArrayList<>(n);
        for (int u = 0; u < n; u++) {
            dependents.add(new ArrayList<>(2));
        }
        for (int u = 0; u < n; u++) {
            int[] a = out.get(u);
            int k = outCount.get(u);
            pending[u] = k;
            for (int i = 0; i < k; i++) {
                dependents.get(a[i]).add(u);
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int u = 0; u < n; u++) {
            if (pending[u] == 0) {
                ready.add(u);
            }
        }
        int[] order = new int[n];
        int placed = 0;
        while (!ready.isEmpty()) {
            int v = ready.poll();
            order[placed++] = v;
            for (int u : dependents.get(v)) {
                if (--pending[u] == 0) {
                    ready.add(u);
                }
            }
        }
        return placed == n ? order : null;
    }

    /** The DOT text, as terraform's {@code GraphDot} writes the root module's graph. */
    public String write() {
        StringBuilder sb = new StringBuilder("digraph {\n\tcompound = \"true\"\n\tnewrank = \"true\"\n\tsubgraph \"root\" {\n");
        List<Integer> declared = new ArrayList<>();
        for (int v = 0; v < names.size(); v++) {
            if (declarations.get(v) != null) {
                declared.add(v);
            }
        }
        declared.sort(new ByName());
        for (int v : declared) {
            sb.append(declarations.get(v));
        }
        Set<String> edges = new TreeSet<>();
        for (int u = 0; u < names.size(); u++) {
            int[] a = out.get(u);
            String from = "\t\t" + Addresses.quote("[root] " + names.get(u)) + " -> ";
            for (int i = 0, k = outCount.get(u); i < k; i++) {
                edges.add(from + Addresses.quote("[root] " + names.get(a[i])) + "\n");
            }
        }
        for (String e : edges) {
            sb.append(e);
        }
        return sb.append("\t}\n}\n").toString();
    }

    /** Declarations in name order, as terraform's marshalled vertices. */
    private final class ByName implements java.util.Comparator<Integer> {
        @Override
        public int compare(Integer a, Integer b) {
            int c = names.get(a).compareTo(names.get(b));
            return c != 0 ? c : declarations.get(a).compareTo(declarations.get(b));
        }
    }
}
