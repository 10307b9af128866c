package io.capstan.cli;

import static io.capstan.cli.LocalFileMoves.actions;
import static io.capstan.cli.LocalFileMoves.applied;
import static io.capstan.cli.LocalFileMoves.file;
import static io.capstan.cli.LocalFileMoves.header;
import static io.capstan.cli.LocalFileMoves.movedBlock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code moved} block across resource types whose target has no resource block: terraform
 * still converts the object (MoveResourceState of the type's implied provider) and then plans to
 * destroy it, "because local_file.a was moved to local_sensitive_file.a, which is not in
 * configuration" ({@code delete_because_no_move_target}). Run by the real {@code terraform} and
 * by Capstan on the Java SDK's {@code local} provider: the same human plan, the same change in
 * {@code show -json}, and after apply the same (empty) state with the file gone. Skipped, with a
 * printed reason, when terraform is absent.
 */
class MovedToAbsentTargetDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;

    @Test
    void movedObjectIsConvertedThenDestroyedAsTerraformDoes() throws Exception {
        LocalFileMoves.Dirs dirs = applied(tmp, header("local") + file("local_file", "a"), "local");
        Path t = dirs.terraform();
        Path c = dirs.capstan();

        dirs.write(header("local") + movedBlock("local_file.a", "local_sensitive_file.a"));
        String tPlan = Differential.tfOk(t, "plan", "-input=false", "-no-color", "-out=tfplan");
        String cPlan = Differential.capOk(c, "plan", "-input=false", "-no-color", "-out=tfplan");
        assertThat(tPlan).contains("# (because local_file.a was moved to local_sensitive_file.a, which is not in "
                + "configuration)", "Plan: 0 to add, 0 to change, 1 to destroy.");
        assertThat(actions(cPlan)).isEqualTo(actions(tPlan));
        JsonNode tChange = JSON.readTree(Differential.tfOk(t, "show", "-json", "tfplan"))
                .path("resource_changes").get(0);
        JsonNode cChange = JSON.readTree(Differential.capOk(c, "show", "-json", "tfplan"))
                .path("resource_changes").get(0);
        for (String f : List.of("/address", "/previous_address", "/type", "/provider_name", "/action_reason",
                "/change/actions", "/change/before", "/change/after")) {
            assertThat(cChange.at(f)).as(f).isEqualTo(tChange.at(f));
        }

        assertThat(Differential.tfOk(t, "apply", "-input=false", "-no-color", "tfplan"))
                .contains("Apply complete! Resources: 0 added, 0 changed, 1 destroyed.");
        assertThat(Differential.capOk(c, "apply", "-input=false", "-no-color", "tfplan"))
                .contains("Apply complete! Resources: 0 added, 0 changed, 1 destroyed.");
        assertThat(Differential.capOk(c, "state", "list"))
                .isEqualTo(Differential.tfOk(t, "state", "list"));
        assertThat(c.resolve("out/a.txt")).doesNotExist();
        assertThat(t.resolve("out/a.txt")).doesNotExist();
    }
}
