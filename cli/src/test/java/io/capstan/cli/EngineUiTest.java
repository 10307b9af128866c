package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine commands' presentation: the human plan byte for byte as {@code terraform plan}
 * prints it (golden recorded from terraform 1.11.4, re-checked against the live binary when it is
 * installed), the {@code -json} machine-readable UI lines, and saved plans through {@code show}.
 * To regenerate the golden: {@code terraform init && terraform plan -no-color > plan-terraform-data.golden}
 * in a directory holding {@link #CONFIG} as main.tf.
 */
class EngineUiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CONFIG = """
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

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) throws IOException {
        Files.writeString(dir.resolve("main.tf"), CONFIG);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "-chdir=" + dir;
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.run(all, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

    private static String golden() throws IOException {
        try (var in = EngineUiTest.class.getResourceAsStream("/engine-ui/plan-terraform-data.golden")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void humanPlanIsTerraformsByteForByte() throws Exception {
        assertThat(run("plan", "-no-color")).as(out + err).isZero();
        assertThat(out).isEqualTo(golden());
        if (!terraformInstalled()) {
            System.out.println("SKIP: terraform is not installed; the golden was not re-checked against it");
            return;
        }
        Path tf = Files.createDirectory(dir.resolve("tf"));
        Files.writeString(tf.resolve("main.tf"), CONFIG);
        assertThat(terraform(tf, "init", "-input=false")).isZero();
        assertThat(terraform(tf, "plan", "-no-color", "-input=false")).isZero();
        assertThat(Files.readString(tf.resolve("terraform.log"))).isEqualTo(golden());
    }

    @Test
    void planJsonStreamsTerraformsMessageTypes() throws Exception {
        assertThat(run("plan", "-json")).as(out + err).isZero();
        List<JsonNode> lines = lines(out);
        assertThat(lines).extracting(l -> l.path("type").asText())
                .containsExactly("version", "planned_change", "planned_change", "change_summary", "outputs");
        assertThat(lines.get(0).path("ui").asText()).isEqualTo("1.2");
        assertThat(lines.get(1).path("@message").asText()).isEqualTo("terraform_data.a: Plan to create");
        assertThat(lines.get(1).path("change").path("resource").path("implied_provider").asText()).isEqualTo("terraform");
        assertThat(lines.get(3).path("@message").asText()).isEqualTo("Plan: 2 to add, 0 to change, 0 to destroy.");
        assertThat(lines.get(4).path("outputs").path("o").path("action").asText()).isEqualTo("create");
    }

    @Test
    void applyJsonReportsEachChangeAndTheOutputs() throws Exception {
        assertThat(run("apply", "-json")).isEqualTo(1);
        assertThat(err).contains("Plan file or auto-approve required");
        assertThat(run("apply", "-json", "-auto-approve")).as(out + err).isZero();
        List<JsonNode> lines = lines(out);
        List<String> types = lines.stream().map(l -> l.path("type").asText()).toList();
        assertThat(types).startsWith("version", "planned_change", "planned_change", "change_summary", "outputs");
        assertThat(types.stream().filter("apply_start"::equals)).hasSize(2);
        assertThat(types.stream().filter("apply_complete"::equals)).hasSize(2);
        JsonNode summary = lines.get(lines.size() - 2);
        assertThat(summary.path("@message").asText()).isEqualTo("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
        assertThat(summary.path("changes").path("operation").asText()).isEqualTo("apply");
        JsonNode outputs = lines.get(lines.size() - 1);
        assertThat(outputs.path("type").asText()).isEqualTo("outputs");
        assertThat(outputs.path("outputs").path("o").path("value").asText()).isEqualTo("one");
        assertThat(run("plan", "-json", "-var", "v=two")).as(out + err).isZero();
        assertThat(lines(out)).extracting(l -> l.path("type").asText()).contains("refresh_start", "planned_change");
    }

    @Test
    void showRendersASavedPlanAndItsJson() throws Exception {
        assertThat(run("apply", "-auto-approve", "-no-color")).as(out + err).isZero();
        assertThat(run("plan", "-no-color", "-var", "v=two", "-out=p.tfplan")).as(out + err).isZero();
        assertThat(run("show", "-no-color", "p.tfplan")).as(out + err).isZero();
        assertThat(out).contains("  # terraform_data.a will be updated in-place\n")
                .contains("      ~ input  = \"one\" -> \"two\"\n")
                .contains("Plan: 0 to add, 2 to change, 0 to destroy.");
        assertThat(run("show", "-json", "p.tfplan")).as(out + err).isZero();
        JsonNode plan = JSON.readTree(out);
        assertThat(plan.path("prior_state").path("values").path("root_module").path("resources")).hasSize(2);
        assertThat(plan.path("prior_state").path("values").path("outputs").path("o").path("value").asText())
                .isEqualTo("one");
        assertThat(plan.path("resource_changes")).hasSize(2);
        assertThat(plan.path("resource_changes").get(0).path("change").path("actions").toString())
                .isEqualTo("[\"update\"]");
    }

    private static List<JsonNode> lines(String text) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                out.add(JSON.readTree(l));
            }
        }
        return out;
    }

    private static boolean terraformInstalled() {
        try {
            return new ProcessBuilder("terraform", "version").start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static int terraform(Path in, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("terraform"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(in.toFile())
                .redirectOutput(in.resolve("terraform.log").toFile()).redirectError(in.resolve("terraform.err").toFile());
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
