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
    private static final String HEADER = """
            terraform {
              required_providers {
                local = { source = "capstan/local" }
              }
            }
            """;
    private static final String FILE = """
            resource "local_file" "a" {
              filename             = "${path.module}/out/a.txt"
              content              = "hello"
              file_permission      = "0644"
              directory_permission = "0755"
            }
            """;
    private static final String MOVE = """
            moved {
              from = local_file.a
              to   = local_sensitive_file.a
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void movedObjectIsConvertedThenDestroyedAsTerraformDoes() throws Exception {
        Differential.terraform();
        Path t = Files.createDirectories(tmp.resolve("terraform"));
        Path c = Files.createDirectories(tmp.resolve("capstan"));
        write(HEADER + FILE, t, c);
        List<String> init = new ArrayList<>(List.of("init", "-input=false", "-no-color"));
        for (Path m : Differential.mirrors(tmp, "random", "local", "time")) {
            init.add("-plugin-dir=" + m);
        }
        Differential.tfOk(t, init.toArray(String[]::new));
        Differential.capOk(c, init.toArray(String[]::new));
        Differential.tfOk(t, "apply", "-auto-approve", "-input=false", "-no-color");
        Differential.capOk(c, "apply", "-auto-approve", "-input=false", "-no-color");

        write(HEADER + MOVE, t, c);
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

    private static void write(String config, Path... dirs) throws Exception {
        for (Path d : dirs) {
            Files.writeString(d.resolve("main.tf"), config);
        }
    }

    /** The human plan from "Terraform will perform" to the "Plan:" line. */
    private static String actions(String out) {
        int from = out.indexOf("Terraform will perform the following actions:");
        assertThat(from).as("no action list in:\n" + out).isNotNegative();
        return out.substring(from, out.indexOf("\n", out.indexOf("Plan: ", from)));
    }
}
