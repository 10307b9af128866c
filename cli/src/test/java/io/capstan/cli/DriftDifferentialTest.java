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
 * Objects changed outside of Terraform, run by the real {@code terraform} 1.11 and by Capstan on
 * the Java SDK's {@code local} provider: after an apply, two of three files are deleted on disk, so
 * the refresh finds {@code local_file.a} and {@code local_file.b} gone. {@code local_file.c} refers
 * to {@code local_file.a.id}; nothing planned refers to {@code b}. Compared:
 * <ul>
 * <li>{@code plan}: "Objects have changed outside of Terraform" with only the relevant drift
 *     ({@code a}, its {@code id}), then the plan;</li>
 * <li>{@code plan} without {@code -out} and {@code show PLANFILE}: the same, each rendered change by change
 *     (and the saved plan's streamed rendering is its whole JSON plan's, with colour);</li>
 * <li>{@code show -json PLANFILE}: {@code resource_drift} (both), {@code relevant_attributes},
 *     {@code prior_state} (the refreshed state);</li>
 * <li>{@code plan -json}: a {@code resource_drift} message per drifted object;</li>
 * <li>{@code plan -refresh-only}: all the drift, every attribute, and the output that now depends
 *     on a missing object as "(known after apply)".</li>
 * </ul>
 * Skipped, with a printed reason, when terraform is absent.
 */
class DriftDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void driftIsShownAsTerraformShowsIt() throws Exception {
        TwinDirs d = TwinDirs.fromResource(tmp, "drift", "local");
        d.bothOk("apply", "-input=false", "-no-color", "-auto-approve");
        for (Path dir : List.of(d.t(), d.c())) {
            Files.delete(dir.resolve("a.txt"));
            Files.delete(dir.resolve("b.txt"));
        }

        String[] plan = d.bothOk("plan", "-input=false", "-no-color", "-out=tfplan");
        assertThat(plan[0]).contains("Note: Objects have changed outside of Terraform", "# local_file.a has been deleted")
                .doesNotContain("# local_file.b has been deleted");
        assertThat(body(plan[1])).isEqualTo(body(plan[0]));

        // the same plan shown without -out (rendered change by change, the relevant attributes found from the
        // changes' headers) and the saved plan shown (read from the file change by change)
        String[] plain = d.bothOk("plan", "-input=false", "-no-color");
        assertThat(body(plain[1])).isEqualTo(body(plain[0])).contains("# local_file.a has been deleted");
        String[] shown = d.bothOk("show", "-no-color", "tfplan");
        assertThat(shown[1]).isEqualTo(shown[0]).contains("# local_file.a has been deleted");
        Path planFile = d.c().resolve("tfplan");
        StringBuilder streamed = new StringBuilder();
        try (var forShow = io.capstan.cli.engine.PlanFile.forShow(planFile)) {
            io.capstan.cli.engine.HumanPlan.render(forShow.plan(), forShow.changes(), forShow.schemas(), forShow.mode(),
                    true, streamed);
        }
        assertThat(streamed.toString()).isEqualTo(io.capstan.cli.engine.HumanPlan.render(
                io.capstan.cli.engine.PlanFile.planJson(planFile), io.capstan.cli.engine.PlanFile.schemasJson(planFile),
                io.capstan.cli.engine.PlanFile.mode(planFile), true));

        JsonNode tShow = JSON.readTree(Differential.tfOk(d.t(), "show", "-json", "tfplan"));
        JsonNode cShow = JSON.readTree(Differential.capOk(d.c(), "show", "-json", "tfplan"));
        assertThat(tShow.path("resource_drift")).hasSize(2);
        assertThat(byAddress(cShow.path("resource_drift"))).isEqualTo(byAddress(tShow.path("resource_drift")));
        assertThat(cShow.path("relevant_attributes")).isEqualTo(tShow.path("relevant_attributes"));
        assertThat(cShow.at("/prior_state/values")).isEqualTo(tShow.at("/prior_state/values"));
        assertThat(cShow.path("resource_changes")).isEqualTo(tShow.path("resource_changes"));
        assertThat(fieldNames(cShow)).isEqualTo(fieldNames(tShow));

        assertThat(Differential.driftMessages(Differential.cap(d.c(), "plan", "-input=false", "-json").out()))
                .isEqualTo(Differential.driftMessages(Differential.tf(d.t(), "plan", "-input=false", "-json").out()))
                .hasSize(2);

        String[] refreshOnly = d.bothOk("plan", "-input=false", "-no-color", "-refresh-only");
        assertThat(refreshOnly[0]).contains("# local_file.b has been deleted", "This is a refresh-only plan",
                "~ o = \"./b.txt\" -> (known after apply)");
        assertThat(body(refreshOnly[1])).isEqualTo(body(refreshOnly[0]));
        assertThat(Differential.driftMessages(Differential.cap(d.c(), "plan", "-input=false", "-json", "-refresh-only").out()))
                .isEqualTo(Differential.driftMessages(Differential.tf(d.t(), "plan", "-input=false", "-json", "-refresh-only")
                        .out()));
    }

    /**
     * A human plan without its refresh lines (their order depends on scheduling) and without the
     * closing hint about {@code -out} (terraform leaves it out under TF_IN_AUTOMATION).
     */
    static String body(String out) {
        StringBuilder b = new StringBuilder();
        for (String line : out.split("\n", -1)) {
            if (!line.contains(": Refreshing state...")) {
                b.append(line).append('\n');
            }
        }
        String s = b.toString();
        for (String hint : List.of("\nSaved the plan to:", "\nNote: You didn't use the -out option")) {
            int at = s.indexOf(hint);
            if (at >= 0) {
                s = s.substring(0, s.lastIndexOf("\n─", at));
            }
        }
        return s.strip();
    }

    /** The array's elements in address order (terraform's order of drift is not fixed). */
    private static List<String> byAddress(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.toString()));
        out.sort(null);
        return out;
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
