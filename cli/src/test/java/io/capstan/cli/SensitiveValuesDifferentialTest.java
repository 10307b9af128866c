package io.capstan.cli;

import static io.capstan.cli.Differential.cap;
import static io.capstan.cli.Differential.capOk;
import static io.capstan.cli.Differential.swap;
import static io.capstan.cli.Differential.tf;
import static io.capstan.cli.Differential.tfOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sensitive values as the real {@code terraform} records and shows them, on one configuration
 * with schema-sensitive attributes ({@code random_password}, {@code local_sensitive_file}),
 * sensitive variables, {@code sensitive()} at nested paths and a sensitive attribute flowing
 * into another resource: the same human plan text, the same sensitivity in {@code show -json}
 * of the plan file and of the state, the same {@code sensitive_attributes} in state, each
 * tool's state planned by the other without changes, and the same error for an output that
 * exposes a sensitive value. Skipped, with a printed reason, when terraform is not on the PATH.
 */
class SensitiveValuesDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void sensitiveValuesAreRecordedShownAndPrintedAsTerraformDoes() throws Exception {
        TwinDirs d = TwinDirs.fromResource(tmp, "sensitive-differential", "random", "local", "time");
        Path t = d.t();
        Path c = d.c();
        byte[] config = Files.readAllBytes(t.resolve("main.tf"));

        String tPlanText = tfOk(t, "plan", "-input=false", "-no-color", "-out=tfplan");
        String cPlanText = capOk(c, "plan", "-input=false", "-no-color", "-out=tfplan");
        assertThat(tPlanText).contains("+ result      = (sensitive value)", "+ hidden = (sensitive value)");
        assertThat(planBody(cPlanText)).isEqualTo(planBody(tPlanText));

        Map<String, JsonNode> tPlan = sensitivity(JSON.readTree(tfOk(t, "show", "-json", "tfplan")));
        Map<String, JsonNode> cPlan = sensitivity(JSON.readTree(capOk(c, "show", "-json", "tfplan")));
        assertThat(tPlan).containsKey("/resource_changes/terraform_data.n/change/after_sensitive");
        assertThat(cPlan).isEqualTo(tPlan);

        tfOk(t, "apply", "-input=false", "-no-color", "tfplan");
        capOk(c, "apply", "-input=false", "-no-color", "tfplan");
        Map<String, JsonNode> tState = sensitiveAttributes(t.resolve("terraform.tfstate"));
        assertThat(tState.get("random_password.db").toString()).contains("bcrypt_hash", "result");
        assertThat(sensitiveAttributes(c.resolve("terraform.tfstate"))).isEqualTo(tState);
        assertThat(sensitivity(JSON.readTree(capOk(c, "show", "-json"))))
                .isEqualTo(sensitivity(JSON.readTree(tfOk(t, "show", "-json"))));
        System.out.println("sensitive_attributes equal to terraform's for " + tState.size() + " instances; plan JSON "
                + "sensitivity equal at " + tPlan.size() + " places");

        // each plans the other's state (and files) without changes
        swap(t.resolve("terraform.tfstate"), c.resolve("terraform.tfstate"));
        swap(t.resolve("out"), c.resolve("out"));
        Differential.Run tCross = tf(t, "plan", "-input=false", "-no-color", "-detailed-exitcode");
        assertThat(tCross.exit()).as("terraform plans Capstan's state:\n" + tCross.out()).isZero();
        Differential.Run cCross = cap(c, "plan", "-input=false", "-no-color", "-detailed-exitcode");
        assertThat(cCross.exit()).as("Capstan plans terraform's state:\n" + cCross.out()).isZero();

        // an output exposing a schema-sensitive value must say sensitive = true
        String exposed = new String(config, java.nio.charset.StandardCharsets.UTF_8)
                + "\noutput \"exposed\" {\n  value = terraform_data.p.input\n}\n";
        d.write(exposed);
        Differential.Run tErr = tf(t, "plan", "-input=false", "-no-color");
        Differential.Run cErr = cap(c, "plan", "-input=false", "-no-color");
        assertThat(tErr.exit()).isEqualTo(1);
        assertThat(cErr.exit()).isEqualTo(1);
        assertThat(errorBlock(cErr.out())).contains("Output refers to sensitive values").isEqualTo(errorBlock(tErr.out()));
    }

    /** The plan as printed, without the closing note on saved plans (terraform drops it under TF_IN_AUTOMATION). */
    private static String planBody(String out) {
        int end = out.indexOf("\n\u2500");
        return (end < 0 ? out : out.substring(0, end)).strip();
    }

    /**
     * From the first "Error:" line on: the diagnostic's words (spacing normalised: terraform
     * wraps the detail at 78 columns here, the in-process run at its own width).
     */
    private static String errorBlock(String out) {
        int i = out.indexOf("Error:");
        return i < 0 ? "" : out.substring(i).strip().replaceAll("\\s+", " ");
    }

    /**
     * Every sensitivity marker of a JSON plan or state, by path (resources and changes keyed by
     * address): {@code sensitive_values}, {@code before_sensitive}, {@code after_sensitive}, and
     * outputs' {@code sensitive}.
     */
    static Map<String, JsonNode> sensitivity(JsonNode root) {
        Map<String, JsonNode> out = new TreeMap<>();
        collect(root, "", out);
        return out;
    }

    private static void collect(JsonNode n, String path, Map<String, JsonNode> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                String k = e.getKey();
                if (k.equals("configuration")) {
                    return; // Capstan's plan JSON has no configuration section yet
                }
                if (k.equals("sensitive_values") || k.equals("before_sensitive") || k.equals("after_sensitive")
                        || k.equals("sensitive")) {
                    out.put(path + "/" + k, e.getValue());
                } else {
                    collect(e.getValue(), path + "/" + k, out);
                }
            });
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                JsonNode e = n.get(i);
                collect(e, path + "/" + (e.has("address") ? e.get("address").asText() : String.valueOf(i)), out);
            }
        }
    }

    /** Each instance's {@code sensitive_attributes} by address. */
    private static Map<String, JsonNode> sensitiveAttributes(Path state) throws java.io.IOException {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode r : JSON.readTree(state.toFile()).path("resources")) {
            String addr = (r.path("mode").asText().equals("data") ? "data." : "") + r.path("type").asText() + "."
                    + r.path("name").asText();
            for (JsonNode i : r.path("instances")) {
                out.put(addr, SdkProvidersDifferentialTest.sortedPaths(i.path("sensitive_attributes")));
            }
        }
        return out;
    }
}
