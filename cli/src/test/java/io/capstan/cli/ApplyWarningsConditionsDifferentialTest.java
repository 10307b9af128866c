package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where Capstan differed from terraform 1.11.4 around warnings and conditions, each compared with
 * the real {@code terraform}: an apply that does not ask for approval ({@code -auto-approve}, a
 * saved plan, {@code destroy -auto-approve}) shows the configuration's and the planning's warnings
 * below the progress lines, with the apply's, a check block's from the planning left out (human and
 * {@code -json}); values in a variables file for undeclared variables are terraform's sourceless
 * warnings (two, then a count of the rest); a check assertion that cannot be evaluated (an attribute
 * of null, a failing function call) is an error and the check's status {@code error}; a condition
 * whose result is not a bool, or whose error message cannot be evaluated, has the status
 * {@code error} (resource, output, check: plan JSON {@code checks}, state {@code check_results});
 * a sensitive or null error message is reported as terraform reports it. Skipped, with a printed
 * reason, when terraform is absent.
 */
class ApplyWarningsConditionsDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void warningsComeBelowTheProgressLinesWhenTheApplyDoesNotAsk() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                resource "terraform_data" "w" {
                  input = "x"
                  lifecycle {
                    ignore_changes = ["input"]
                  }
                }

                check "c" {
                  assert {
                    condition     = terraform_data.w.output == "z"
                    error_message = "w is not z"
                  }
                }
                """);
        for (Path dir : List.of(d.t(), d.c())) {
            Files.writeString(dir.resolve("terraform.tfvars"), "nope = 1\n");
        }
        // the planning's "known after apply" is left out; the apply's failed assertion, the quoted reference and
        // the undeclared variable come after "Creation complete"
        String[] apply = d.bothOk("apply", "-input=false", "-no-color", "-auto-approve");
        assertThat(apply[0]).contains("Creation complete after").doesNotContain("known after apply\n");
        assertThat(apply[0].indexOf("Warning: Quoted references")).isGreaterThan(apply[0].indexOf("Creation complete"));
        assertThat(masked(apply[1])).isEqualTo(masked(apply[0]));
        String[] destroy = d.bothOk("destroy", "-input=false", "-no-color", "-auto-approve");
        assertThat(destroy[0].indexOf("Warning: Quoted references")).isGreaterThan(destroy[0].indexOf("Destruction complete"));
        assertThat(masked(destroy[1])).isEqualTo(masked(destroy[0]));
        // a saved plan: the configuration's and the variables' warnings again, and the apply's
        d.bothOk("plan", "-input=false", "-no-color", "-out=tfplan");
        String[] saved = d.bothOk("apply", "-input=false", "-no-color", "tfplan");
        assertThat(saved[0]).contains("Warning: Value for undeclared variable", "Warning: Check block assertion failed");
        assertThat(masked(saved[1])).isEqualTo(masked(saved[0]));
        // -json: the diagnostics after the apply's progress, before its change summary
        d.bothOk("destroy", "-input=false", "-no-color", "-auto-approve");
        List<String> tf = messages(Differential.tfStdout(d.t(), "apply", "-input=false", "-json", "-auto-approve").out());
        List<String> cap = messages(Differential.capStdout(d.c(), "apply", "-input=false", "-json", "-auto-approve").out());
        assertThat(tf).anyMatch(m -> m.contains("Quoted references are deprecated"));
        assertThat(cap).isEqualTo(tf);
    }

    @Test
    void undeclaredVariablesInFilesAreTwoWarningsAndACount() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                variable "known" {
                  default = 1
                }

                output "o" {
                  value = var.known
                }
                """);
        for (Path dir : List.of(d.t(), d.c())) {
            Files.writeString(dir.resolve("terraform.tfvars"), "a = 1\nb = 2\nknown = 3\n");
            Files.writeString(dir.resolve("x.auto.tfvars"), "c = 1\nd = 2\n");
        }
        String[] plan = d.bothOk("plan", "-input=false", "-no-color");
        for (String p : plan) {
            // terraform picks the two it names in its map's order: which two is not fixed
            assertThat(p.split("Warning: Value for undeclared variable\n\nThe root module does not declare", -1)).hasSize(3);
            assertThat(p).contains("Warning: Values for undeclared variables\n\nIn addition to the other similar "
                    + "warnings shown, 2 other variable(s) defined\nwithout being declared.",
                    "To silence these warnings, use TF_VAR_... environment variables").doesNotContain("on terraform.tfvars");
        }
        d.write("""
                output "o" {
                  value = 1
                }
                """);
        for (Path dir : List.of(d.t(), d.c())) {
            Files.delete(dir.resolve("x.auto.tfvars"));
            Files.writeString(dir.resolve("terraform.tfvars"), "a = 1\n");
        }
        plan = d.bothOk("plan", "-input=false", "-no-color");
        // the test environment drops terraform's -out note after the warnings; Capstan's follows them
        assertThat(plan[1]).startsWith(plan[0]);
    }

    @Test
    void aCheckAssertionThatCannotBeEvaluatedIsAnError() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                variable "o" {
                  type    = object({ a = string })
                  default = null
                }

                variable "s" {
                  default = "abc"
                }

                resource "terraform_data" "r" {
                  input = "x"
                }

                check "c" {
                  assert {
                    condition     = var.o.a == "x"
                    error_message = "bad"
                  }
                  assert {
                    condition     = terraform_data.r.output == "x"
                    error_message = "r bad"
                  }
                }

                check "d" {
                  assert {
                    condition     = tonumber(var.s) > 1
                    error_message = "bad2"
                  }
                }
                """);
        Differential.Run[] plan = d.both("plan", "-input=false", "-no-color", "-out=tfplan");
        assertThat(plan[0].exit()).as(plan[0].out()).isEqualTo(1);
        assertThat(plan[0].out()).contains("Error: Attempt to get attribute from null value", "Error: Invalid function argument");
        assertThat(plan[1].exit()).as(plan[1].out()).isEqualTo(1);
        assertThat(plan[1].out()).isEqualTo(plan[0].out());
        assertThat(planChecks(d.c())).isEqualTo(planChecks(d.t()));
    }

    @Test
    void anAssertionFailingToEvaluateAtApplyRecordsAnError() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                resource "terraform_data" "r" {
                  input = "abc"
                }

                check "c" {
                  assert {
                    condition     = tonumber(terraform_data.r.output) > 1
                    error_message = "bad"
                  }
                }

                output "o" {
                  value = terraform_data.r.output
                }
                """);
        Differential.Run[] apply = d.both("apply", "-input=false", "-no-color", "-auto-approve");
        assertThat(apply[0].exit()).as(apply[0].out()).isEqualTo(1);
        assertThat(apply[1].exit()).as(apply[1].out()).isEqualTo(1);
        assertThat(masked(apply[1].out())).isEqualTo(masked(apply[0].out()));
        assertThat(stateChecks(d.c())).isEqualTo(stateChecks(d.t()));
        Differential.Run[] plan = d.both("plan", "-input=false", "-no-color");
        assertThat(plan[1].exit()).isEqualTo(plan[0].exit());
        assertThat(masked(plan[1].out())).isEqualTo(masked(plan[0].out()));
    }

    @Test
    void conditionsThatAreNotBoolsHaveTheStatusError() throws Exception {
        String config = """
                variable "ok" {
                  type = any
                }

                resource "terraform_data" "a" {
                  input = var.ok
                }

                resource "terraform_data" "b" {
                  input = "x"
                  lifecycle {
                    precondition {
                      condition     = terraform_data.a.output
                      error_message = "not ok"
                    }
                  }
                }

                output "o1" {
                  value = 1
                  precondition {
                    condition     = terraform_data.a.output
                    error_message = "not ok"
                  }
                }

                check "c" {
                  assert {
                    condition     = terraform_data.a.output
                    error_message = "not ok"
                  }
                }
                """;
        TwinDirs d = TwinDirs.of(tmp, config);
        // known only while applying (terraform_data.a.output): the state's check results
        Differential.Run[] apply = d.both("apply", "-input=false", "-no-color", "-auto-approve", "-var", "ok=5");
        assertThat(apply[0].exit()).as(apply[0].out()).isEqualTo(1);
        assertThat(apply[0].out()).contains("Error: Invalid condition result");
        assertThat(apply[1].exit()).as(apply[1].out()).isEqualTo(1);
        assertThat(masked(apply[1].out())).isEqualTo(masked(apply[0].out()));
        assertThat(stateChecks(d.c())).isEqualTo(stateChecks(d.t()));
    }

    @Test
    void errorMessagesAreEvaluatedAsTerraformEvaluatesThem() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                variable "o" {
                  type    = object({ a = string })
                  default = null
                }

                variable "ok" {
                  default = true
                }

                variable "secret" {
                  default   = "s"
                  sensitive = true
                }

                resource "terraform_data" "a" {
                  input = "x"
                  lifecycle {
                    precondition {
                      condition     = var.ok
                      error_message = "bad ${var.o.a}"
                    }
                  }
                }

                output "o1" {
                  value = 1
                  precondition {
                    condition     = !var.ok
                    error_message = var.ok ? null : "x"
                  }
                }

                check "c" {
                  assert {
                    condition     = !var.ok
                    error_message = "secret ${var.secret}"
                  }
                }
                """);
        Differential.Run[] plan = d.both("plan", "-input=false", "-no-color", "-out=tfplan");
        assertThat(plan[0].exit()).as(plan[0].out()).isEqualTo(1);
        assertThat(plan[0].out()).contains("Warning: Error message refers to sensitive values", "Error: Invalid error message",
                "This check failed, but has an invalid error message");
        assertThat(plan[1].exit()).as(plan[1].out()).isEqualTo(1);
        assertThat(plan[1].out()).isEqualTo(plan[0].out());
        // the errored plan's checks, check.c ("fail") among them
        assertThat(planChecks(d.c())).isEqualTo(planChecks(d.t())).anyMatch(c -> c.contains("\"kind\":\"check\""));
    }

    @Test
    void anApplyWithNoChangesEvaluatesTheChecksAgain() throws Exception {
        // timestamp() is unknown while planning: the check's result is known only when applying
        TwinDirs d = TwinDirs.of(tmp, """
                resource "terraform_data" "r" {
                  input = "x"
                }

                check "c" {
                  assert {
                    condition     = "${terraform_data.r.output}${timestamp()}" == "never"
                    error_message = "not now"
                  }
                }
                """);
        d.bothOk("apply", "-input=false", "-no-color", "-auto-approve");
        for (Path dir : List.of(d.t(), d.c())) {
            // the state as the planning leaves it: the check's result not yet known
            JsonNode state = JSON.readTree(dir.resolve("terraform.tfstate").toFile());
            ((ObjectNode) state).putArray("check_results");
            Files.writeString(dir.resolve("terraform.tfstate"), state.toString());
        }
        String[] apply = d.bothOk("apply", "-input=false", "-no-color", "-auto-approve");
        assertThat(apply[0]).contains("No changes.", "Warning: Check block assertion failed", "not now")
                .doesNotContain("known after apply");
        assertThat(masked(apply[1])).isEqualTo(masked(apply[0]));
        assertThat(stateChecks(d.c())).isEqualTo(stateChecks(d.t())).allMatch(c -> c.contains("\"status\":\"fail\""));
    }

    /** Output without what differs from run to run: object ids and durations. */
    private static String masked(String out) {
        return out.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID")
                .replaceAll("after \\d+s", "after Ns");
    }

    /** A {@code -json} run's messages (no timestamps, no version line), masked as {@link #masked}. */
    private static List<String> messages(String jsonl) throws Exception {
        List<String> out = new ArrayList<>();
        for (ObjectNode n : Differential.uiMessages(jsonl)) {
            if (n.path("hook").has("elapsed_seconds")) {
                ((ObjectNode) n.path("hook")).put("elapsed_seconds", 0);
            }
            out.add(masked(n.toString()).replaceAll("after \\d+s", "after Ns"));
        }
        return out;
    }

    /** The {@code checks} of the plan saved as {@code tfplan} in {@code dir}, by address (terraform's order is a map's). */
    private static List<String> planChecks(Path dir) throws Exception {
        String json = dir.getFileName().toString().equals("terraform")
                ? Differential.tfStdout(dir, "show", "-json", "tfplan").out()
                : Differential.capOk(dir, "show", "-json", "tfplan");
        return sortedElements(JSON.readTree(json).path("checks"));
    }

    /** The state's {@code check_results}, sorted (terraform writes them in a map's order). */
    private static List<String> stateChecks(Path dir) throws Exception {
        return sortedElements(JSON.readTree(dir.resolve("terraform.tfstate").toFile()).path("check_results"));
    }

    private static List<String> sortedElements(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.toString()));
        out.sort(null);
        assertThat(out).isNotEmpty();
        return out;
    }
}
