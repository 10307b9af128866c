package io.capstan.cli;

import static io.capstan.cli.Differential.cap;
import static io.capstan.cli.Differential.capOk;
import static io.capstan.cli.Differential.swap;
import static io.capstan.cli.Differential.tf;
import static io.capstan.cli.Differential.tfOk;
import static io.capstan.cli.LocalFileMoves.actions;
import static io.capstan.cli.LocalFileMoves.applied;
import static io.capstan.cli.LocalFileMoves.file;
import static io.capstan.cli.LocalFileMoves.header;
import static io.capstan.cli.LocalFileMoves.movedBlock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code moved} block across resource types, run by the real {@code terraform} and by Capstan
 * on the Java SDK's {@code local} provider: a {@code local_file} applied by each tool is moved to
 * {@code local_sensitive_file} (the provider's MoveResourceState). Both tools must plan the same
 * move (human text, {@code show -json} and the {@code -json} UI's "move" line), apply it to the
 * same state attributes without touching the file, plan nothing afterwards, and plan each other's
 * state as clean. A move between types of a provider without the capability ({@code random}) is
 * refused by both with the same error. Skipped, with a printed reason, when terraform is absent.
 */
class MovedAcrossTypesDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PROVIDERS = {"local", "random"};
    private static final String HEADER = header(PROVIDERS) + """
            resource "random_string" "s" {
              length = 4
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void bothToolsMoveLocalFileToLocalSensitiveFileAlike() throws Exception {
        LocalFileMoves.Dirs dirs = applied(tmp, HEADER + file("local_file", "a"), PROVIDERS);
        Path t = dirs.terraform();
        Path c = dirs.capstan();

        // The move: same plan in all three forms.
        dirs.write(HEADER + file("local_sensitive_file", "b") + movedBlock("local_file.a", "local_sensitive_file.b"));
        Differential.Run tPlan = tf(t, "plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan");
        Differential.Run cPlan = cap(c, "plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan");
        assertThat(tPlan.exit()).as("terraform: a move is a change\n" + tPlan.out()).isEqualTo(2);
        assertThat(cPlan.exit()).as("capstan: a move is a change\n" + cPlan.out()).isEqualTo(2);
        assertThat(tPlan.out()).contains("# local_file.a has moved to local_sensitive_file.b");
        assertThat(actions(cPlan.out())).isEqualTo(actions(tPlan.out()));
        JsonNode tChange = change(tfOk(t, "show", "-json", "tfplan"));
        JsonNode cChange = change(capOk(c, "show", "-json", "tfplan"));
        assertThat(tChange.path("previous_address").asText()).isEqualTo("local_file.a");
        assertThat(tChange.at("/change/actions").toString()).isEqualTo("[\"no-op\"]");
        for (String f : List.of("/address", "/previous_address", "/type", "/provider_name", "/change/actions",
                "/change/before", "/change/after")) {
            assertThat(cChange.at(f)).as(f).isEqualTo(tChange.at(f));
        }
        assertThat(uiMove(cap(c, "plan", "-json", "-input=false").out()))
                .isEqualTo(uiMove(tf(t, "plan", "-json", "-input=false").out()));

        // Apply: the same state, the file untouched.
        for (Path d : List.of(t, c)) {
            Files.setLastModifiedTime(d.resolve("out/a.txt"), java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
        }
        assertThat(tfOk(t, "apply", "-input=false", "-no-color", "tfplan"))
                .contains("Apply complete! Resources: 0 added, 0 changed, 0 destroyed.");
        assertThat(capOk(c, "apply", "-input=false", "-no-color", "tfplan"))
                .contains("Apply complete! Resources: 0 added, 0 changed, 0 destroyed.");
        JsonNode tState = moved(t);
        JsonNode cState = moved(c);
        assertThat(tState.path("provider").asText()).isEqualTo("provider[\"registry.terraform.io/capstan/local\"]");
        assertThat(cState.path("provider")).isEqualTo(tState.path("provider"));
        assertThat(cState.at("/instances/0/schema_version")).isEqualTo(tState.at("/instances/0/schema_version"));
        assertThat(cState.at("/instances/0/attributes")).isEqualTo(tState.at("/instances/0/attributes"));
        assertThat(capOk(c, "state", "list")).isEqualTo(tfOk(t, "state", "list"));
        for (Path d : List.of(t, c)) {
            assertThat(Files.getLastModifiedTime(d.resolve("out/a.txt")).toMillis()).as("file not rewritten in " + d)
                    .isEqualTo(1_000_000L);
        }

        // Afterwards: clean plans, each tool on the other's state too.
        assertThat(tf(t, "plan", "-input=false", "-no-color", "-detailed-exitcode").exit()).isZero();
        assertThat(cap(c, "plan", "-input=false", "-no-color", "-detailed-exitcode").exit()).isZero();
        swap(t.resolve("terraform.tfstate"), c.resolve("terraform.tfstate"));
        Differential.Run tCross = tf(t, "plan", "-input=false", "-no-color", "-detailed-exitcode");
        assertThat(tCross.exit()).as("terraform plans Capstan's moved state:\n" + tCross.out()).isZero();
        Differential.Run cCross = cap(c, "plan", "-input=false", "-no-color", "-detailed-exitcode");
        assertThat(cCross.exit()).as("Capstan plans terraform's moved state:\n" + cCross.out()).isZero();

        // A provider without move_resource_state: the same refusal from both.
        dirs.write(HEADER.replace("random_string", "random_password") + file("local_sensitive_file", "b")
                + movedBlock("random_string.s", "random_password.s"));
        Differential.Run tErr = tf(t, "plan", "-input=false", "-no-color");
        Differential.Run cErr = cap(c, "plan", "-input=false", "-no-color");
        assertThat(tErr.exit()).isEqualTo(1);
        assertThat(cErr.exit()).isEqualTo(1);
        assertThat(errorBlock(tErr.out()).replaceAll("\\s+", " ")).contains(
                "Error: Unsupported `moved` across resource types",
                "The provider \"registry.terraform.io/capstan/random\" does not support moved operations across");
        assertThat(errorBlock(cErr.out())).isEqualTo(errorBlock(tErr.out()));
    }

    private static JsonNode change(String showJson) throws IOException {
        for (JsonNode rc : JSON.readTree(showJson).path("resource_changes")) {
            if (rc.path("address").asText().equals("local_sensitive_file.b")) {
                return rc;
            }
        }
        throw new AssertionError("no change for local_sensitive_file.b in " + showJson);
    }

    /** The {@code -json} UI's planned_change for the moved resource, without timestamps. */
    private static JsonNode uiMove(String lines) throws IOException {
        for (String l : lines.split("\n")) {
            if (l.contains("\"planned_change\"") && l.contains("local_sensitive_file.b")) {
                return JSON.readTree(l).path("change");
            }
        }
        throw new AssertionError("no planned_change line in:\n" + lines);
    }

    private static JsonNode moved(Path dir) throws IOException {
        for (JsonNode r : JSON.readTree(dir.resolve("terraform.tfstate").toFile()).path("resources")) {
            if (r.path("type").asText().equals("local_sensitive_file")) {
                return r;
            }
        }
        throw new AssertionError("no local_sensitive_file in the state of " + dir);
    }

    /** The first error box, from "Error:" to the end of its text. */
    private static String errorBlock(String out) {
        int from = out.indexOf("Error: ");
        assertThat(from).as("no error in:\n" + out).isNotNegative();
        return out.substring(from).strip();
    }
}
