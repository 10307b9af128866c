package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.engine.state.InstanceState;
import io.capstan.engine.state.ResourceState;
import io.capstan.engine.state.StateCodec;
import io.capstan.hcl.diag.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code moved} blocks across resource types, as terraform 1.9+ carries them out with its
 * built-in provider: a {@code null_resource} of hashicorp/null in state becomes a
 * {@code terraform_data} (same id, triggers as {@code triggers_replace}) through
 * MoveResourceState, the plan shows it as moved ({@code previous_address}) with no other change,
 * apply records it under the new address and type, and the next plan is clean; refused moves
 * fail the plan with the provider's words. Plain renames show {@code previous_address} too.
 */
class MovedAcrossTypesTest {
    @TempDir
    Path dir;

    /** A state holding {@code null_resource.a} written by terraform with hashicorp/null (or {@code source}). */
    private static String nullResourceState(String source, String module) {
        return """
                {"version": 4, "terraform_version": "1.11.4", "serial": 3, "lineage": "b4b6c5a4-1f6e-4a64-9a4d-3f0c1c2f7e11",
                 "outputs": {}, "resources": [{"mode": "managed", %s"type": "null_resource", "name": "a",
                 "provider": "provider[\\"%s\\"]", "instances": [{"schema_version": 0,
                 "attributes": {"id": "4718538471519580213", "triggers": {"version": "1"}},
                 "sensitive_attributes": []}]}], "check_results": null}
                """.formatted(module.isEmpty() ? "" : "\"module\": \"" + module + "\", ", source);
    }

    private EngineHarness harness(String state) {
        EngineHarness h = new EngineHarness(dir);
        h.setState(StateCodec.read(state.getBytes(StandardCharsets.UTF_8)).value());
        return h;
    }

    private static InstanceState only(io.capstan.engine.state.StateFile s, String type) {
        List<ResourceState> rs = s.resources().stream().filter(r -> r.mode().equals("managed")).toList();
        assertEquals(1, rs.size(), "one managed resource in " + s.instanceAddresses());
        assertEquals(type, rs.get(0).type());
        return rs.get(0).instances().get(0);
    }

    /** Where the target lives: the root module or a child module (moves across module boundaries). */
    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of("root", "terraform_data.b", ""),
                Arguments.of("into a module", "module.m.terraform_data.b", "m"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void nullResourceBecomesTerraformDataWithoutChanges(String name, String to, String module) throws Exception {
        String resource = """
                resource "terraform_data" "b" {
                  triggers_replace = { version = "1" }
                }
                """;
        if (module.isEmpty()) {
            Files.writeString(dir.resolve("main.tf"), resource + """
                    moved {
                      from = null_resource.a
                      to   = terraform_data.b
                    }
                    """);
        } else {
            Files.createDirectories(dir.resolve(module));
            Files.writeString(dir.resolve(module).resolve("main.tf"), resource);
            Files.writeString(dir.resolve("main.tf"), """
                    module "m" {
                      source = "./m"
                    }
                    moved {
                      from = null_resource.a
                      to   = module.m.terraform_data.b
                    }
                    """);
        }
        try (EngineHarness h = harness(nullResourceState("registry.terraform.io/hashicorp/null", ""))) {
            Plan plan = h.plan();
            assertEquals(List.of(), plan.diagnostics().asList());
            assertEquals(1, plan.changes().size());
            ResourceChange c = plan.changes().get(0);
            assertEquals(to, c.address());
            assertEquals(Action.NO_OP, c.action(), "triggers carried over as triggers_replace: nothing to change");
            assertEquals("null_resource.a", plan.previousAddress(c));
            assertTrue(plan.hasChanges(), "a move alone is a change to apply, as terraform's -detailed-exitcode says");
            JsonNode rc = PlanJson.of(plan).path("resource_changes").get(0);
            assertEquals("null_resource.a", rc.path("previous_address").asText());
            assertEquals("4718538471519580213", rc.at("/change/before/id").asText());
            assertEquals("1", rc.at("/change/before/triggers_replace/version").asText());

            h.apply(plan);
            assertEquals(List.of(to), h.state().instanceAddresses());
            InstanceState i = only(h.state(), "terraform_data");
            assertEquals("4718538471519580213", i.attributes().path("id").asText(), "the same object, the same id");
            assertTrue(i.attributes().path("input").isNull());
            assertEquals("provider[\"terraform.io/builtin/terraform\"]",
                    h.state().resources().get(0).provider().replace("module.m.", ""));

            Plan again = h.plan();
            assertEquals(List.of(), again.diagnostics().asList());
            assertEquals(false, again.hasChanges(), "a second plan is clean after the move");
        }
    }

    /** Sources the built-in provider refuses, with terraform's summaries; the plan fails and state stays as it was. */
    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("another provider's null_resource", "registry.terraform.io/acme/null", "null_resource",
                        "Unsupported source provider for move operation"),
                Arguments.of("a type other than null_resource", "registry.terraform.io/hashicorp/null",
                        "null_data_thing", "Unsupported source resource type for move operation"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedMovesFailThePlan(String name, String source, String type, String summary) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "b" {}
                moved {
                  from = %s.a
                  to   = terraform_data.b
                }
                """.formatted(type));
        String state = nullResourceState(source, "").replace("\"type\": \"null_resource\"", "\"type\": \"" + type + "\"");
        try (EngineHarness h = harness(state)) {
            Plan plan = h.plan();
            assertTrue(plan.hasErrors());
            assertEquals(List.of(summary), plan.diagnostics().asList().stream().map(Diagnostic::summary).toList());
            assertEquals(List.of(type + ".a"), plan.priorState().instanceAddresses(), "nothing moved");
        }
    }

    @Test
    void plainRenameShowsThePreviousAddress() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  input = "x"
                }
                """);
        try (EngineHarness h = new EngineHarness(dir)) {
            h.apply(h.plan());
            Files.writeString(dir.resolve("main.tf"), """
                    resource "terraform_data" "b" {
                      input = "x"
                    }
                    moved {
                      from = terraform_data.a
                      to   = terraform_data.b
                    }
                    """);
            Plan plan = h.plan();
            assertEquals(List.of(), plan.diagnostics().asList());
            ResourceChange c = plan.changes().get(0);
            assertEquals(Action.NO_OP, c.action());
            assertEquals("terraform_data.a", plan.previousAddress(c));
            assertTrue(plan.hasChanges());
            assertEquals("terraform_data.a", PlanJson.of(plan).at("/resource_changes/0/previous_address").asText());
        }
    }
}
