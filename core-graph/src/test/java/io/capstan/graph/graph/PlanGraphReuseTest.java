package io.capstan.graph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.graph.config.ConfigLoader;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan graph that goes on from the validate graph's build ({@link GraphBuilder#plan}) is the one built
 * afresh ({@code build(config, PLAN)}): the same nodes in the same order, the same edges in the same walk order,
 * the same diagnostics in the same order, without those of the validate graph's schema checks.
 */
class PlanGraphReuseTest {
    @TempDir
    Path tmp;

    /** Knows every plugin type; warns about every reference it checks, so the plan graph must leave those out. */
    private static final ResourceTypeSchemas WARNING_SCHEMAS = (provider, mode, type, steps, diags) -> {
        diags.add(Diagnostic.warning("Checked against " + type + "'s schema", steps.toString(), null));
        return true;
    };

    private static List<String> shape(ResourceGraph g) {
        List<String> out = new ArrayList<>();
        for (GraphNode n : g.nodes()) {
            out.add("node " + n.name());
            for (GraphNode d : g.dependencies(n)) {
                out.add("  after " + d.name());
            }
        }
        for (GraphNode n : g.walkOrder()) {
            out.add("walk " + n.name());
        }
        return out;
    }

    private static List<String> texts(Iterable<Diagnostic> ds) {
        List<String> out = new ArrayList<>();
        ds.forEach(d -> out.add(d.toString()));
        return out;
    }

    /** Checks one configuration; whether its validate graph had no errors (so the plan graph was reused). */
    private static boolean same(ModuleTree tree, ResourceTypeSchemas schemas) {
        GraphBuilder.Reuse reuse = new GraphBuilder.Reuse();
        Result<ResourceGraph> validate = GraphBuilder.build(tree, GraphType.VALIDATE, schemas, reuse);
        Result<ResourceGraph> reused = GraphBuilder.plan(reuse, tree);
        if (validate.hasErrors() || validate.value() == null) {
            assertThat(reused).isNull();
            return false;
        }
        Result<ResourceGraph> fresh = GraphBuilder.build(tree, GraphType.PLAN);
        assertThat(reused).isNotNull();
        assertThat(reused.value().type()).isEqualTo(GraphType.PLAN);
        assertThat(shape(reused.value())).containsExactlyElementsOf(shape(fresh.value()));
        assertThat(texts(reused.diagnostics())).containsExactlyElementsOf(texts(fresh.diagnostics()));
        // once only, and the validate graph is left as it was
        assertThat(GraphBuilder.plan(reuse, tree)).isNull();
        assertThat(shape(validate.value())).containsExactlyElementsOf(
                shape(GraphBuilder.build(tree, GraphType.VALIDATE, schemas).value()));
        return true;
    }

    @Test
    void conformanceConfigurations() throws IOException {
        Path configs = Path.of("..", "conformance", "configs");
        int reused = 0;
        int checked = 0;
        try (Stream<Path> s = Files.list(configs)) {
            for (Path c : s.sorted().toList()) {
                Result<ModuleTree> loaded = ConfigLoader.load(c);
                if (loaded.value() == null || loaded.diagnostics().hasErrors()) {
                    continue;
                }
                checked++;
                reused += same(loaded.value(), WARNING_SCHEMAS) ? 1 : 0;
            }
        }
        assertThat(checked).isGreaterThan(30);
        assertThat(reused).isGreaterThan(20);
    }

    @Test
    void schemaWarningsAreTheValidateGraphsOnly() throws IOException {
        Files.writeString(tmp.resolve("main.tf"), """
                terraform {
                  required_providers {
                    null = { source = "hashicorp/null" }
                  }
                }
                resource "null_resource" "a" {
                  count = 2
                }
                resource "terraform_data" "b" {
                  input = [null_resource.a[0].id, null_resource.a[1].triggers]
                }
                output "o" {
                  value = null_resource.a[*].id
                }
                module "m" {
                  source = "./m"
                  x      = terraform_data.b.output
                }
                """);
        Files.createDirectories(tmp.resolve("m"));
        Files.writeString(tmp.resolve("m/main.tf"), """
                variable "x" {}
                resource "terraform_data" "c" {
                  input = var.x
                }
                """);
        ModuleTree tree = ConfigLoader.load(tmp).value();
        GraphBuilder.Reuse reuse = new GraphBuilder.Reuse();
        Result<ResourceGraph> validate = GraphBuilder.build(tree, GraphType.VALIDATE, WARNING_SCHEMAS, reuse);
        assertThat(texts(validate.diagnostics())).anyMatch(t -> t.contains("Checked against null_resource"));
        assertThat(GraphBuilder.plan(reuse, tree)).isNotNull();
        assertThat(same(tree, WARNING_SCHEMAS)).isTrue();
    }

    @Test
    void notReusedForAnotherConfigurationOrAfterErrors() throws IOException {
        Files.writeString(tmp.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  input = terraform_data.missing.output
                }
                """);
        ModuleTree bad = ConfigLoader.load(tmp).value();
        assertThat(same(bad, ResourceTypeSchemas.NONE)).isFalse();
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("main.tf"), "resource \"terraform_data\" \"a\" {}\n");
        ModuleTree good = ConfigLoader.load(other).value();
        GraphBuilder.Reuse reuse = new GraphBuilder.Reuse();
        GraphBuilder.build(good, GraphType.VALIDATE, ResourceTypeSchemas.NONE, reuse);
        assertThat(GraphBuilder.plan(reuse, ConfigLoader.load(other).value())).isNull();
    }
}
