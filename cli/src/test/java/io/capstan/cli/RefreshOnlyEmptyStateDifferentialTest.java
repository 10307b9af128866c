package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refresh-only plan of an empty state whose outputs refer to a resource, run by the real
 * {@code terraform} 1.11 and by Capstan. The resource has no object, so what refers to it is
 * unknown: the plan shows "+ o = (known after apply)", {@code show -json} calls it not applyable,
 * and {@code apply -refresh-only} shows the plan, then fails with "Cannot apply non-applyable plan",
 * writing no state (human and {@code -json}). With an output whose value is known beside it the plan
 * applies, and the unknown part is saved as null. Skipped, with a printed reason, when terraform is
 * absent.
 */
class RefreshOnlyEmptyStateDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String RESOURCE = """
            resource "terraform_data" "a" {
              input = "x"
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void anOutputOnlyUnknownIsPlannedButNotApplyable() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, RESOURCE + """
                output "o" {
                  value = terraform_data.a.output
                }
                """);
        String[] plan = d.bothOk("plan", "-input=false", "-no-color", "-refresh-only", "-out=tfplan");
        assertThat(plan[0]).contains("+ o = (known after apply)");
        assertThat(DriftDifferentialTest.body(plan[1])).isEqualTo(DriftDifferentialTest.body(plan[0]));
        JsonNode tShow = JSON.readTree(Differential.tfOk(d.t(), "show", "-json", "tfplan"));
        JsonNode cShow = JSON.readTree(Differential.capOk(d.c(), "show", "-json", "tfplan"));
        assertThat(tShow.path("applyable").asBoolean(true)).isFalse();
        for (String field : List.of("applyable", "complete", "errored", "output_changes", "planned_values")) {
            assertThat(cShow.path(field)).as(field).isEqualTo(tShow.path(field));
        }

        Differential.Run[] apply = d.both("apply", "-input=false", "-no-color", "-refresh-only", "-auto-approve");
        assertThat(apply[0].exit()).isEqualTo(1);
        assertThat(apply[0].out()).contains("+ o = (known after apply)", "Error: Cannot apply non-applyable plan");
        assertThat(apply[1].exit()).isEqualTo(1);
        assertThat(apply[1].out().strip()).isEqualTo(apply[0].out().strip());
        assertThat(Files.exists(d.c().resolve("terraform.tfstate"))).isEqualTo(Files.exists(d.t().resolve("terraform.tfstate")))
                .isFalse();

        Differential.Run[] saved = d.both("apply", "-input=false", "-no-color", "tfplan");
        assertThat(saved[0].exit()).isEqualTo(1);
        assertThat(saved[1].exit()).isEqualTo(1);
        assertThat(saved[1].out().strip()).isEqualTo(saved[0].out().strip());

        Differential.Run tJson = Differential.tf(d.t(), "apply", "-input=false", "-json", "-refresh-only", "-auto-approve");
        Differential.Run cJson = Differential.cap(d.c(), "apply", "-input=false", "-json", "-refresh-only", "-auto-approve");
        assertThat(cJson.exit()).isEqualTo(tJson.exit()).isEqualTo(1);
        assertThat(messages(cJson.out())).isEqualTo(messages(tJson.out()));
    }

    @Test
    void aKnownOutputBesideMakesItApplyableAndTheUnknownIsSavedAsNull() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, RESOURCE + """
                output "o" {
                  value = ["x", terraform_data.a.output]
                }
                output "p" {
                  value = "hi"
                }
                """);
        String[] apply = d.bothOk("apply", "-input=false", "-no-color", "-refresh-only", "-auto-approve");
        assertThat(apply[0]).contains("Apply complete!", "p = \"hi\"");
        assertThat(DriftDifferentialTest.body(apply[1])).isEqualTo(DriftDifferentialTest.body(apply[0]));
        JsonNode tState = JSON.readTree(d.t().resolve("terraform.tfstate").toFile());
        JsonNode cState = JSON.readTree(d.c().resolve("terraform.tfstate").toFile());
        assertThat(tState.at("/outputs/o/value").toString()).isEqualTo("[\"x\",null]");
        assertThat(cState.path("outputs")).isEqualTo(tState.path("outputs"));

        // now "o" would change from ["x", null] to ["x", (known after apply)] and "p" not at all
        Differential.Run[] again = d.both("apply", "-input=false", "-no-color", "-refresh-only", "-auto-approve");
        assertThat(again[0].exit()).isEqualTo(1);
        assertThat(again[0].out()).contains("Error: Cannot apply non-applyable plan");
        assertThat(again[1].exit()).isEqualTo(1);
        assertThat(again[1].out().strip()).isEqualTo(again[0].out().strip());
    }

    /** The messages of a {@code -json} run without timestamps and the version line. */
    private static List<String> messages(String jsonl) throws Exception {
        return Differential.uiMessages(jsonl).stream().map(ObjectNode::toString).toList();
    }
}
