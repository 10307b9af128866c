package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code capstan validate} and {@code capstan graph} end to end: output text, JSON and exit codes. */
class ValidateGraphCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void validConfigurationSucceeds(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.tf"), "resource \"terraform_data\" \"a\" {\n  input = 1\n}\n");
        assertThat(run("validate", "-no-color", dir.toString())).isEqualTo(0);
        assertThat(out.toString()).isEqualTo("Success! The configuration is valid.\n\n");
    }

    @Test
    void invalidConfigurationPrintsTerraformStyleErrorAndExitsOne(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.tf"), "resource \"terraform_data\" \"a\" {\n  foo = 1\n}\n");
        assertThat(run("validate", "-no-color", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("Error: Unsupported argument", "on main.tf line 2, in resource \"terraform_data\" \"a\":",
                "An argument named \"foo\" is not expected here.");
    }

    @Test
    void jsonOutputCountsErrors(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.tf"), "output \"x\" {\n  value = var.nope\n}\n");
        assertThat(run("validate", "-json", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("\"valid\": false", "\"error_count\": 1",
                "\"summary\": \"Reference to undeclared input variable\"", "\"start_line\": 2");
    }

    @Test
    void graphPrintsDotAndRejectsUnknownType(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {}
                resource "terraform_data" "b" {
                  input = terraform_data.a.id
                }
                """);
        assertThat(run("-chdir=" + dir, "graph")).isEqualTo(0);
        assertThat(out.toString()).contains("\"terraform_data.b\" -> \"terraform_data.a\";");
        assertThat(run("-chdir=" + dir, "graph", "-type=sideways")).isEqualTo(1);
        assertThat(err.toString()).contains("Unsupported graph type");
    }

    @Test
    void graphReportsCycles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  input = terraform_data.b.id
                }
                resource "terraform_data" "b" {
                  input = terraform_data.a.id
                }
                """);
        assertThat(run("-chdir=" + dir, "graph", "-no-color")).isEqualTo(1);
        assertThat(err.toString()).contains("Error: Cycle: terraform_data.b, terraform_data.a");
    }
}
