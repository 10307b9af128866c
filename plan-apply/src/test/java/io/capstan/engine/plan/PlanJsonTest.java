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

    private static void check(JsonNode plan, List<Expect> expects) throws Exception {
        for (Expect e : expects) {
            assertEquals(JSON.readTree(e.json()), plan.at(e.pointer()), e.pointer() + " in " + plan);
        }
    }
}
