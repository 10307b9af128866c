package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code console} takes the root module's variables as plan does — {@code TF_VAR_*},
 * {@code terraform.tfvars}, {@code *.auto.tfvars}, {@code -var}, {@code -var-file}, in
 * terraform's order of precedence — and a required variable without a value is unknown; locals see
 * the values. Each case runs {@code terraform console} and {@code capstan console} with the same
 * piped input, arguments and environment: same standard output and exit code. (Capstan's console
 * used the declared defaults only, and refused {@code -var}.)
 */
class ConsoleVariablesDifferentialTest {
    @TempDir
    static Path dir;

    record Case(String name, String input, List<String> args, Map<String, String> env) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void config() throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                variable "x" { default = "d" }
                variable "req" { type = number }
                variable "m" {
                  type    = map(string)
                  default = {}
                }
                variable "secret" {
                  default   = "s"
                  sensitive = true
                }
                locals {
                  doubled = var.req * 2
                  greeting = "hi ${var.x}"
                }
                """);
        Files.writeString(dir.resolve("terraform.tfvars"), "x = \"fromfile\"\n");
        Files.writeString(dir.resolve("b.auto.tfvars"), "m = { k = \"auto\" }\n");
        Files.writeString(dir.resolve("extra.tfvars"), "x = \"extra\"\nreq = 7\n");
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("tfvars over the default", "var.x", List.of(), Map.of()),
                new Case("auto tfvars", "var.m", List.of(), Map.of()),
                new Case("required without a value is unknown", "var.req", List.of(), Map.of()),
                new Case("a local of an unknown variable", "local.doubled", List.of(), Map.of()),
                new Case("-var", "var.req", List.of("-var", "req=3"), Map.of()),
                new Case("-var=", "local.doubled", List.of("-var=req=4"), Map.of()),
                new Case("-var-file after -var wins", "[var.x, var.req]",
                        List.of("-var", "x=cli", "-var-file=extra.tfvars"), Map.of()),
                new Case("-var after -var-file wins", "var.x",
                        List.of("-var-file=extra.tfvars", "-var", "x=cli"), Map.of()),
                new Case("tfvars over TF_VAR_", "local.greeting", List.of(), Map.of("TF_VAR_x", "env")),
                new Case("TF_VAR_ of a number", "var.req", List.of(), Map.of("TF_VAR_req", "12")),
                new Case("sensitive given a value stays sensitive", "var.secret", List.of("-var", "secret=t"),
                        Map.of()),
                new Case("undeclared -var", "1", List.of("-var", "nope=1"), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameAsTerraform(Case c) throws Exception {
        Path terraform = Differential.terraform();
        List<String> cmd = new ArrayList<>(List.of(terraform.toString(), "console", "-no-color"));
        cmd.addAll(c.args());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.environment().keySet().removeIf(k -> k.startsWith("TF_VAR_") || k.equals("TF_LOG") || k.equals("TF_DATA_DIR"));
        pb.environment().putAll(c.env());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        p.getOutputStream().write((c.input() + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String tfOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("TF_VAR_"));
        env.putAll(c.env());
        List<String> args = new ArrayList<>(List.of("console", "-no-color"));
        args.addAll(c.args());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.runFor(dir, false, env, new ByteArrayInputStream((c.input() + "\n").getBytes(StandardCharsets.UTF_8)),
                args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(out.toString()).as("stdout (stderr: %s)", err).isEqualTo(tfOut);
        assertThat(code).as("exit code").isEqualTo(p.exitValue());
        if (code != 0) {
            assertThat(err.toString()).contains("Value for undeclared variable");
        }
    }
}
