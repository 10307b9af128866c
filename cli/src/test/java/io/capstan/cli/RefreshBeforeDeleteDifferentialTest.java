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
 * What is refreshed before something is deleted, run by the real {@code terraform} 1.11 and by
 * Capstan on the Java SDK's {@code local} provider. After an apply of {@code a}, data source
 * {@code d}, {@code b} and {@code c}, the blocks of {@code b} and {@code c} are removed (orphans) and
 * {@code b}'s file is deleted on disk. Compared:
 * <ul>
 * <li>{@code plan}: the orphans are refreshed too, so only {@code c} is destroyed; {@code show -json}
 *     has {@code b}'s "delete" drift, the same {@code resource_changes} and refreshed
 *     {@code prior_state};</li>
 * <li>{@code plan -refresh-only}: "# local_file.b has been deleted";</li>
 * <li>{@code destroy} (with {@code c}'s file deleted too): "Refreshing state..." for every object and
 *     the data source's read before the plan, so only {@code a} is destroyed, human and {@code -json}.</li>
 * </ul>
 * Refresh lines are compared as sets (their order depends on scheduling). Skipped, with a printed
 * reason, when terraform is absent.
 */
class RefreshBeforeDeleteDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void orphansAreRefreshedAndDestroyRefreshesFirst() throws Exception {
        TwinDirs d = TwinDirs.fromResource(tmp, "refresh-before-delete", "local");
        d.bothOk("apply", "-input=false", "-no-color", "-auto-approve");
        String config = Files.readString(d.t().resolve("main.tf"));
        d.write(config.substring(0, config.indexOf("# removed by the test")));
        for (Path dir : List.of(d.t(), d.c())) {
            Files.delete(dir.resolve("b.txt"));
        }

        String[] plan = d.bothOk("plan", "-input=false", "-no-color", "-out=tfplan");
        assertThat(plan[0]).contains("local_file.b: Refreshing state...", "# local_file.c will be destroyed",
                "Plan: 0 to add, 0 to change, 1 to destroy.").doesNotContain("# local_file.b will be destroyed");
        assertThat(progress(plan[1])).isEqualTo(progress(plan[0]));
        assertThat(rest(plan[1])).isEqualTo(rest(plan[0]));
        JsonNode tShow = JSON.readTree(Differential.tfOk(d.t(), "show", "-json", "tfplan"));
        JsonNode cShow = JSON.readTree(Differential.capOk(d.c(), "show", "-json", "tfplan"));
        assertThat(tShow.path("resource_drift")).hasSize(1);
        assertThat(cShow.path("resource_drift")).isEqualTo(tShow.path("resource_drift"));
        assertThat(cShow.path("resource_changes")).isEqualTo(tShow.path("resource_changes"));
        assertThat(cShow.at("/prior_state/values")).isEqualTo(tShow.at("/prior_state/values"));

        String[] refreshOnly = d.bothOk("plan", "-input=false", "-no-color", "-refresh-only");
        assertThat(refreshOnly[0]).contains("# local_file.b has been deleted");
        assertThat(rest(refreshOnly[1])).isEqualTo(rest(refreshOnly[0]));

        for (Path dir : List.of(d.t(), d.c())) {
            Files.delete(dir.resolve("c.txt"));
        }
        assertThat(jsonEvents(Differential.cap(d.c(), "plan", "-destroy", "-input=false", "-json").out()))
                .isEqualTo(jsonEvents(Differential.tf(d.t(), "plan", "-destroy", "-input=false", "-json").out()));
        String[] destroy = d.bothOk("destroy", "-input=false", "-no-color", "-auto-approve");
        assertThat(destroy[0]).contains("local_file.c: Refreshing state...", "data.local_file.d: Reading...",
                "Destroy complete! Resources: 1 destroyed.");
        assertThat(progress(destroy[1])).isEqualTo(progress(destroy[0]));
        assertThat(rest(destroy[1])).isEqualTo(rest(destroy[0]));
    }

    /** The refresh and read lines before the plan, elapsed times masked, sorted. */
    private static List<String> progress(String out) {
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (isProgress(line)) {
                lines.add(masked(line));
            }
        }
        lines.sort(null);
        return lines;
    }

    /** Everything but the refresh and read lines and the closing hint (see {@link DriftDifferentialTest#body}). */
    private static String rest(String out) {
        StringBuilder b = new StringBuilder();
        for (String line : out.split("\n", -1)) {
            if (!isProgress(line)) {
                b.append(masked(line)).append('\n');
            }
        }
        return DriftDifferentialTest.body(b.toString());
    }

    private static boolean isProgress(String line) {
        return line.contains(": Refreshing state...") || line.contains(": Reading...") || line.contains(": Read complete");
    }

    private static String masked(String line) {
        return line.replaceAll("after \\d+s", "after Ns");
    }

    /** The messages of a {@code -json} run without timestamps, the version line and elapsed times, sorted. */
    private static List<String> jsonEvents(String jsonl) throws Exception {
        return Differential.uiMessages(jsonl, false, true).stream().map(ObjectNode::toString).sorted().toList();
    }
}
