package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Update drift, run by the real {@code terraform} 1.11 and by Capstan on the test provider
 * {@link NotesProvider}, whose refresh reads a note's text back from its file. After an apply, the
 * files of {@code notes_note.a} (which {@code b} and an output refer to), {@code b} and {@code c} are
 * edited outside, so the refresh returns a different {@code text}: all three are updated back, and
 * the plan shows only the drift its changes refer to ({@code a}'s, through {@code b}). Compared: the human plan ("# ... has
 * changed" with the attribute diff, then the in-place updates), {@code show -json PLANFILE}
 * ({@code resource_drift}, {@code relevant_attributes}, {@code prior_state}, {@code resource_changes}),
 * {@code plan -json}'s {@code resource_drift} messages, and {@code plan -refresh-only}. Skipped, with
 * a printed reason, when terraform is absent.
 */
class UpdateDriftDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The configuration applied by both tools, in {@code tmp}. */
    private TwinDirs applied() throws Exception {
        Differential.terraform();
        TwinDirs d = new TwinDirs(Files.createDirectories(tmp.resolve("terraform")),
                Files.createDirectories(tmp.resolve("capstan")));
        try (InputStream in = getClass().getResourceAsStream("/update-drift/main.tf")) {
            d.write(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        String[] init = Differential.init(List.of(NotesProvider.mirror(tmp)));
        Differential.tfOk(d.t(), init);
        Differential.capOk(d.c(), init);
        d.bothOk("apply", "-input=false", "-no-color", "-auto-approve");
        return d;
    }

    @Test
    void changedObjectsAreShownAsTerraformShowsThem() throws Exception {
        TwinDirs d = applied();
        for (Path dir : List.of(d.t(), d.c())) {
            assertThat(Files.readString(dir.resolve("b.txt"))).isEqualTo("one!");
            Files.writeString(dir.resolve("a.txt"), "two");
            Files.writeString(dir.resolve("b.txt"), "edited");
            Files.writeString(dir.resolve("c.txt"), "changed");
        }

        String[] plan = d.bothOk("plan", "-input=false", "-no-color", "-out=tfplan");
        assertThat(plan[0]).contains("# notes_note.a has changed", "~ text = \"one\" -> \"two\"",
                "# notes_note.a will be updated in-place", "Plan: 0 to add, 3 to change, 0 to destroy.")
                .doesNotContain("# notes_note.c has changed");
        assertThat(DriftDifferentialTest.body(plan[1])).isEqualTo(DriftDifferentialTest.body(plan[0]));

        JsonNode tShow = JSON.readTree(Differential.tfOk(d.t(), "show", "-json", "tfplan"));
        JsonNode cShow = JSON.readTree(Differential.capOk(d.c(), "show", "-json", "tfplan"));
        assertThat(tShow.path("resource_drift")).hasSize(3);
        assertThat(sorted(cShow.path("resource_drift"))).isEqualTo(sorted(tShow.path("resource_drift")));
        assertThat(cShow.path("relevant_attributes")).isEqualTo(tShow.path("relevant_attributes"));
        assertThat(cShow.at("/prior_state/values")).isEqualTo(tShow.at("/prior_state/values"));
        assertThat(cShow.path("resource_changes")).isEqualTo(tShow.path("resource_changes"));
        assertThat(cShow.path("output_changes")).isEqualTo(tShow.path("output_changes"));

        assertThat(Differential.driftMessages(Differential.cap(d.c(), "plan", "-input=false", "-json").out()))
                .isEqualTo(Differential.driftMessages(Differential.tf(d.t(), "plan", "-input=false", "-json").out()))
                .hasSize(3);

        String[] refreshOnly = d.bothOk("plan", "-input=false", "-no-color", "-refresh-only");
        assertThat(refreshOnly[0]).contains("# notes_note.c has changed", "This is a refresh-only plan");
        assertThat(DriftDifferentialTest.body(refreshOnly[1])).isEqualTo(DriftDifferentialTest.body(refreshOnly[0]));
    }

    /** A tainted object changed outside keeps its status through the refresh: still replaced, still tainted in the plan's prior state. */
    @Test
    void aTaintedObjectChangedOutsideStaysTainted() throws Exception {
        TwinDirs d = applied();
        d.bothOk("taint", "notes_note.c");
        for (Path dir : List.of(d.t(), d.c())) {
            Files.writeString(dir.resolve("c.txt"), "changed");
        }
        String[] plan = d.bothOk("plan", "-input=false", "-no-color", "-out=tfplan");
        assertThat(plan[0]).contains("# notes_note.c is tainted, so must be replaced");
        assertThat(DriftDifferentialTest.body(plan[1])).isEqualTo(DriftDifferentialTest.body(plan[0]));
        JsonNode tShow = JSON.readTree(Differential.tfOk(d.t(), "show", "-json", "tfplan"));
        JsonNode cShow = JSON.readTree(Differential.capOk(d.c(), "show", "-json", "tfplan"));
        assertThat(tShow.at("/prior_state/values").toString()).contains("\"tainted\":true");
        assertThat(cShow.at("/prior_state/values")).isEqualTo(tShow.at("/prior_state/values"));
        assertThat(cShow.path("resource_changes")).isEqualTo(tShow.path("resource_changes"));
        assertThat(sorted(cShow.path("resource_drift"))).isEqualTo(sorted(tShow.path("resource_drift")));
    }

    private static List<String> sorted(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.toString()));
        out.sort(null);
        return out;
    }
}
