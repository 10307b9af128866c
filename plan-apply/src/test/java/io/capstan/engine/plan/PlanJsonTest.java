package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON plan for a create and then an update, field by field against what {@code terraform
 * show -json} printed for the same configuration (recorded with Terraform 1.11.4).
 */
class PlanJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Expect(String pointer, String json) {
    }

    @Test
    void createThenUpdateAsTerraformShowsThem() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                variable "v" {
                  default = "one"
                }
                resource "terraform_data" "a" {
                  input = var.v
                }
                output "o" {
                  value = terraform_data.a.output
                }
                """);
        try (EngineHarness h = new EngineHarness(dir)) {
            JsonNode create = PlanJson.of(h.plan());
            check(create, List.of(
                    new Expect("/format_version", "\"1.2\""),
                    new Expect("/variables/v/value", "\"one\""),
                    new Expect("/resource_changes/0/address", "\"terraform_data.a\""),
                    new Expect("/resource_changes/0/provider_name", "\"terraform.io/builtin/terraform\""),
                    new Expect("/resource_changes/0/change/actions", "[\"create\"]"),
                    new Expect("/resource_changes/0/change/before", "null"),
                    new Expect("/resource_changes/0/change/after", "{\"input\":\"one\",\"triggers_replace\":null}"),
                    new Expect("/resource_changes/0/change/after_unknown", "{\"id\":true,\"output\":true}"),
                    new Expect("/resource_changes/0/change/before_sensitive", "false"),
                    new Expect("/resource_changes/0/change/after_sensitive", "{}"),
                    new Expect("/output_changes/o/actions", "[\"create\"]"),
                    new Expect("/output_changes/o/after_unknown", "true"),
                    new Expect("/applyable", "true"),
                    new Expect("/errored", "false")));
            h.apply(h.plan());
            JsonNode update = PlanJson.of(h.plan(PlanOptions.defaults().withVars(
                    List.of(new io.capstan.graph.config.InputVariables.CliArg(false, "v=two")), java.util.Map.of())));
            check(update, List.of(
                    new Expect("/resource_changes/0/change/actions", "[\"update\"]"),
                    new Expect("/resource_changes/0/change/before/input", "\"one\""),
                    new Expect("/resource_changes/0/change/before/output", "\"one\""),
                    new Expect("/resource_changes/0/change/after/input", "\"two\""),
                    new Expect("/resource_changes/0/change/after_unknown", "{\"output\":true}"),
                    new Expect("/output_changes/o/actions", "[\"update\"]"),
                    new Expect("/output_changes/o/before", "\"one\"")));
        }
    }

    /**
     * The plan a run renders without writing a plan file is the whole JSON plan less
     * {@code planned_values}: every other member, in the same order, with the same content.
     */
    @Test
    void renderingPlanIsTheWholePlanWithoutPlannedValues() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                variable "v" {
                  default = "one"
                }
                resource "terraform_data" "a" {
                  count = 2
                  input = var.v
                }
                resource "terraform_data" "gone" {
                  input = "x"
                }
                output "o" {
                  value = terraform_data.a[0].output
                }
                """);
        try (EngineHarness h = new EngineHarness(dir)) {
            h.apply(h.plan());
            Files.writeString(dir.resolve("main.tf"), Files.readString(dir.resolve("main.tf"))
                    .replace("default = \"one\"", "default = \"two\"")
                    .replace("resource \"terraform_data\" \"gone\" {\n  input = \"x\"\n}\n", ""));
            Plan plan = h.plan();
            com.fasterxml.jackson.databind.node.ObjectNode whole = PlanJson.of(plan);
            com.fasterxml.jackson.databind.node.ObjectNode rendering = PlanJson.forRendering(plan);
            assertEquals(true, whole.has("planned_values"));
            assertEquals(false, rendering.has("planned_values"));
            whole.remove("planned_values");
            // both carry their own timestamp, taken to the second
            whole.remove("timestamp");
            rendering.remove("timestamp");
            assertEquals(List.copyOf(iterable(whole.fieldNames())), List.copyOf(iterable(rendering.fieldNames())));
            assertEquals(whole, rendering);
            assertEquals(List.of("[\"update\"]", "[\"update\"]", "[\"delete\"]"),
                    List.of(rendering.at("/resource_changes/0/change/actions").toString(),
                            rendering.at("/resource_changes/1/change/actions").toString(),
                            rendering.at("/resource_changes/2/change/actions").toString()));
        }
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static void check(JsonNode plan, List<Expect> expects) throws Exception {
        for (Expect e : expects) {
            assertEquals(JSON.readTree(e.json()), plan.at(e.pointer()), e.pointer() + " in " + plan);
        }
    }
}
