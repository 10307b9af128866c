package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plans that fail inside planning, run by the real {@code terraform} 1.11 and by Capstan, compared
 * as a user or a tool reading {@code -json} would see them:
 * <ul>
 * <li>{@code nothing-planned}: the only block fails (a missing remote state). Terraform still says
 *     "Planning failed.", writes an errored plan file ({@code show} presents it, {@code apply}
 *     refuses it) and streams an empty change summary before the error.</li>
 * <li>{@code partial}: one resource planned before a data source failed: the {@code -json} stream
 *     carries the planned change, the change summary and the outputs, and no "Read errored" line.</li>
 * <li>{@code import-error}: an import block whose ImportResourceState fails: terraform's
 *     diagnostic has no source range and no address.</li>
 * </ul>
 * Plus the {@code function_call} snippet field of diagnostics raised by function calls. Skipped,
 * with a printed reason, only when terraform is not on the PATH.
 */
class ErroredPlanStreamDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path[] dirs(String scenario) throws Exception {
        TwinDirs d = TwinDirs.fromResource(tmp, "errored-plan-stream/" + scenario,
                scenario.equals("import-error") ? new String[] {"random"} : new String[0]);
        return new Path[] {d.t(), d.c()};
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nothing-planned", "partial", "import-error"})
    void erroredPlanLooksAsTerraformsInTextJsonAndPlanFile(String scenario) throws Exception {
        Differential.terraform();
        Path[] d = dirs(scenario);
        Path t = d[0];
        Path c = d[1];

        var tPlan = Differential.tf(t, "plan", "-input=false", "-no-color", "-out=tfplan");
        var cPlan = Differential.cap(c, "plan", "-input=false", "-no-color", "-out=tfplan");
        assertThat(tPlan.out()).containsAnyOf("Planning failed.", "but then encountered a problem:");
        assertThat(cPlan.exit()).isEqualTo(tPlan.exit()).isEqualTo(1);
        assertThat(cPlan.out()).isEqualTo(tPlan.out());

        assertThat(t.resolve("tfplan")).exists();
        assertThat(c.resolve("tfplan")).as("an errored plan file, as terraform writes").exists();
        JsonNode tShow = JSON.readTree(Differential.tfOk(t, "show", "-json", "tfplan"));
        JsonNode cShow = JSON.readTree(Differential.capOk(c, "show", "-json", "tfplan"));
        for (String field : List.of("errored", "applyable", "complete", "planned_values", "resource_changes",
                "output_changes")) {
            assertThat(cShow.path(field)).as(field).isEqualTo(tShow.path(field));
        }
        assertThat(Differential.cap(c, "show", "-no-color", "tfplan"))
                .isEqualTo(Differential.tf(t, "show", "-no-color", "tfplan"));
        var tApply = Differential.tf(t, "apply", "-input=false", "-no-color", "tfplan");
        var cApply = Differential.cap(c, "apply", "-input=false", "-no-color", "tfplan");
        assertThat(cApply.out()).contains("Cannot apply incomplete plan").isEqualTo(tApply.out());
        assertThat(cApply.exit()).isEqualTo(tApply.exit()).isEqualTo(1);

        List<ObjectNode> tJson = stream(Differential.tf(t, "plan", "-input=false", "-json").out());
        List<ObjectNode> cJson = stream(Differential.cap(c, "plan", "-input=false", "-json").out());
        assertThat(tJson).anyMatch(m -> m.path("type").asText().equals("change_summary"));
        assertThat(cJson).isEqualTo(tJson);
    }

    @Test
    void functionCallDiagnosticsCarryTerraformsFunctionCallSnippet() throws Exception {
        Differential.terraform();
        Path[] d = dirs("function-call");
        List<JsonNode> tCalls = functionCalls(Differential.tf(d[0], "plan", "-input=false", "-json").out());
        List<JsonNode> cCalls = functionCalls(Differential.cap(d[1], "plan", "-input=false", "-json").out());
        assertThat(tCalls).hasSize(4);
        assertThat(cCalls).isEqualTo(tCalls);
    }

    /** The lines of a {@code -json} run without their timestamps (the version line kept: same text). */
    private static List<ObjectNode> stream(String jsonl) throws IOException {
        return Differential.uiMessages(jsonl, true, false);
    }

    /** Each diagnostic's summary, range start and {@code snippet.function_call}, in source order. */
    private static List<JsonNode> functionCalls(String jsonl) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : stream(jsonl)) {
            JsonNode diag = m.path("diagnostic");
            if (!diag.isMissingNode()) {
                ObjectNode n = JSON.createObjectNode();
                n.set("summary", diag.path("summary"));
                n.set("start", diag.path("range").path("start"));
                n.set("function_call", diag.path("snippet").path("function_call"));
                out.add(n);
            }
        }
        out.sort(Comparator.comparingInt(n -> n.path("start").path("byte").asInt()));
        return out;
    }
}
