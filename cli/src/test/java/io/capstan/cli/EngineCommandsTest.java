package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan}, {@code apply}, {@code destroy}, {@code refresh}, {@code import} and saved plans
 * through {@link Main}, step by step on one working directory, with the lines Terraform prints;
 * then state compatibility both ways with the real {@code terraform}.
 */
class EngineCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            variable "v" {
              default = "one"
            }

            resource "terraform_data" "a" {
              input = var.v
            }

            resource "terraform_data" "b" {
              input = terraform_data.a.output
            }

            output "o" {
              value = terraform_data.b.output
            }
            """;

    /** One command, its exit code, and text that must (or must not) appear in stdout or stderr. */
    record Step(String[] args, int exit, List<String> contains, List<String> absent) {
        static Step of(int exit, String args, String... contains) {
            return new Step(args.split(" "), exit, List.of(contains), List.of());
        }

        Step without(String... text) {
            return new Step(args, exit, contains, List.of(text));
        }
    }

    @TempDir
    Path dir;

    private String lastOut;

    private int run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "-chdir=" + dir;
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        lastOut = out + err.toString();
        return code;
    }

    @Test
    void planApplyUpdateDestroyImportAsTerraformPrintsThem() throws IOException {
        Files.writeString(dir.resolve("main.tf"), CONFIG);
        List<Step> steps = List.of(
                Step.of(0, "plan -no-color", "  # terraform_data.a will be created\n",
                        "Plan: 2 to add, 0 to change, 0 to destroy.\n",
                        "Note: You didn't use the -out option to save this plan"),
                Step.of(2, "plan -no-color -detailed-exitcode", "Plan: 2 to add"),
                Step.of(0, "apply -auto-approve -no-color", "terraform_data.a: Creating...\n",
                        "terraform_data.a: Creation complete after 0s [id=",
                        "terraform_data.b: Creation complete after 0s [id=",
                        "Apply complete! Resources: 2 added, 0 changed, 0 destroyed.\n",
                        "\nOutputs:\n\no = \"one\"\n"),
                Step.of(0, "plan -no-color -detailed-exitcode", "terraform_data.a: Refreshing state... [id=",
                        "No changes. Your infrastructure matches the configuration.")
                        .without("will be"),
                Step.of(0, "apply -auto-approve -no-color -var v=two", "terraform_data.a: Modifying... [id=",
                        "terraform_data.b: Modifications complete after 0s [id=",
                        "Apply complete! Resources: 0 added, 2 changed, 0 destroyed.", "o = \"two\""),
                Step.of(0, "refresh -no-color -var v=two", "terraform_data.a: Refreshing state... [id=", "o = \"two\""),
                Step.of(0, "plan -no-color -var v=three -out=saved.plan", "Saved the plan to: saved.plan"),
                Step.of(0, "apply -auto-approve -no-color -var v=four", "0 added, 2 changed, 0 destroyed"),
                Step.of(1, "apply -no-color saved.plan", "Error: Saved plan is stale"),
                Step.of(0, "plan -no-color -var v=five -out=fresh.plan", "Plan: 0 to add, 2 to change"),
                Step.of(0, "apply -no-color fresh.plan", "Apply complete! Resources: 0 added, 2 changed, 0 destroyed.",
                        "o = \"five\""),
                Step.of(0, "destroy -auto-approve -no-color -var v=five", "  # terraform_data.a will be destroyed\n",
                        "terraform_data.b: Destroying... [id=", "terraform_data.a: Destruction complete after 0s\n",
                        "Destroy complete! Resources: 2 destroyed.\n"),
                Step.of(0, "import -no-color terraform_data.a some-id",
                        "terraform_data.a: Importing from ID \"some-id\"...", "Import successful!"),
                Step.of(1, "import -no-color terraform_data.nope x",
                        "Error: resource address \"terraform_data.nope\" does not exist in the configuration."));
        for (Step s : steps) {
            int code = run(s.args());
            assertThat(code).as(String.join(" ", s.args()) + "\n" + lastOut).isEqualTo(s.exit());
            for (String c : s.contains()) {
                assertThat(lastOut).as(String.join(" ", s.args())).contains(c);
            }
            for (String a : s.absent()) {
                assertThat(lastOut).as(String.join(" ", s.args())).doesNotContain(a);
            }
        }
        JsonNode state = JSON.readTree(dir.resolve("terraform.tfstate").toFile());
        assertThat(state.path("resources")).hasSize(1);
        assertThat(state.path("resources").get(0).path("instances").get(0).path("attributes").path("id").asText())
                .isEqualTo("some-id");
    }

    @Test
    void stateIsCompatibleWithTerraformBothWays() throws Exception {
        if (!terraformInstalled()) {
            System.out.println("SKIP: terraform is not installed; state compatibility with it not checked");
            return;
        }
        Files.writeString(dir.resolve("main.tf"), CONFIG);
        assertThat(terraform("init", "-input=false")).isZero();
        assertThat(run("apply", "-auto-approve", "-no-color")).as(lastOut).isZero();
        assertThat(terraform("plan", "-detailed-exitcode", "-input=false")).as("terraform plan after capstan apply")
                .isZero();
        assertThat(terraform("apply", "-auto-approve", "-input=false", "-var", "v=two")).isZero();
        assertThat(run("plan", "-detailed-exitcode", "-no-color", "-var", "v=two")).as(lastOut).isZero();
        assertThat(run("destroy", "-auto-approve", "-no-color", "-var", "v=two")).as(lastOut).isZero();
        assertThat(terraform("plan", "-detailed-exitcode", "-input=false", "-var", "v=two")).isEqualTo(2);
    }

    private static boolean terraformInstalled() {
        try {
            return new ProcessBuilder("terraform", "version").start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private int terraform(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("terraform"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("terraform.log").toFile());
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
