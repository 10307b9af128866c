package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a saved plan holds and what applying it prints, run by the real {@code terraform} 1.11 and by
 * Capstan:
 * <ul>
 * <li>{@code checks} for resource pre/postconditions and output preconditions beside a check
 *     block: in {@code show -json} of the plan ("unknown" until the objects exist), then after an
 *     apply whose postcondition fails for one instance, in state's {@code check_results} and
 *     {@code show -json} of the state;</li>
 * <li>an errored plan made against a state with outputs: {@code prior_state} carries them, and
 *     {@code resource_changes} the deletion of a resource whose block is gone;</li>
 * <li>{@code apply PLANFILE} shows no read of a data source the plan already read.</li>
 * </ul>
 * Skipped, with a printed reason, when terraform is absent.
 */
class PlanFileContentDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void conditionsAreCheckResultsAsInTerraform() throws Exception {
        TwinDirs d = TwinDirs.fromResource(tmp, "condition-checks");
        d.bothOk("plan", "-input=false", "-no-color", "-out=tfplan");
        JsonNode tPlan = JSON.readTree(Differential.tfOk(d.t(), "show", "-json", "tfplan"));
        JsonNode cPlan = JSON.readTree(Differential.capOk(d.c(), "show", "-json", "tfplan"));
        assertThat(tPlan.path("checks").toString()).contains("\"kind\":\"resource\"", "\"kind\":\"output_value\"",
                "\"status\":\"unknown\"");
        assertThat(cPlan.path("checks")).isEqualTo(tPlan.path("checks"));

        Differential.Run[] apply = d.both("apply", "-input=false", "-no-color", "tfplan");
        assertThat(apply[0].out()).contains("Error: Resource postcondition failed");
        assertThat(apply[1].exit()).isEqualTo(apply[0].exit()).isEqualTo(1);
        assertThat(checkResults(d.c())).isEqualTo(checkResults(d.t()));
        assertThat(checkResults(d.t()).toString()).contains("\"failure_messages\":[\"output is x1\"]");
        assertThat(JSON.readTree(Differential.capOk(d.c(), "show", "-json")).path("checks"))
                .isEqualTo(JSON.readTree(Differential.tfStdout(d.t(), "show", "-json").out()).path("checks"));
    }

    @Test
    void erroredPlanCarriesThePriorOutputsAndSavedPlanApplyShowsNoReads() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                resource "terraform_data" "ok" {
                  input = "x"
                }
                output "o" {
                  value = terraform_data.ok.output
                }
                output "p" {
                  value = "x"
                }
                """);
        d.bothOk("apply", "-input=false", "-no-color", "-auto-approve");
        Files.copy(d.t().resolve("terraform.tfstate"), tmp.resolve("other.tfstate"));

        // a data source that fails: an errored plan file, made against a state with outputs
        String base = Files.readString(d.t().resolve("main.tf"));
        d.write(base + """
                data "terraform_remote_state" "r" {
                  backend = "local"
                  config  = { path = "nope.tfstate" }
                }
                """);
        Differential.Run[] errored = d.both("plan", "-input=false", "-no-color", "-out=tfplan");
        assertThat(errored[1].exit()).isEqualTo(errored[0].exit()).isEqualTo(1);
        JsonNode tShow = JSON.readTree(Differential.tfOk(d.t(), "show", "-json", "tfplan"));
        JsonNode cShow = JSON.readTree(Differential.capOk(d.c(), "show", "-json", "tfplan"));
        assertThat(tShow.path("errored").asBoolean()).isTrue();
        assertThat(tShow.at("/prior_state/values/outputs").size()).isEqualTo(2);
        assertThat(cShow.at("/prior_state/values/outputs")).isEqualTo(tShow.at("/prior_state/values/outputs"));
        assertThat(cShow.at("/prior_state/values/root_module/resources/0/values/input"))
                .isEqualTo(tShow.at("/prior_state/values/root_module/resources/0/values/input"));

        // the same without the resource block: the errored plan still plans its deletion, as terraform's
        d.write("""
                data "terraform_remote_state" "r" {
                  backend = "local"
                  config  = { path = "nope.tfstate" }
                }
                """);
        errored = d.both("plan", "-input=false", "-no-color", "-out=tfplan");
        assertThat(errored[1].exit()).isEqualTo(errored[0].exit()).isEqualTo(1);
        tShow = JSON.readTree(Differential.tfOk(d.t(), "show", "-json", "tfplan"));
        cShow = JSON.readTree(Differential.capOk(d.c(), "show", "-json", "tfplan"));
        assertThat(tShow.at("/resource_changes/0/change/actions/0").asText()).isEqualTo("delete");
        for (String field : List.of("resource_changes", "output_changes")) {
            assertThat(withoutIds(cShow.path(field).toString())).as(field)
                    .isEqualTo(withoutIds(tShow.path(field).toString()));
        }

        // a data source read while planning: applying the saved plan reads nothing again
        d.write(base + """
                data "terraform_remote_state" "r" {
                  backend = "local"
                  config  = { path = "../other.tfstate" }
                }
                resource "terraform_data" "x" {
                  input = data.terraform_remote_state.r.outputs.p
                }
                """);
        d.bothOk("plan", "-input=false", "-no-color", "-out=tfplan");
        String[] apply = d.bothOk("apply", "-input=false", "-no-color", "tfplan");
        assertThat(apply[0]).doesNotContain("Reading...");
        assertThat(withoutIds(apply[1])).isEqualTo(withoutIds(apply[0]));
    }

    private static String withoutIds(String out) {
        return out.replaceAll("\\[id=[^]]*]", "[id=…]").replaceAll("after \\d+s", "after Ns")
                .replaceAll("\"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\"", "\"ID\"");
    }

    /**
     * The state's {@code check_results} in address order, each one's objects too (terraform writes
     * both in no fixed order).
     */
    private static List<String> checkResults(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode r : JSON.readTree(dir.resolve("terraform.tfstate").toFile()).path("check_results")) {
            List<JsonNode> objects = new ArrayList<>();
            r.path("objects").forEach(objects::add);
            objects.sort(java.util.Comparator.comparing(o -> o.path("object_addr").asText()));
            ((com.fasterxml.jackson.databind.node.ObjectNode) r).putArray("objects").addAll(objects);
            out.add(r.toString());
        }
        out.sort(null);
        return out;
    }
}
