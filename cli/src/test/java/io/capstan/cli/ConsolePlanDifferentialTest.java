package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.Backends;
import io.capstan.state.LockInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code console -plan} (terraform 1.11) evaluates against the plan of the configuration: what
 * would be created is there with its planned values ({@code (known after apply)} where unknown),
 * what would be updated has its new values, impure functions are unknown, a required variable
 * without a value is unknown, {@code -var}/{@code -var-file}/{@code TF_VAR_} are taken as plan
 * takes them, a resource only in state is undeclared. The state holds one applied resource that
 * the configuration changes and one it no longer declares. Each case runs {@code terraform
 * console -plan} and {@code capstan console -plan} with the same piped input, arguments and
 * environment: same standard output, standard error and exit code.
 */
class ConsolePlanDifferentialTest {
    @TempDir
    static Path dir;

    private static final String MAIN = """
            variable "req" { type = number }
            variable "x" { default = "d" }
            variable "secret" {
              default   = "s"
              sensitive = true
            }
            locals {
              l       = "hi ${var.x}"
              doubled = var.req * 2
            }
            resource "terraform_data" "a" {
              input = var.x
            }
            resource "terraform_data" "b" {
              count = 2
              input = "${terraform_data.a.output}-${count.index}"
            }
            resource "terraform_data" "kept" {
              input = "new"
            }
            resource "terraform_data" "each" {
              for_each = toset(["p", "q"])
              input    = upper(each.key)
            }
            module "m" {
              source = "./m"
              in     = var.x
            }
            output "o" {
              value = terraform_data.a.id
            }
            """;

    record Case(String name, String input, List<String> args, Map<String, String> env) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void config() throws Exception {
        // the state first: "kept" and "gone" applied by terraform, so both tools plan from the same state
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "kept" {
                  input = "old"
                }
                resource "terraform_data" "gone" {
                  input = "g"
                }
                """);
        Differential.tfOk(dir, "apply", "-auto-approve", "-input=false", "-no-color");
        Files.writeString(dir.resolve("main.tf"), MAIN);
        Files.createDirectories(dir.resolve("m"));
        Files.writeString(dir.resolve("m/main.tf"), """
                variable "in" { type = string }
                resource "terraform_data" "inner" {
                  input = var.in
                }
                output "out" {
                  value = "${var.in}!"
                }
                output "id" {
                  value = terraform_data.inner.id
                }
                """);
        Files.writeString(dir.resolve("extra.tfvars"), "x = \"extra\"\nreq = 7\n");
        Differential.tfOk(dir, "init", "-input=false", "-no-color");
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a resource to create", "terraform_data.a", List.of(), Map.of()),
                new Case("a counted resource to create", "terraform_data.b", List.of(), Map.of()),
                new Case("an attribute known only after apply", "terraform_data.b[1].input", List.of(), Map.of()),
                new Case("a for_each resource", "terraform_data.each", List.of(), Map.of()),
                new Case("an attribute known at plan", "terraform_data.each[\"q\"].input", List.of(), Map.of()),
                new Case("a resource to update", "terraform_data.kept", List.of(), Map.of()),
                new Case("a resource only in state", "terraform_data.gone", List.of(), Map.of()),
                new Case("a module's outputs", "module.m", List.of(), Map.of()),
                new Case("a module output from -var", "module.m.out", List.of("-var", "x=cli"), Map.of()),
                new Case("an impure function", "timestamp()", List.of(), Map.of()),
                new Case("a required variable without a value", "local.doubled", List.of(), Map.of()),
                new Case("TF_VAR_", "[var.req, local.doubled]", List.of(), Map.of("TF_VAR_req", "5")),
                new Case("-var-file", "[local.l, var.req]", List.of("-var-file=extra.tfvars"), Map.of()),
                new Case("a sensitive variable", "var.secret", List.of(), Map.of()),
                new Case("several lines: the last result", "var.x\nlocal.l\nterraform_data.a.input", List.of(),
                        Map.of()),
                new Case("an error ends the input", "local.l\nnosuch.thing\nvar.x", List.of(), Map.of()),
                new Case("exit", "var.x\nexit\nlocal.l", List.of(), Map.of()),
                new Case("undeclared -var", "1", List.of("-var", "nope=1"), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameAsTerraform(Case c) throws Exception {
        assertSame(dir, c.input(), c.args(), c.env());
    }

    /**
     * A plan with an error (a precondition) and a warning (a check block): terraform shows them, adds
     * "Due to the problems above, some expressions may produce unexpected results." and evaluates all
     * the same (exit 0).
     */
    @Test
    void problemsInThePlanAreShownAndTheConsoleGoesOn(@TempDir Path d) throws Exception {
        Files.writeString(d.resolve("main.tf"), """
                variable "x" { default = "d" }
                resource "terraform_data" "a" {
                  input = var.x
                  lifecycle {
                    precondition {
                      condition     = var.x == "ok"
                      error_message = "x must be ok"
                    }
                  }
                }
                resource "terraform_data" "c" {
                  input = "c"
                }
                check "c" {
                  assert {
                    condition     = var.x == "ok"
                    error_message = "check says no"
                  }
                }
                """);
        assertSame(d, "terraform_data.c.input", List.of(), Map.of());
        assertSame(d, "terraform_data.c.input", List.of("-var", "x=ok"), Map.of());
    }

    /**
     * Errors terraform's validate walk would find, which its console -plan (no validate walk) finds
     * only while planning: a count below zero, a for_each that is a string, a condition that is not
     * a bool, a failed output precondition. Each is
     * shown, then "Due to the problems above..." and the console evaluates all the same (exit 0).
     */
    @Test
    void errorsTheValidateWalkWouldFindAreFoundWhilePlanningAndTheConsoleGoesOn(@TempDir Path d) throws Exception {
        Files.writeString(d.resolve("main.tf"), """
                variable "n" { default = -1 }
                resource "terraform_data" "bad" {
                  count = var.n
                }
                resource "terraform_data" "each" {
                  for_each = "notaset"
                }
                resource "terraform_data" "c" {
                  input = "c"
                }
                resource "terraform_data" "cond" {
                  input = "x"
                  lifecycle {
                    precondition {
                      condition     = var.n
                      error_message = "m"
                    }
                  }
                }
                output "o" {
                  value = terraform_data.c.input
                  precondition {
                    condition     = length(terraform_data.c.input) > 5
                    error_message = "short"
                  }
                }
                """);
        assertSame(d, "terraform_data.c.input", List.of(), Map.of());
        assertSame(d, "[var.n, terraform_data.c]", List.of("-var", "n=2"), Map.of());
    }

    /** A state locked by another run: console -plan stops with "Error acquiring the state lock", exit 1. */
    @Test
    void aLockedStateStopsIt(@TempDir Path d) throws Exception {
        Files.writeString(d.resolve("main.tf"), "resource \"terraform_data\" \"a\" {\n  input = \"a\"\n}\n");
        Differential.tfOk(d, "apply", "-auto-approve", "-input=false", "-no-color");
        try (Backend b = Backends.open(BackendConfig.of("local", Map.of("capstan.working_dir", d.toString())))) {
            String id = b.lock(Backend.DEFAULT_WORKSPACE, LockInfo.forThisProcess("OperationTypeApply", "1.11.4"),
                    Duration.ZERO);
            try {
                // (terraform is not asked here: it did not see this in-process lock of Capstan's local backend)
                Outcome cs = capstan(d, "terraform_data.a.input", List.of("-plan"), Map.of());
                assertThat(cs.code()).isEqualTo(1);
                assertThat(cs.out()).isEmpty();
                assertThat(cs.err()).contains("Error acquiring the state lock", "OperationTypeApply");
            } finally {
                b.unlock(Backend.DEFAULT_WORKSPACE, id);
            }
        }
        // the console released its lock: the state can be locked again
        assertSame(d, "terraform_data.a.input", List.of(), Map.of());
        Outcome again = capstan(d, "terraform_data.a.input", List.of("-plan"), Map.of());
        assertThat(again.code()).as("stdout: %s\nstderr: %s", again.out(), again.err()).isZero();
    }

    record Outcome(String out, String err, int code) {
    }

    private static void assertSame(Path d, String input, List<String> args, Map<String, String> env) throws Exception {
        List<String> withPlan = new ArrayList<>(List.of("-plan"));
        withPlan.addAll(args);
        Outcome tf = terraform(d, input, withPlan, env);
        Outcome cs = capstan(d, input, withPlan, env);
        assertThat(cs.out()).as("stdout for %s %s (stderr: %s)", input, args, cs.err()).isEqualTo(tf.out());
        assertThat(cs.err()).as("stderr for %s %s", input, args).isEqualTo(tf.err());
        assertThat(cs.code()).as("exit code for %s %s", input, args).isEqualTo(tf.code());
    }

    static Outcome terraform(Path d, String input, List<String> args, Map<String, String> env)
            throws IOException, InterruptedException {
        Path terraform = Differential.terraform();
        List<String> cmd = new ArrayList<>(List.of(terraform.toString(), "console", "-no-color"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(d.toFile());
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.environment().keySet().removeIf(k -> k.startsWith("TF_VAR_") || k.equals("TF_LOG") || k.equals("TF_DATA_DIR"));
        pb.environment().putAll(env);
        Path err = Files.createTempFile("tf-console", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write((input + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String errText = Files.readString(err);
        Files.delete(err);
        return new Outcome(out, errText, p.exitValue());
    }

    static Outcome capstan(Path d, String input, List<String> args, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("TF_VAR_") || k.equals("TF_LOG") || k.equals("TF_DATA_DIR"));
        env.putAll(extraEnv);
        List<String> all = new ArrayList<>(List.of("console", "-no-color"));
        all.addAll(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.runFor(d, false, env, new ByteArrayInputStream((input + "\n").getBytes(StandardCharsets.UTF_8)),
                all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(out.toString(), err.toString(), code);
    }
}
