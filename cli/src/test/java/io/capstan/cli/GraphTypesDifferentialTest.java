package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.cli.Differential.Streams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graph} as terraform 1.11.4 draws it, for each {@code -type}, of a small configuration that also
 * refers to an undeclared variable (terraform's graph builders evaluate nothing: no error, no edge), and the
 * types terraform refuses ("Unsupported graph type", "Graph type no longer available"): exit code, standard
 * output and standard error compared byte for byte, the operation graphs ({@code plan}, {@code apply},
 * {@code plan-refresh-only}, {@code plan-destroy}) as well (their node and edge sets first, for a readable
 * failure): both draw the transitive reduction of the graph, and plan-destroy from the state.
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
        // the operation graphs: terraform draws them after its transitive reduction, and so does Capstan
        List<String> types = List.of("plan", "apply", "plan-refresh-only", "plan-destroy");
        for (String type : types) {
            sameOperationGraph(dir, type);
        }
        System.out.println("graph types: " + (cases.size() + types.size()) + " runs equal to terraform's");
    }

    /**
     * Terraform plans a destroy from the state, not the configuration: without a state only the root module's
     * outputs are drawn; with a state equal to the configuration, a "(destroy)" vertex per object (named by its
     * resource: a counted resource's instances draw the same line twice), each before the destroy of what it
     * depended on when applied; a resource gone from the configuration but still in the state is drawn too,
     * ordered by the dependencies the state recorded, and in the plan graph as an "(orphan)" vertex per instance
     * (terraform's OrphanResourceInstanceTransformer). The plan graphs of the same runs are compared too: edges a
     * longer path implies (var.v before b, c) are dropped, as terraform's transitive reduction drops them.
     */
    @Test
    void planDestroyIsDrawnFromTheState() throws Exception {
        Differential.terraform();
        Path dir = tmp.resolve("s");
        Files.createDirectories(dir);
        String orphaned = """
                variable "v" {
                  default = "x"
                }

                resource "terraform_data" "a" {
                  count = 2
                  input = var.v
                }

                resource "terraform_data" "b" {
                  input = terraform_data.a[0].output
                }

                resource "terraform_data" "c" {
                  input            = terraform_data.b.output
                  triggers_replace = [terraform_data.a[1].id, var.v]
                }

                locals {
                  l = terraform_data.c.output
                }

                output "o" {
                  value = local.l
                }
                """;
        String full = orphaned + """

                resource "terraform_data" "d" {
                  count = 2
                  input = terraform_data.b.output
                }

                resource "terraform_data" "e" {
                  input = [terraform_data.d[0].output, terraform_data.b.output]
                }
                """;
        Files.writeString(dir.resolve("main.tf"), full);
        List<String> types = List.of("plan-destroy", "plan", "apply");
        for (String type : types) {
            sameOperationGraph(dir, type); // no state
        }
        Streams applied = terraform(dir, List.of("apply", "-auto-approve", "-no-color"));
        assertThat(applied.exit()).as(applied.err()).isZero();
        for (String type : types) {
            sameOperationGraph(dir, type); // the state equal to the configuration
        }
        Files.writeString(dir.resolve("main.tf"), orphaned); // d and e only in the state now
        java.util.Map<String, String> drawn = new java.util.HashMap<>();
        for (String type : types) {
            drawn.put(type, sameOperationGraph(dir, type));
        }
        assertThat(drawn.get("plan-destroy")).as("the orphans are destroyed").contains("terraform_data.e (destroy)");
        assertThat(drawn.get("plan")).as("the orphans are planned").contains("terraform_data.d[1] (orphan)");
        System.out.println("plan-destroy from no state, a state equal to the configuration and a state with "
                + "orphans: terraform's graph (with plan and apply)");
    }

    /**
     * Modules: terraform closes each called module ({@code module.x (close)}, after everything in it, nested
     * modules' closes too) and does not declare a module's variables; its destroy graph orders the objects of a
     * module instance by their recorded dependencies, never across two instances of the same module.
     */
    @Test
    void modulesAreDrawnAsTerraformDrawsThem() throws Exception {
        Differential.terraform();
        Path dir = tmp.resolve("m");
        Files.createDirectories(dir.resolve("net/inner"));
        Files.writeString(dir.resolve("net/inner/main.tf"), """
                variable "in" {}

                resource "terraform_data" "deep" {
                  input = var.in
                }

                output "out" {
                  value = terraform_data.deep.output
                }
                """);
        Files.writeString(dir.resolve("net/main.tf"), """
                variable "cidr" {}

                resource "terraform_data" "vpc" {
                  input = var.cidr
                }

                resource "terraform_data" "subnet" {
                  input = terraform_data.vpc.output
                }

                module "inner" {
                  source = "./inner"
                  in     = terraform_data.subnet.output
                }

                output "subnet" {
                  value = module.inner.out
                }
                """);
        Files.writeString(dir.resolve("main.tf"), """
                module "net" {
                  source = "./net"
                  count  = 2
                  cidr   = "10.${count.index}.0.0/16"
                }

                resource "terraform_data" "db" {
                  input = module.net[0].subnet
                }

                output "db" {
                  value = terraform_data.db.output
                }
                """);
        Streams init = terraform(dir, List.of("init", "-no-color"));
        assertThat(init.exit()).as(init.err()).isZero();
        List<String> types = List.of("plan", "apply", "plan-destroy");
        for (String type : types) {
            sameOperationGraph(dir, type);
        }
        Streams applied = terraform(dir, List.of("apply", "-auto-approve", "-no-color"));
        assertThat(applied.exit()).as(applied.err()).isZero();
        for (String type : types) {
            sameOperationGraph(dir, type);
        }
        System.out.println("graphs of nested, counted modules, before and after apply: terraform's");
    }

    /** {@code graph -type=TYPE} of {@code dir} is terraform's, byte for byte; its standard output. */
    private static String sameOperationGraph(Path dir, String type) throws Exception {
        List<String> args = List.of("graph", "-type=" + type);
        Streams tf = terraform(dir, args);
        Streams cap = capstan(dir, args);
        assertThat(tf.exit()).as(type + "\n" + tf.err()).isZero();
        assertThat(cap.exit()).as(type + "\n" + cap.err()).isZero();
        assertThat(cap.err()).as(type + " (stderr)").isEqualTo(tf.err());
        assertThat(nodes(cap.out())).as(type + ": nodes").isEqualTo(nodes(tf.out()));
        assertThat(edges(cap.out())).as(type + ": edges").isEqualTo(edges(tf.out()));
        assertThat(cap.out()).as(type + " (stdout)").isEqualTo(tf.out());
        return cap.out();
    }

    private static final java.util.regex.Pattern EDGE = java.util.regex.Pattern.compile(
            "(?m)^\\s*(\"(?:[^\"\\\\]|\\\\.)*\") -> (\"(?:[^\"\\\\]|\\\\.)*\")$");
    private static final java.util.regex.Pattern NODE = java.util.regex.Pattern.compile(
            "(?m)^\\s*(\"(?:[^\"\\\\]|\\\\.)*\") \\[label");

    /** The declared nodes, in order, with repeats (terraform draws one destroy line per instance). */
    private static List<String> nodes(String dot) {
        List<String> found = new java.util.ArrayList<>();
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

    private static Streams terraform(Path dir, List<String> args) throws Exception {
        return Differential.tfStreams(dir, args);
    }

    private static Streams capstan(Path dir, List<String> args) {
        return Differential.capStreams(dir, args);
    }
}
