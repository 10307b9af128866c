package io.capstan.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.capstan.engine.builtin.BuiltinTerraformProvider;
import io.capstan.engine.builtin.TerraformData;
import io.capstan.engine.state.AttributeJson;
import io.capstan.engine.state.InstanceState;
import io.capstan.engine.state.ResourceState;
import io.capstan.engine.state.StateCodec;
import io.capstan.engine.state.StateFile;
import io.capstan.provider.codec.WireCodec;
import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.ApplyResourceChangeRequest;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.PlanResourceChangeRequest;
import io.capstan.provider.client.PlanResourceChangeResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test with the real {@code terraform} binary: a terraform_data object created
 * through Capstan's built-in provider and recorded by Capstan's state codec is read by
 * Terraform with no changes planned, and an object Terraform created is read back by Capstan
 * and planned by its provider as unchanged.
 */
class TerraformStateCompatibilityTest {
    private static final WireCodec CODEC = WireCodec.INSTANCE;
    private static final String CONFIG = "resource \"terraform_data\" \"a\" {\n  input = { x = \"hello\", n = 2 }\n}\n";
    private static final String PROVIDER = "provider[\"terraform.io/builtin/terraform\"]";

    @TempDir
    Path dir;

    static Value config() {
        Value input = Value.object(Map.of("x", Value.of("hello"), "n", Value.of(BigNumber.of(2))));
        return Value.object(Map.of("id", Value.nullOf(Type.STRING), "input", input,
                "output", Value.DYNAMIC_NULL, "triggers_replace", Value.DYNAMIC_NULL));
    }

    static DynamicValue enc(Value v) {
        return CODEC.encode(v, TerraformData.TYPE);
    }

    record Run(int exit, String out) {
    }

    Run terraform(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("terraform"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        pb.environment().put("TF_IN_AUTOMATION", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("terraform " + String.join(" ", args) + " timed out");
        }
        return new Run(p.exitValue(), out);
    }

    @Test
    void terraformPlansNoChangesOnStateCapstanWrote() throws Exception {
        BuiltinTerraformProvider provider = new BuiltinTerraformProvider();
        Value none = Value.nullOf(TerraformData.TYPE);
        PlanResourceChangeResponse plan = provider.planResourceChange(new PlanResourceChangeRequest(
                "terraform_data", enc(none), enc(config()), enc(config()), null, null, null, null));
        var applied = provider.applyResourceChange(new ApplyResourceChangeRequest("terraform_data",
                enc(none), plan.plannedState(), enc(config()), null, null, null));
        Value obj = CODEC.decode(applied.newState(), TerraformData.TYPE);
        InstanceState inst = new InstanceState(null, null, null, 0,
                AttributeJson.toJson(obj, TerraformData.TYPE), null, null, List.of(), false);
        StateFile state = StateFile.empty().withSerial(1).withContent(Map.of(),
                List.of(new ResourceState(null, "managed", "terraform_data", "a", PROVIDER, List.of(inst))));
        Files.writeString(dir.resolve("main.tf"), CONFIG);
        Files.write(dir.resolve("terraform.tfstate"), StateCodec.write(state));

        assertEquals(0, terraform("init", "-input=false", "-no-color").exit());
        Run run = terraform("plan", "-detailed-exitcode", "-no-color", "-input=false");
        assertEquals(0, run.exit(), run.out());
        Run show = terraform("state", "show", "-no-color", "terraform_data.a");
        assertFalse(!show.out().contains(obj.attr("id").asString()), show.out());
    }

    @Test
    void capstanReadsStateTerraformWroteAndPlansNoChange() throws Exception {
        Files.writeString(dir.resolve("main.tf"), CONFIG);
        assertEquals(0, terraform("init", "-input=false", "-no-color").exit());
        Run apply = terraform("apply", "-auto-approve", "-no-color", "-input=false");
        assertEquals(0, apply.exit(), apply.out());

        var read = StateCodec.read(Files.readAllBytes(dir.resolve("terraform.tfstate")));
        assertFalse(read.hasErrors(), read.diagnostics().toString());
        assertEquals(List.of("terraform_data.a"), read.value().instanceAddresses());
        Value prior = AttributeJson.fromJson(read.value().instance("terraform_data.a").attributes(), TerraformData.TYPE);
        PlanResourceChangeResponse plan = new BuiltinTerraformProvider().planResourceChange(
                new PlanResourceChangeRequest("terraform_data", enc(prior), enc(config()), enc(config()),
                        null, null, null, null));
        assertEquals(prior, CODEC.decode(plan.plannedState(), TerraformData.TYPE));
        assertEquals(List.of(), plan.requiresReplace());
        // and Capstan's rewrite of Terraform's state is byte-identical
        assertEquals(Files.readString(dir.resolve("terraform.tfstate")),
                new String(StateCodec.write(read.value()), StandardCharsets.UTF_8));
    }
}
