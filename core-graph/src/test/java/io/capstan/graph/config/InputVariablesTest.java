package io.capstan.graph.config;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Input variable values: Terraform's precedence, literal primitives, conversion and messages. */
class InputVariablesTest {
    private static final String CONFIG = """
            variable "region" {
              type    = string
              default = "eu"
            }
            variable "n" {
              type = number
            }
            variable "tags" {
              type    = map(string)
              default = {}
            }
            """;

    private static Result<Map<String, Value>> collect(Path dir, List<InputVariables.CliArg> cli, Map<String, String> env)
            throws IOException {
        Files.writeString(dir.resolve("main.tf"), CONFIG);
        Module root = ConfigLoader.load(dir).value().module();
        return InputVariables.collect(root, dir, cli, env);
    }

    @Test
    void laterSourcesWinInTerraformsOrder(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("terraform.tfvars"), "region = \"from-tfvars\"\nn = 1\n");
        Files.writeString(dir.resolve("a.auto.tfvars"), "region = \"from-auto\"\n");
        Files.writeString(dir.resolve("extra.tfvars"), "n = 7\n");
        var r = collect(dir, List.of(new InputVariables.CliArg(true, "extra.tfvars"),
                new InputVariables.CliArg(false, "tags={a=\"b\"}")), Map.of("TF_VAR_region", "from-env", "TF_VAR_n", "3"));
        assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
        assertThat(r.value().get("region").asString()).isEqualTo("from-auto");
        assertThat(r.value().get("n").asNumber().toString()).isEqualTo("7");
        assertThat(r.value().get("tags").attr("a").asString()).isEqualTo("b");
    }

    @Test
    void environmentPrimitivesAreLiteralAndConverted(@TempDir Path dir) throws IOException {
        var r = collect(dir, List.of(), Map.of("TF_VAR_n", "42"));
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.value().get("n").asNumber().toString()).isEqualTo("42");
        assertThat(r.value().get("region").asString()).isEqualTo("eu");
    }

    @Test
    void problemsUseTerraformsSummaries(@TempDir Path dir) throws IOException {
        var r = collect(dir, List.of(new InputVariables.CliArg(false, "n=abc"), new InputVariables.CliArg(false, "nope=1")),
                Map.of());
        assertThat(r.diagnostics().asList()).extracting(Diagnostic::summary)
                .containsExactly("Value for undeclared variable", "Invalid value for input variable");
        var missing = collect(dir, List.of(), Map.of());
        assertThat(missing.diagnostics().asList()).extracting(Diagnostic::summary)
                .containsExactly("No value for required variable");
    }
}
