package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where Capstan differed from terraform 1.11.4, each compared with the real {@code terraform}
 * ({@code -no-color}): failing data sources in two {@code check} blocks with the same summary are
 * two warnings (terraform never consolidates a check's diagnostics); an {@code import} block's id
 * is evaluated, with terraform's errors (null, empty, unknown as with {@code uuid()}), before any
 * instance of its resource is planned, while {@code timestamp()} in the resource itself is unknown
 * as elsewhere; the apply of a saved {@code -refresh-only} plan whose output precondition failed
 * (a warning while planning, an error at apply, the outputs still saved); and a condition whose
 * result is a string, a number or null ("Invalid condition result", an untyped {@code -var
 * ok=false} is the string "false", which converts). Skipped, with a printed reason, when terraform
 * is absent.
 */
class CheckImportConditionDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void failingCheckDataSourcesWithOneSummaryAreNotMerged() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                terraform {
                  required_providers {
                    local = { source = "capstan/local" }
                  }
                }

                check "one" {
                  data "local_file" "a" {
                    filename = "${path.module}/nope-a.txt"
                  }
                  assert {
                    condition     = data.local_file.a.content == "x"
                    error_message = "a"
                  }
                }

                check "two" {
                  data "local_file" "b" {
                    filename = "${path.module}/nope-b.txt"
                  }
                  assert {
                    condition     = data.local_file.b.content == "x"
                    error_message = "b"
                  }
                }

                # two warnings of one summary outside a check block are still merged
                resource "terraform_data" "w" {
                  input = "x"
                  lifecycle {
                    ignore_changes = ["input"]
                  }
                }

                resource "terraform_data" "w2" {
                  input = "x"
                  lifecycle {
                    ignore_changes = ["input"]
                  }
                }
                """, "local");
        String[] out = d.bothOk("plan", "-input=false", "-no-color");
        assertThat(out[0]).contains("with data.local_file.a,", "with data.local_file.b,",
                "(and one more similar warning elsewhere)");
        assertThat(afterProgress(out[1])).isEqualTo(afterProgress(out[0]));
        // at apply, the nested data sources are read again: two warnings again
        String[] apply = d.bothOk("apply", "-input=false", "-no-color", "-auto-approve");
        for (String a : apply) {
            String tail = fromWarnings(a);
            assertThat(tail).contains("with data.local_file.a,", "with data.local_file.b,",
                    "Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
            assertThat(tail.split("Warning: Read local file data source error", -1)).hasSize(3);
        }
    }

    @Test
    void impureFunctionsInAnImportedResourceAreUnknownAtPlanAsElsewhere() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                import {
                  to = terraform_data.a
                  id = "abc"
                }

                resource "terraform_data" "a" {
                  input = timestamp()
                }

                resource "terraform_data" "b" {
                  input = uuid()
                }

                output "t" {
                  value = terraform_data.a.input
                }
                """);
        String[] plan = d.bothOk("plan", "-input=false", "-no-color");
        assertThat(plan[0]).contains("+ input  = (known after apply)", "Plan: 1 to import, 1 to add, 1 to change");
        assertThat(afterProgress(plan[1])).isEqualTo(afterProgress(plan[0]));
        JsonNode tf = planJson(d.t(), d.bothOk("plan", "-input=false", "-no-color", "-out=tfplan")[0]);
        JsonNode cap = planJson(d.c(), null);
        assertThat(cap.path("resource_changes")).isEqualTo(tf.path("resource_changes"));
        assertThat(cap.path("output_changes")).isEqualTo(tf.path("output_changes"));

        // the import command: the configuration's timestamp() does not reach the imported object
        d.write("""
                resource "terraform_data" "a" {
                  input = timestamp()
                }
                """);
        String[] imp = d.bothOk("import", "-input=false", "-no-color", "terraform_data.a", "abc");
        assertThat(imp[1]).isEqualTo(imp[0]);
        String[] show = d.bothOk("state", "show", "-no-color", "terraform_data.a");
        assertThat(show[0]).contains("id = \"abc\"").doesNotContain("input");
        assertThat(show[1]).isEqualTo(show[0]);
    }

    @ParameterizedTest(name = "id = {0}")
    @ValueSource(strings = {"null", "\"\"", "\"x-${uuid()}\"", "\"x-${timestamp()}\"", "each.key == \"q\" ? null : \"x\"",
            "each.key == \"p\" ? \"\" : uuid()", "5"})
    void anImportIdIsCheckedAsTerraformChecksIt(String id) throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                import {
                  for_each = toset(["p", "q"])
                  to       = terraform_data.m[each.key]
                  id       = %s
                }

                resource "terraform_data" "m" {
                  for_each = toset(["p", "q"])
                  input    = each.key
                }

                resource "terraform_data" "other" {
                  input = "y"
                }
                """.formatted(id));
        // null or empty is found by the validation before planning (terraform's validate walk), unknown when planning
        Differential.Run[] v = d.both("validate", "-no-color");
        assertThat(v[1].exit()).as(v[1].out()).isEqualTo(v[0].exit());
        assertThat(v[1].out()).isEqualTo(v[0].out());
        Differential.Run[] r = d.both("plan", "-input=false", "-no-color");
        assertThat(r[1].exit()).as(r[1].out()).isEqualTo(r[0].exit());
        if (r[0].exit() == 0) {
            // both imported: the refresh lines come in the order the instances finished
            assertThat(afterProgress(r[1].out())).isEqualTo(afterProgress(r[0].out()));
        } else {
            assertThat(r[0].out()).contains("Error: Invalid import id argument").doesNotContain("Preparing import");
            assertThat(r[1].out()).isEqualTo(r[0].out());
        }
    }

    @Test
    void applyingARefreshOnlyPlanWhoseOutputPreconditionFailedIsAnErrorAndSavesTheOutputs() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                variable "ok" {
                  type    = bool
                  default = true
                }

                resource "terraform_data" "a" {
                  input = "x"
                }

                output "o1" {
                  value = terraform_data.a.output
                  precondition {
                    condition     = var.ok
                    error_message = "not ok"
                  }
                }

                output "o2" {
                  value = var.ok
                }
                """);
        d.bothOk("apply", "-input=false", "-no-color", "-auto-approve");
        String[] plan = d.bothOk("plan", "-input=false", "-no-color", "-refresh-only", "-var", "ok=false", "-out=tfplan");
        assertThat(plan[0]).contains("~ o2 = true -> false", "Warning: Module output value precondition failed");
        assertThat(afterRefresh(plan[1])).isEqualTo(afterRefresh(plan[0]));
        Differential.Run[] apply = d.both("apply", "-input=false", "-no-color", "tfplan");
        assertThat(apply[0].exit()).as(apply[0].out()).isEqualTo(1);
        assertThat(apply[0].out()).contains("Error: Module output value precondition failed");
        assertThat(apply[1].exit()).as(apply[1].out()).isEqualTo(1);
        assertThat(apply[1].out()).isEqualTo(apply[0].out());
        String[] outputs = d.bothOk("output", "-no-color");
        assertThat(outputs[0]).isEqualTo("o1 = \"x\"\no2 = false\n");
        assertThat(outputs[1]).isEqualTo(outputs[0]);
        JsonNode tf = JSON.readTree(d.t().resolve("terraform.tfstate").toFile());
        JsonNode cap = JSON.readTree(d.c().resolve("terraform.tfstate").toFile());
        assertThat(cap.path("outputs")).isEqualTo(tf.path("outputs"));
        assertThat(cap.path("check_results")).isEqualTo(tf.path("check_results"));
    }

    @ParameterizedTest(name = "-var ok={0}")
    @ValueSource(strings = {"false", "true", "1", "yes", "5", "[true]", "null"})
    void aConditionResultIsConvertedToBoolAsTerraformConvertsIt(String value) throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                variable "ok" {
                  type = any
                }

                resource "terraform_data" "a" {
                  input = "x"
                  lifecycle {
                    precondition {
                      condition     = var.ok
                      error_message = "not ok"
                    }
                  }
                }

                output "o1" {
                  value = 1
                  precondition {
                    condition     = var.ok
                    error_message = "not ok"
                  }
                }

                check "c" {
                  assert {
                    condition     = var.ok
                    error_message = "not ok"
                  }
                }
                """);
        Differential.Run[] r = d.both("plan", "-input=false", "-no-color", "-var", "ok=" + value);
        assertThat(r[1].exit()).as(r[1].out()).isEqualTo(r[0].exit());
        assertThat(untilRule(r[1].out())).isEqualTo(untilRule(r[0].out()));
    }

    @ParameterizedTest(name = "-var ok={0}")
    @ValueSource(strings = {"false", "yes", "1", "0"})
    void aValidationResultIsConvertedToBoolAsTerraformConvertsIt(String value) throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                variable "ok" {
                  default = true
                  validation {
                    condition     = var.ok
                    error_message = "ok must be true"
                  }
                }

                output "o" {
                  value = var.ok ? "on" : "off"
                }
                """);
        Differential.Run[] r = d.both("plan", "-input=false", "-no-color", "-var", "ok=" + value);
        assertThat(r[1].exit()).as(r[1].out()).isEqualTo(r[0].exit());
        assertThat(untilRule(r[1].out())).isEqualTo(untilRule(r[0].out()));
    }

    /**
     * The plan lists its changes in terraform's address order (the root module's before a module's,
     * {@code a[2]} before {@code a[10]}), in the human plan and in {@code show -json}.
     */
    @Test
    void changesAreListedInTerraformsAddressOrder() throws Exception {
        String resources = """
                resource "terraform_data" "a" {
                  count = 11
                  input = count.index
                }

                resource "terraform_data" "m" {
                  for_each = toset(["b", "a", "B"])
                  input    = each.key
                }
                """;
        TwinDirs d = TwinDirs.of(tmp, resources);
        d.write(resources + """

                module "m" {
                  source   = "./mod"
                  for_each = toset(["x", "y"])
                }
                """);
        for (Path dir : List.of(d.t(), d.c())) {
            java.nio.file.Files.createDirectories(dir.resolve("mod"));
            java.nio.file.Files.writeString(dir.resolve("mod/main.tf"), """
                    resource "terraform_data" "d" {
                      count = 2
                      input = count.index
                    }
                    """);
        }
        d.bothOk("init", "-input=false", "-no-color");
        String[] plan = d.bothOk("plan", "-input=false", "-no-color", "-out=tfplan");
        assertThat(plan[0].indexOf("terraform_data.a[2] will")).isLessThan(plan[0].indexOf("terraform_data.a[10] will"));
        // up to the rule: the -out hint after it is left out by terraform under TF_IN_AUTOMATION
        assertThat(untilRule(plan[1])).isEqualTo(untilRule(plan[0]));
        JsonNode tf = JSON.readTree(Differential.tfStdout(d.t(), "show", "-json", "tfplan").out());
        JsonNode cap = JSON.readTree(Differential.capOk(d.c(), "show", "-json", "tfplan"));
        assertThat(addresses(cap.path("resource_changes"))).isEqualTo(addresses(tf.path("resource_changes")));
        assertThat(Differential.capOk(d.c(), "show", "-no-color", "tfplan"))
                .isEqualTo(Differential.tfOk(d.t(), "show", "-no-color", "tfplan"));
    }

    private static List<String> addresses(JsonNode changes) {
        List<String> out = new java.util.ArrayList<>();
        changes.forEach(c -> out.add(c.path("address").asText()));
        return out;
    }

    /** {@code show -json tfplan} in {@code dir}, after Capstan planned there when {@code planned} is null. */
    private JsonNode planJson(Path dir, String planned) throws Exception {
        if (planned == null) {
            Differential.capOk(dir, "plan", "-input=false", "-no-color", "-out=tfplan");
            return JSON.readTree(Differential.capOk(dir, "show", "-json", "tfplan"));
        }
        return JSON.readTree(Differential.tfStdout(dir, "show", "-json", "tfplan").out());
    }

    /**
     * The plan and its warnings: after the progress lines (whose order depends on scheduling),
     * before the "─" rule and the -out note (which terraform leaves out under TF_IN_AUTOMATION).
     */
    private static String afterProgress(String out) {
        int from = out.indexOf("Terraform used the selected providers");
        assertThat(from).as("no plan in:\n" + out).isNotNegative();
        return untilRule(out.substring(from));
    }

    /** After the refresh lines of a refresh-only plan, before the rule. */
    private static String afterRefresh(String out) {
        int from = out.indexOf("\n\n");
        assertThat(from).as("no refresh lines in:\n" + out).isNotNegative();
        return untilRule(out.substring(from));
    }

    /** After an apply's last progress line (the progress lines' order depends on scheduling). */
    private static String fromWarnings(String out) {
        int from = out.lastIndexOf("Creation complete after");
        assertThat(from).as("no progress in:\n" + out).isNotNegative();
        return out.substring(out.indexOf('\n', from));
    }

    private static String untilRule(String out) {
        int to = out.indexOf("\n─");
        return (to < 0 ? out : out.substring(0, to)).strip();
    }
}
