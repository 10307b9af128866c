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
 * Pre/postconditions on data sources, run by the real {@code terraform} 1.11 and by Capstan on the
 * Java SDK's {@code local} provider: {@code data.local_file.d} is read while planning (its
 * conditions pass), {@code data.local_file.later} during apply (its postcondition is unknown in the
 * plan). Compared: the plan's {@code checks} in {@code show -json}, then after apply the state's
 * {@code check_results} and {@code show -json}'s {@code checks}; then, with a variable that makes the
 * postconditions fail, the errored plan's human output ("Resource postcondition failed") and its
 * saved {@code checks}. Skipped, with a printed reason, when terraform is absent.
 */
class DataConditionsDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void dataSourceConditionsAreChecksAsInTerraform() throws Exception {
        TwinDirs d = TwinDirs.fromResource(tmp, "data-conditions", "local");
        for (Path dir : List.of(d.t(), d.c())) {
            Files.writeString(dir.resolve("in.txt"), "hello\n");
        }
        d.bothOk("plan", "-input=false", "-no-color", "-out=tfplan");
        JsonNode tPlan = JSON.readTree(Differential.tfOk(d.t(), "show", "-json", "tfplan"));
        JsonNode cPlan = JSON.readTree(Differential.capOk(d.c(), "show", "-json", "tfplan"));
        assertThat(tPlan.path("checks").toString()).contains("\"mode\":\"data\"", "\"status\":\"pass\"",
                "\"status\":\"unknown\"");
        assertThat(cPlan.path("checks")).isEqualTo(tPlan.path("checks"));

        d.bothOk("apply", "-input=false", "-no-color", "tfplan");
        JsonNode tState = JSON.readTree(d.t().resolve("terraform.tfstate").toFile());
        JsonNode cState = JSON.readTree(d.c().resolve("terraform.tfstate").toFile());
        assertThat(tState.path("check_results").toString()).contains("data.local_file.later");
        assertThat(tState.path("check_results").toString()).contains("\"config_addr\":\"data.local_file.d\",\"status\":\"unknown\"");
        assertThat(sorted(cState.path("check_results"))).isEqualTo(sorted(tState.path("check_results")));
        assertThat(sorted(JSON.readTree(Differential.capOk(d.c(), "show", "-json")).path("checks")))
                .isEqualTo(sorted(JSON.readTree(Differential.tfStdout(d.t(), "show", "-json").out()).path("checks")));

        Differential.Run[] failed = d.both("plan", "-input=false", "-no-color", "-var=want=bye", "-out=failed");
        assertThat(failed[0].exit()).isEqualTo(1);
        assertThat(failed[0].out()).contains("Error: Resource postcondition failed", "content is hello");
        assertThat(failed[1].exit()).isEqualTo(1);
        assertThat(errors(failed[1].out())).isEqualTo(errors(failed[0].out()));
        assertThat(JSON.readTree(Differential.capOk(d.c(), "show", "-json", "failed")).path("checks"))
                .isEqualTo(JSON.readTree(Differential.tfOk(d.t(), "show", "-json", "failed")).path("checks"));
    }

    /**
     * A data source's precondition that refers to a resource not created yet: terraform defers the read
     * to apply ({@code read_because_dependency_pending}, the check "unknown") and checks it then; in a
     * refresh-only plan (nothing is created) the precondition stays unknown and the source is read at
     * once. A refresh-only plan checks every condition (failures are warnings) and keeps the results.
     */
    @Test
    void anUnknownPreconditionAsInTerraformAtPlanApplyAndRefreshOnly() throws Exception {
        TwinDirs d = TwinDirs.fromResource(tmp, "remote-state-conditions");
        d.copyResource("remote-state-conditions", "other.tfstate");
        // refresh-only, nothing created: the precondition is unknown, the source read now
        String[] refreshOnly = d.bothOk("plan", "-input=false", "-no-color", "-refresh-only", "-out=refresh");
        // up to the "Saved the plan" hint, which terraform leaves out under TF_IN_AUTOMATION
        assertThat(refreshOnly[1]).startsWith(refreshOnly[0].strip());
        JsonNode tRefresh = JSON.readTree(Differential.tfOk(d.t(), "show", "-json", "refresh"));
        JsonNode cRefresh = JSON.readTree(Differential.capOk(d.c(), "show", "-json", "refresh"));
        assertThat(tRefresh.path("checks").toString()).contains("\"status\":\"unknown\"");
        assertThat(sorted(cRefresh.path("checks"))).isEqualTo(sorted(tRefresh.path("checks")));
        assertThat(cRefresh.at("/prior_state/values/root_module")).isEqualTo(tRefresh.at("/prior_state/values/root_module"));

        // a normal plan: the read waits for terraform_data.a
        d.bothOk("plan", "-input=false", "-no-color", "-out=tfplan");
        JsonNode tPlan = JSON.readTree(Differential.tfOk(d.t(), "show", "-json", "tfplan"));
        JsonNode cPlan = JSON.readTree(Differential.capOk(d.c(), "show", "-json", "tfplan"));
        assertThat(tPlan.path("resource_changes").toString()).contains("\"action_reason\":\"read_because_dependency_pending\"");
        assertThat(cPlan.path("resource_changes")).isEqualTo(tPlan.path("resource_changes"));
        assertThat(sorted(cPlan.path("checks"))).isEqualTo(sorted(tPlan.path("checks")));
        String[] apply = d.bothOk("apply", "-input=false", "-no-color", "tfplan");
        assertThat(apply[0]).contains("data.terraform_remote_state.s: Read complete", "x = 1");
        assertThat(apply[1].replaceAll("id=[0-9a-f-]+", "id=…")).isEqualTo(apply[0].replaceAll("id=[0-9a-f-]+", "id=…"));
        assertThat(sorted(JSON.readTree(d.c().resolve("terraform.tfstate").toFile()).path("check_results")))
                .isEqualTo(sorted(JSON.readTree(d.t().resolve("terraform.tfstate").toFile()).path("check_results")));

        // refresh-only with every condition failing: warnings, and the results kept in the plan
        Differential.Run[] failing = d.both("plan", "-input=false", "-no-color", "-refresh-only", "-var=v=2", "-out=failing");
        assertThat(failing[0].exit()).isZero();
        assertThat(failing[0].out()).contains("Warning: Resource postcondition failed",
                "Warning: Module output value precondition failed", "Warning: Check block assertion failed");
        assertThat(failing[1].exit()).isZero();
        // (one failure per summary: same-summary warnings are consolidated, see ImpureFunctionsWarningsDifferentialTest)
        assertThat(warnings(beforeHint(failing[1].out()))).isEqualTo(warnings(failing[0].out()));
        assertThat(sorted(JSON.readTree(Differential.capOk(d.c(), "show", "-json", "failing")).path("checks")))
                .isEqualTo(sorted(JSON.readTree(Differential.tfOk(d.t(), "show", "-json", "failing")).path("checks")));
    }

    /** Check results with their objects/instances sorted (terraform's order of instances is not fixed). */
    private static String sorted(JsonNode results) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : results) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = r.deepCopy();
            for (String field : List.of("objects", "instances")) {
                if (copy.has(field)) {
                    List<JsonNode> items = new ArrayList<>();
                    copy.path(field).forEach(items::add);
                    items.sort(java.util.Comparator.comparing(JsonNode::toString));
                    copy.putArray(field).addAll(items);
                }
            }
            out.add(copy.toString());
        }
        out.sort(null);
        return String.join("\n", out);
    }

    /** A plan's output up to the "Saved the plan" hint, which terraform leaves out under TF_IN_AUTOMATION. */
    private static String beforeHint(String out) {
        int at = out.indexOf("\n─");
        return at < 0 ? out : out.substring(0, at);
    }

    /** The warning blocks of a human run, each from its "Warning:" line to the next, sorted (their order is not fixed). */
    private static List<String> warnings(String out) {
        return blocks(out, "Warning: ");
    }

    /** The error blocks of a human run, each from its "Error:" line to the next, sorted (their order is not fixed). */
    private static List<String> errors(String out) {
        return blocks(out, "Error: ");
    }

    private static List<String> blocks(String out, String start) {
        List<String> blocks = new ArrayList<>();
        int at = out.indexOf(start);
        while (at >= 0) {
            int next = out.indexOf(start, at + 1);
            blocks.add(out.substring(at, next < 0 ? out.length() : next).strip());
            at = next;
        }
        blocks.sort(null);
        return blocks;
    }
}
