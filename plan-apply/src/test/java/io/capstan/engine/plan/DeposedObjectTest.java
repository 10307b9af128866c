package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capstan.engine.state.StateCodec;
import io.capstan.engine.state.StateFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deposed object in a state terraform 1.11.4 wrote (left by a create-before-destroy whose
 * delete failed) is kept through planning, planned for deletion with its key (also under
 * {@code -destroy}), and destroyed by apply without touching the current object.
 */
class DeposedObjectTest {
    /** As terraform wrote it after a failed delete of a create_before_destroy replacement (ids shortened). */
    private static final String TERRAFORM_STATE = """
            {
              "version": 4,
              "terraform_version": "1.11.4",
              "serial": 5,
              "lineage": "d70bc97c-9f3d-3b6a-f5a7-67209dfed7a8",
              "outputs": {},
              "resources": [
                {
                  "mode": "managed",
                  "type": "terraform_data",
                  "name": "a",
                  "provider": "provider[\\"terraform.io/builtin/terraform\\"]",
                  "instances": [
                    {
                      "schema_version": 0,
                      "attributes": {
                        "id": "new-id",
                        "input": null,
                        "output": null,
                        "triggers_replace": {"value": "two", "type": "string"}
                      },
                      "sensitive_attributes": [],
                      "create_before_destroy": true
                    },
                    {
                      "deposed": "0a1b2c3d",
                      "schema_version": 0,
                      "attributes": {
                        "id": "old-id",
                        "input": null,
                        "output": null,
                        "triggers_replace": {"value": "one", "type": "string"}
                      },
                      "sensitive_attributes": [],
                      "create_before_destroy": true
                    }
                  ]
                }
              ],
              "check_results": null
            }
            """;

    @TempDir
    Path dir;

    @Test
    void plansAndDestroysTheDeposedObjectTerraformLeft() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  triggers_replace = "two"
                  lifecycle {
                    create_before_destroy = true
                  }
                }
                """);
        StateFile prior = StateCodec.read(TERRAFORM_STATE.getBytes(StandardCharsets.UTF_8)).value();
        try (EngineHarness h = new EngineHarness(dir)) {
            h.setState(prior);
            Plan plan = h.plan();
            assertEquals(List.of(), plan.diagnostics().asList());
            List<String> changes = plan.changes().stream()
                    .map(c -> c.address() + "/" + c.deposed() + "/" + String.join(",", c.action().json())).toList();
            assertEquals(List.of("terraform_data.a/null/no-op", "terraform_data.a/0a1b2c3d/delete"), changes);
            String json = PlanJson.of(plan).toString();
            assertTrue(json.contains("\"address\":\"terraform_data.a\",\"mode\":\"managed\",\"type\":\"terraform_data\","
                    + "\"name\":\"a\",\"provider_name\":\"terraform.io/builtin/terraform\",\"deposed\":\"0a1b2c3d\""), json);
            assertTrue(new String(StateCodec.write(plan.priorState()), StandardCharsets.UTF_8)
                    .contains("\"deposed\": \"0a1b2c3d\""), "planning keeps the deposed object in state");

            Plan destroy = h.plan(PlanOptions.defaults().withMode(PlanMode.DESTROY));
            assertEquals(2, destroy.changes().size(), "destroy takes the deposed object too");

            ApplyResult r = h.apply(plan);
            assertEquals(List.of(), r.diagnostics().asList());
            assertEquals(1, r.destroyed());
            var instances = h.state().resources().get(0).instances();
            assertEquals(1, instances.size());
            assertEquals("new-id", instances.get(0).attributes().get("id").asText());
            assertTrue(h.plan().changes().stream().allMatch(c -> c.action() == Action.NO_OP));
        }
    }
}
