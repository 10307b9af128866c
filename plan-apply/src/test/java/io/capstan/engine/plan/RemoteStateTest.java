package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.engine.builtin.BuiltinTerraformProvider;
import io.capstan.engine.state.StateCodec;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.provider.client.GetProviderSchemaRequest;
import io.capstan.provider.schema.ProviderSchemaJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code data "terraform_remote_state"} in the built-in provider, against what Terraform 1.11.4
 * recorded (src/test/resources/remote-state: configuration {@code a} applied into a local state,
 * configuration {@code b} reading it; {@code b-terraform.json} holds the outputs and the data
 * source's attributes from the state terraform wrote for {@code b}). When terraform is installed
 * the test also lets terraform apply {@code a} and Capstan read terraform's state file.
 */
class RemoteStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String resource(String name) throws IOException {
        try (InputStream in = RemoteStateTest.class.getResourceAsStream("/remote-state/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private Path config(String name) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("main.tf"), resource(name + "/main.tf"));
        return d;
    }

    /** Config b's outputs and data source attributes as Capstan applies them, in the fixture's shape. */
    private JsonNode applyB() throws IOException {
        Path b = config("b");
        try (EngineHarness h = new EngineHarness(b)) {
            Plan plan = h.plan();
            assertEquals(List.of(), plan.diagnostics().asList());
            assertEquals(false, plan.changes().stream().anyMatch(c -> !c.action().json().contains("no-op")
                    && !c.action().json().contains("read")), "only outputs change, as terraform planned");
            h.apply(plan);
            ObjectNode state = StateCodec.toJson(h.state());
            ObjectNode got = JSON.createObjectNode();
            got.set("outputs", state.get("outputs"));
            got.set("attributes", state.path("resources").get(0).path("instances").get(0).path("attributes"));
            Plan again = h.plan();
            assertEquals(false, again.hasChanges(), "a second plan is clean");
            return normal(got);
        }
    }

    /** Re-read through one mapper, so numbers compare by value whatever node class wrote them. */
    private static JsonNode normal(JsonNode n) throws IOException {
        return n == null ? null : JSON.readTree(JSON.writeValueAsString(n));
    }

    @Test
    void readsOutputsOfAStateCapstanWroteAsTerraformDoes() throws Exception {
        try (EngineHarness h = new EngineHarness(config("a"))) {
            h.apply(h.plan());
            Files.write(dir.resolve("a/terraform.tfstate"), StateCodec.write(h.state()));
        }
        assertEquals(JSON.readTree(resource("b-terraform.json")), applyB());
    }

    @Test
    void readsAStateTerraformWrote() throws Exception {
        if (!terraformInstalled()) {
            System.out.println("SKIP: terraform is not installed; only the recorded comparison ran");
            return;
        }
        Path a = config("a");
        assertEquals(0, terraform(a, "init", "-input=false"));
        assertEquals(0, terraform(a, "apply", "-auto-approve", "-input=false"));
        assertEquals(JSON.readTree(resource("b-terraform.json")), applyB());
    }

    @Test
    void schemaIsTerraformsForTheBuiltinProvider() throws Exception {
        try (BuiltinTerraformProvider p = new BuiltinTerraformProvider()) {
            JsonNode ours = ProviderSchemaJson.provider(p.getProviderSchema(new GetProviderSchemaRequest()).schema());
            JsonNode theirs = JSON.readTree(resource("builtin-schema-terraform.json"));
            assertEquals(theirs.get("data_source_schemas"), normal(ours.get("data_source_schemas")));
            assertEquals(theirs.get("resource_schemas"), normal(ours.get("resource_schemas")));
        }
    }

    @Test
    void readsANamedWorkspaceOfTheLocalBackend() throws Exception {
        try (EngineHarness h = new EngineHarness(config("a"))) {
            h.apply(h.plan());
            Path ws = Files.createDirectories(dir.resolve("a/terraform.tfstate.d/blue"));
            Files.write(ws.resolve("terraform.tfstate"), StateCodec.write(h.state()));
        }
        Path c = Files.createDirectories(dir.resolve("c"));
        Files.writeString(c.resolve("main.tf"), """
                data "terraform_remote_state" "a" {
                  backend   = "local"
                  workspace = "blue"
                  config = {
                    path          = "../a/terraform.tfstate"
                    workspace_dir = "../a/terraform.tfstate.d"
                  }
                }
                output "plain" {
                  value = data.terraform_remote_state.a.outputs.plain
                }
                """);
        try (EngineHarness h = new EngineHarness(c)) {
            Plan plan = h.plan();
            assertEquals(List.of(), plan.diagnostics().asList());
            h.apply(plan);
            assertEquals("\"hello\"", h.state().outputs().get("plain").value().toString());
        }
    }

    static Stream<Arguments> errors() {
        // terraform plan -no-color, Terraform 1.11.4, for each data block
        return Stream.of(
                Arguments.of("unknown-backend", "backend = \"nope\"", "Invalid backend configuration",
                        "There is no backend type named \"nope\".", "2:13"),
                Arguments.of("unexpected-argument", "backend = \"local\"\n  config = { bogus = 1 }",
                        "Invalid backend configuration",
                        "The given configuration is not valid for backend \"local\": unexpected attribute \"bogus\".",
                        "3:12"),
                Arguments.of("missing-workspace", "backend = \"local\"\n  workspace = \"ws1\"\n  config = { path = "
                        + "\"../a/terraform.tfstate\" }", "Unable to find remote state",
                        "No stored state was found for the given workspace in the given backend.", "3:15"),
                Arguments.of("missing-state-with-defaults", "backend = \"local\"\n  config = { path = "
                        + "\"../none.tfstate\" }\n  defaults = { z = 1 }", "Unable to find remote state",
                        "No stored state was found for the given workspace in the given backend.", "1:35"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void errorsAsTerraformWordsThem(String name, String body, String summary, String detail, String at)
            throws Exception {
        Path e = Files.createDirectories(dir.resolve("e"));
        Files.writeString(e.resolve("main.tf"), "data \"terraform_remote_state\" \"r\" {\n  " + body + "\n}\n"
                + "output \"o\" {\n  value = data.terraform_remote_state.r.outputs\n}\n");
        try (EngineHarness h = new EngineHarness(e)) {
            List<Diagnostic> errs = h.plan().diagnostics().asList().stream().filter(Diagnostic::isError).toList();
            assertEquals(1, errs.size(), errs.toString());
            assertEquals(summary, errs.get(0).summary());
            assertEquals(detail, errs.get(0).detail());
            assertTrue(errs.get(0).subject() != null, "points into the configuration");
            assertEquals(at, errs.get(0).subject().start().line() + ":" + errs.get(0).subject().start().column());
        }
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
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return p.exitValue();
    }
}
