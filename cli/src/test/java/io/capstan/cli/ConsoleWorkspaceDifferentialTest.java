package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.cli.ConsolePlanDifferentialTest.Outcome;
import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.Backends;
import io.capstan.state.LockInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code console} in a workspace other than {@code default} with the local backend, as terraform
 * 1.11.4's: its {@code -state} flag defaults to {@code terraform.tfstate}, and the local backend lets
 * that path override every workspace's own, so the console reads (and locks) {@code terraform.tfstate}
 * whichever workspace is selected, while {@code terraform.workspace} still names the selected one.
 * The states are made by terraform (one object per workspace, its input naming the workspace); each
 * expression is evaluated by both tools with the same piped input: same standard output, standard
 * error and exit code. Skipped, with a printed reason, without terraform.
 */
class ConsoleWorkspaceDifferentialTest {
    @Test
    void theConsoleReadsTerraformTfstateInEveryWorkspaceAsTerraformsDoes(@TempDir Path d) throws Exception {
        Files.writeString(d.resolve("main.tf"), """
                resource "terraform_data" "x" {
                  input = "in-${terraform.workspace}"
                }

                output "o" {
                  value = terraform_data.x.output
                }
                """);
        Differential.tfOk(d, "init", "-input=false", "-no-color");
        Differential.tfOk(d, "apply", "-auto-approve", "-input=false", "-no-color");
        Differential.tfOk(d, "workspace", "new", "-no-color", "x");
        Differential.tfOk(d, "apply", "-auto-approve", "-input=false", "-no-color");
        List<String> seen = new ArrayList<>();
        for (String input : List.of("terraform_data.x.output", "terraform.workspace", "terraform_data.x",
                "[terraform_data.x.input, terraform.workspace]")) {
            seen.add(same(d, input, List.of()));
        }
        // the default workspace's object, in workspace x, and x named by terraform.workspace
        assertThat(seen.get(0)).isEqualTo("0 \"in-default\"\n");
        assertThat(seen.get(1)).isEqualTo("0 \"x\"\n");
        // console -plan plans from that state too: x's configuration against the default workspace's object
        assertThat(same(d, "terraform_data.x.input", List.of("-plan"))).isEqualTo("0 \"in-x\"\n");

        // held by another run, terraform.tfstate stops the console in workspace x as well
        try (Backend b = Backends.open(BackendConfig.of("local", Map.of("capstan.working_dir", d.toString())))) {
            String id = b.lock(Backend.DEFAULT_WORKSPACE, LockInfo.forThisProcess("OperationTypeApply", "1.11.4"),
                    Duration.ZERO);
            try {
                // (terraform does not see this in-process lock: only Capstan is asked)
                Outcome cs = ConsolePlanDifferentialTest.capstan(d, "terraform.workspace", List.of(), Map.of());
                assertThat(cs.code()).isEqualTo(1);
                assertThat(cs.err()).contains("Error acquiring the state lock", "terraform.tfstate");
            } finally {
                b.unlock(Backend.DEFAULT_WORKSPACE, id);
            }
        }

        // a new workspace and no terraform.tfstate: nothing recorded, whatever workspace x holds; none is created
        Differential.tfOk(d, "workspace", "new", "-no-color", "y");
        Files.delete(d.resolve("terraform.tfstate"));
        Files.deleteIfExists(d.resolve("terraform.tfstate.backup"));
        Differential.tfOk(d, "workspace", "select", "-no-color", "x");
        assertThat(same(d, "terraform_data.x.output", List.of())).isEqualTo("0 (known after apply)\n");
        assertThat(d.resolve("terraform.tfstate")).doesNotExist();
    }

    /** The expression evaluated by both tools: Capstan's exit code and output, asserted to be terraform's. */
    private static String same(Path d, String input, List<String> args) throws Exception {
        Outcome tf = ConsolePlanDifferentialTest.terraform(d, input, args, Map.of());
        Outcome cs = ConsolePlanDifferentialTest.capstan(d, input, args, Map.of());
        assertThat(cs.out()).as("stdout for %s %s (stderr: %s)", input, args, cs.err()).isEqualTo(tf.out());
        assertThat(cs.err()).as("stderr for %s %s", input, args).isEqualTo(tf.err());
        assertThat(cs.code()).as("exit code for %s %s", input, args).isEqualTo(tf.code());
        return cs.code() + " " + cs.out();
    }
}
