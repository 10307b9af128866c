package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.cli.Differential.Streams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graph} as terraform 1.11.4 draws it, for each {@code -type}, of a small configuration that also
 * refers to an undeclared variable (terraform's graph builders evaluate nothing: no error, no edge), and the
 * types terraform refuses ("Unsupported graph type", "Graph type no longer available"): exit code, standard
 * output and standard error compared byte for byte. The operation graphs ({@code plan}, {@code apply},
 * {@code plan-refresh-only}) are compared by their nodes and what comes before what: terraform draws the
 * transitive reduction of its graph, Capstan every edge (a known difference, in core-graph's DotWriter).
 * Skipped, with a printed reason, when terraform is absent.
 */
class GraphTypesDifferentialTest {
    @TempDir
    Path tmp;


    @Test
    void graphOfEachTypeIsTerraformsDespiteAnUndeclaredReference() throws Exception {
        Differential.terraform();
        Path dir = tmp.resolve("w");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  input = var.nope
                }

                resource "terraform_data" "b" {
                  input = terraform_data.a.output
                }

                output "o" {
                  value = local.missing
                }
                """);
        List<List<String>> cases = List.of(List.of("graph"), List.of("graph", "-type="), List.of("graph", "-type=sideways"),
                List.of("graph", "-no-color", "-type=validate"), List.of("graph", "-type=eval"));
        for (List<String> args : cases) {
            String what = String.join(" ", args);
            Streams tf = terraform(dir, args);
            Streams cap = capstan(dir, args);
            assertThat(cap.exit()).as(what + "\n" + cap.err()).isEqualTo(tf.exit());
            assertThat(cap.out()).as(what + " (stdout)").isEqualTo(tf.out());
            assertThat(cap.err()).as(what + " (stderr)").isEqualTo(tf.err());
        }
        // the operation graphs: the same nodes and the same order of work (the edges' transitive closure);
        // terraform also drops each edge another path implies (its transitive reduction), Capstan's keeps them
        List<String> types = List.of("plan", "apply", "plan-refresh-only");
        for (String type : types) {
            List<String> args = List.of("graph", "-type=" + type);
            Streams tf = terraform(dir, args);
            Streams cap = capstan(dir, args);
            assertThat(tf.exit()).as(type + "\n" + tf.err()).isZero();
            assertThat(cap.exit()).as(type + "\n" + cap.err()).isZero();
            assertThat(cap.err()).as(type + " (stderr)").isEqualTo(tf.err());
            assertThat(nodes(cap.out())).as(type + ": nodes").isEqualTo(nodes(tf.out())).isNotEmpty();
            assertThat(closure(cap.out())).as(type + ": what comes before what").isEqualTo(closure(tf.out()));
            assertThat(edges(cap.out())).as(type + ": terraform's edges").containsAll(edges(tf.out()));
        }
        System.out.println("graph types: " + cases.size() + " runs equal to terraform's, " + types.size()
                + " operation graphs of the same nodes and order (not compared: plan-destroy, whose graph "
                + "terraform draws from the state, Capstan from the configuration)");
    }

    private static final java.util.regex.Pattern EDGE = java.util.regex.Pattern.compile(
            "(?m)^\\s*(\"(?:[^\"\\\\]|\\\\.)*\") -> (\"(?:[^\"\\\\]|\\\\.)*\")$");
    private static final java.util.regex.Pattern NODE = java.util.regex.Pattern.compile(
            "(?m)^\\s*(\"(?:[^\"\\\\]|\\\\.)*\") \\[label");

    private static java.util.Set<String> nodes(String dot) {
        java.util.Set<String> found = new java.util.TreeSet<>();
        java.util.regex.Matcher m = NODE.matcher(dot);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static java.util.Set<String> edges(String dot) {
        java.util.Set<String> found = new java.util.TreeSet<>();
        java.util.regex.Matcher m = EDGE.matcher(dot);
        while (m.find()) {
            found.add(m.group(1) + " -> " + m.group(2));
        }
        return found;
    }

    /** Every pair (a, b) with a path from a to b. */
    private static java.util.Set<String> closure(String dot) {
        Map<String, java.util.Set<String>> next = new java.util.TreeMap<>();
        java.util.regex.Matcher m = EDGE.matcher(dot);
        while (m.find()) {
            next.computeIfAbsent(m.group(1), k -> new java.util.TreeSet<>()).add(m.group(2));
        }
        java.util.Set<String> pairs = new java.util.TreeSet<>();
        for (String from : next.keySet()) {
            java.util.Deque<String> todo = new java.util.ArrayDeque<>(next.get(from));
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (!todo.isEmpty()) {
                String n = todo.pop();
                if (seen.add(n)) {
                    pairs.add(from + " -> " + n);
                    todo.addAll(next.getOrDefault(n, java.util.Set.of()));
                }
            }
        }
        return pairs;
    }

    private static Streams terraform(Path dir, List<String> args) throws Exception {
        return Differential.tfStreams(dir, args);
    }

    private static Streams capstan(Path dir, List<String> args) {
        return Differential.capStreams(dir, args);
    }
}
