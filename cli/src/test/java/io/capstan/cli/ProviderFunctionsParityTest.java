package io.capstan.cli;

import static io.capstan.cli.Differential.capOk;
import static io.capstan.cli.Differential.capStdout;
import static io.capstan.cli.Differential.terraform;
import static io.capstan.cli.Differential.tfOk;
import static io.capstan.cli.Differential.tfStdout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider-defined functions under the real {@code terraform} and under Capstan, on the same
 * configurations: hashicorp/aws 5.100.0's {@code arn_parse}, {@code arn_build} and
 * {@code trim_iam_role_path} (no provider block, no network: functions run on an unconfigured
 * provider), and the Java SDK time provider's {@code rfc3339_parse}. Each tool applies (outputs,
 * locals, a resource argument, and a call whose argument is unknown until apply) and the
 * {@code output -json} documents must be equal; the error configurations must give the same
 * {@code validate -json} diagnostics (summary, detail and the line and column they point at).
 * Skipped, printing why, when terraform is not on the PATH or the aws mirror is absent.
 */
class ProviderFunctionsParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path AWS_MIRROR = Path.of("/opt/tf-plugins");

    @TempDir
    Path tmp;

    @Test
    void awsFunctionsGiveTerraformsOutputsAndDiagnostics() throws Exception {
        terraform();
        Path aws = AWS_MIRROR.resolve("registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/"
                + "terraform-provider-aws_v5.100.0_x5");
        if (!Files.isExecutable(aws)) {
            System.out.println("SKIP: hashicorp/aws 5.100.0 is not in the filesystem mirror " + AWS_MIRROR);
            assumeTrue(false, "no aws provider mirror");
        }
        compareApply("aws", AWS_MIRROR);
        Set<String> diags = compareValidate("aws-errors", AWS_MIRROR);
        assertThat(diags).contains(
                "Error in function call|Call to function \"provider::aws::arn_parse\" failed: arn: invalid prefix.|11:11",
                "Unknown provider function|The function \"nope\" is not available from the provider \"aws\".|15:11",
                "Invalid function argument|Invalid value for \"arn\" parameter: argument must not be null.|27:36");
    }

    @Test
    void sdkTimeProviderFunctionGivesTerraformsOutputsAndDiagnostics() throws Exception {
        terraform();
        Path mirror = Differential.mirrors(tmp, "time").get(0);
        JsonNode outputs = compareApply("time", mirror);
        assertThat(outputs.at("/parsed/value/month_name").asText()).isEqualTo("July");
        assertThat(outputs.at("/parsed/value/weekday").asInt()).isEqualTo(2);
        assertThat(outputs.at("/parsed/value/unix").asLong()).isEqualTo(1690328596L);
        assertThat(outputs.at("/weekday/value").asText()).isEqualTo("Saturday");
        assertThat(outputs.at("/after_apply/value/iso_year").asInt()).isEqualTo(2025);
        assertThat(outputs.at("/after_apply/value/iso_week").asInt()).isEqualTo(1);
        Set<String> diags = compareValidate("time-errors", mirror);
        assertThat(diags).as("a function error naming its argument points at that argument").contains(
                "Invalid function argument|Invalid value for \"timestamp\" parameter: \"yesterday\" is not a valid "
                        + "RFC3339 timestamp.|10:42");
    }

    /** Applies the scenario with both tools; returns the (equal) {@code output -json} document. */
    private JsonNode compareApply(String scenario, Path mirror) throws Exception {
        Path t = scenario(scenario, "terraform");
        Path c = scenario(scenario, "capstan");
        String[] init = {"init", "-input=false", "-no-color", "-plugin-dir=" + mirror};
        tfOk(t, init);
        capOk(c, init);
        String tPlan = tfOk(t, "plan", "-input=false", "-no-color");
        String cPlan = capOk(c, "plan", "-input=false", "-no-color");
        assertThat(tPlan).contains("after_apply = (known after apply)");
        assertThat(cPlan).contains("after_apply = (known after apply)");
        tfOk(t, "apply", "-auto-approve", "-input=false", "-no-color");
        capOk(c, "apply", "-auto-approve", "-input=false", "-no-color");
        // documents read from stdout alone, as a script would
        JsonNode tOut = JSON.readTree(Differential.ok(tfStdout(t, "output", "-json"), "terraform", "output", "-json"));
        JsonNode cOut = JSON.readTree(Differential.ok(capStdout(c, "output", "-json"), "capstan", "output", "-json"));
        assertThat(cOut).as("capstan output -json vs terraform's").isEqualTo(tOut);
        assertThat(tOut.size()).isGreaterThanOrEqualTo(3);
        return tOut;
    }

    /** Validates the scenario with both tools; returns the (equal) diagnostics as "summary|detail|line:column". */
    private Set<String> compareValidate(String scenario, Path mirror) throws Exception {
        Path t = scenario(scenario, "terraform");
        Path c = scenario(scenario, "capstan");
        String[] init = {"init", "-input=false", "-no-color", "-plugin-dir=" + mirror};
        tfOk(t, init);
        capOk(c, init);
        Differential.Run tv = tfStdout(t, "validate", "-json");
        Differential.Run cv = capStdout(c, "validate", "-json");
        assertThat(tv.exit()).isEqualTo(1);
        assertThat(cv.exit()).isEqualTo(1);
        Set<String> expected = diagnostics(tv.out());
        assertThat(diagnostics(cv.out())).as("capstan validate -json vs terraform's").isEqualTo(expected);
        return expected;
    }

    private static Set<String> diagnostics(String validateJson) throws IOException {
        Set<String> out = new TreeSet<>();
        for (JsonNode d : JSON.readTree(validateJson.substring(validateJson.indexOf('{'))).path("diagnostics")) {
            out.add(d.path("summary").asText() + "|" + d.path("detail").asText() + "|"
                    + d.at("/range/start/line").asInt() + ":" + d.at("/range/start/column").asInt());
        }
        return out;
    }

    private Path scenario(String name, String tool) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name + "-" + tool));
        try (InputStream in = getClass().getResourceAsStream("/provider-functions/" + name + "/main.tf")) {
            Files.write(dir.resolve("main.tf"), in.readAllBytes());
        }
        return dir;
    }
}
