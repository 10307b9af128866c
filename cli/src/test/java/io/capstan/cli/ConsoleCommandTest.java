package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code capstan console} with piped input against what {@code terraform console -no-color}
 * printed for the same input in an empty directory (recorded with Terraform 1.11.4 in
 * {@code console/terraform-console.txt}): exit code, standard output and standard error
 * must be identical.
 */
class ConsoleCommandTest {
    record Case(String input, int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return input;
        }
    }

    static Stream<Case> cases() throws IOException {
        String all;
        try (InputStream in = ConsoleCommandTest.class.getResourceAsStream("/console/terraform-console.txt")) {
            all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> out = new ArrayList<>();
        for (String block : all.split("(?m)^=== ")) {
            if (block.isEmpty()) {
                continue;
            }
            String input = block.substring(0, block.indexOf('\n'));
            int exit = Integer.parseInt(block.substring(block.indexOf("--- exit ") + 9, block.indexOf("\n--- stdout")));
            String stdout = block.substring(block.indexOf("--- stdout\n") + 11, block.indexOf("--- stderr\n"));
            String stderr = block.substring(block.indexOf("--- stderr\n") + 11);
            out.add(new Case(input, exit, stdout, stderr));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTerraformConsole(Case c) {
        Run r = run(c.input() + "\n", Path.of("target"));
        assertThat(r.stdout()).as("stdout").isEqualTo(c.stdout());
        assertThat(r.stderr()).as("stderr").isEqualTo(c.stderr());
        assertThat(r.exit()).as("exit code").isEqualTo(c.exit());
    }

    @Test
    void printsOnlyTheLastResultAndStopsAtExit() {
        assertThat(run("1\n2\n", null).stdout()).isEqualTo("2\n");
        Run r = run("1\nexit\nnope\n", null);
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void seesVariableDefaultsAndLocalsInDependencyOrder() throws IOException {
        Path dir = Files.createTempDirectory("console");
        Files.writeString(dir.resolve("main.tf"), """
                variable "region" {
                  type    = string
                  default = "eu-west-1"
                }
                variable "password" {
                  default   = "hunter2"
                  sensitive = true
                }
                locals {
                  name = "${local.prefix}-${var.region}"
                  prefix = "app"
                  zones = [for z in ["a", "b"] : "${var.region}${z}"]
                }
                """);
        assertThat(run("local.name\n", dir).stdout()).isEqualTo("\"app-eu-west-1\"\n");
        assertThat(run("local.zones\n", dir).stdout()).isEqualTo("[\n  \"eu-west-1a\",\n  \"eu-west-1b\",\n]\n");
        assertThat(run("var.password\n", dir).stdout()).isEqualTo("(sensitive value)\n");
        assertThat(run("var.nope\n", dir).stderr()).contains("Error: Reference to undeclared input variable");
    }

    @Test
    void builtinProviderFunctionsOnlyWhenDeclared() throws IOException {
        Path dir = Files.createTempDirectory("console");
        Files.writeString(dir.resolve("main.tf"), """
                terraform {
                  required_providers {
                    terraform = {
                      source = "terraform.io/builtin/terraform"
                    }
                  }
                }
                """);
        // Recorded from terraform console -no-color 1.11.4 after terraform init.
        Run r = run("provider::terraform::encode_expr({ a = [1, \"b\"], c = null })\n", dir);
        assertThat(r.stdout()).isEqualTo("<<EOT\n{\n  a = [1, \"b\"]\n  c = null\n}\nEOT\n");
        assertThat(r.exit()).isZero();
        Path empty = Files.createTempDirectory("console");
        r = run("provider::terraform::encode_expr(1)\n", empty);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("""

                Error: Unknown provider function

                  on <console-input> line 1:
                  (source code not available)

                There is no function named "provider::terraform::encode_expr". Ensure that
                provider name "terraform" is declared in this module's required_providers
                block, and that this provider offers a function named "encode_expr".

                """);
    }

    record Run(int exit, String stdout, String stderr) {
    }

    /** Runs {@code capstan console} in {@code dir} (via user.dir-independent path) with the given stdin. */
    private static synchronized Run run(String stdin, Path dir) {
        InputStream oldIn = System.in;
        String oldDir = System.getProperty("user.dir");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            // the recorded outputs are terraform's with -no-color (without it, errors are framed and coloured)
            List<String> args = new ArrayList<>(List.of("console", "-no-color"));
            if (dir != null) {
                args.add("-chdir=" + dir.toAbsolutePath());
            }
            int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(oldIn);
            System.setProperty("user.dir", oldDir);
        }
    }
}
