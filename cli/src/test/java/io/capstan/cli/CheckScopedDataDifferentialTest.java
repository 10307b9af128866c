package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code data} block nested in a {@code check} block, run by the real {@code terraform} and by
 * Capstan on the Java SDK's {@code local} provider. Terraform reads it while planning, turns its
 * errors into warnings (the check's assertions are then skipped, the run goes on), plans it on
 * every plan as a read during apply ("config will be reloaded to verify a check block",
 * {@code read_because_check_nested}), and records what it read in state (the configuration with
 * null computed attributes when the read failed). Only the check's assertions may refer to it
 * ("Reference to scoped resource"). The checks' results ({@code checks} in {@code show -json} of
 * the plan and of the state, {@code check_results} in state) match terraform's too. Skipped, with a printed reason, when
 * terraform is absent.
 */
class CheckScopedDataDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            terraform {
              required_providers {
                local = { source = "capstan/local" }
              }
            }

            resource "local_file" "a" {
              filename = "${path.module}/out/a.txt"
              content  = "hello"
            }

            check "file_ok" {
              data "local_file" "f" {
                filename = local_file.a.filename
              }
              assert {
                condition     = data.local_file.f.content == "hello"
                error_message = "unexpected content"
              }
            }

            check "missing" {
              data "local_file" "m" {
                filename = "${path.module}/nope.txt"
              }
              assert {
                condition     = data.local_file.m.content == "x"
                error_message = "never evaluated: the read failed"
              }
            }
            """;
    private static final String READ_ERROR = """
            Warning: Read local file data source error

              with data.local_file.m,
              on main.tf line 24, in check "missing":
              24:     filename = "${path.module}/nope.txt"

            The file at given path cannot be read.

            Original Error: java.nio.file.NoSuchFileException: ./nope.txt
            """;

    @TempDir
    Path tmp;

    @Test
    void nestedDataSourceIsReadPlannedAndRecordedAsTerraformDoes() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, CONFIG, "local");
        Path t = d.t();
        Path c = d.c();

        // first plan: f waits for local_file.a (dependency pending), m is read now and fails: a warning
        String tPlan = Differential.tfOk(t, "plan", "-input=false", "-no-color", "-out=tfplan");
        String cPlan = Differential.capOk(c, "plan", "-input=false", "-no-color", "-out=tfplan");
        assertThat(tPlan).contains("# (config will be reloaded to verify a check block)", READ_ERROR);
        assertThat(actions(cPlan)).isEqualTo(actions(tPlan));
        assertThat(cPlan).contains(READ_ERROR).doesNotContain("never evaluated");
        assertSameChanges(t, c);

        String tApply = Differential.tfOk(t, "apply", "-input=false", "-no-color", "tfplan");
        String cApply = Differential.capOk(c, "apply", "-input=false", "-no-color", "tfplan");
        for (String out : List.of(tApply, cApply)) {
            assertThat(out).contains(READ_ERROR, "Apply complete! Resources: 1 added, 0 changed, 0 destroyed.")
                    .doesNotContain("never evaluated");
        }
        assertThat(dataResources(c)).isEqualTo(dataResources(t));
        assertThat(checkResults(c)).isEqualTo(checkResults(t));
        assertThat(JSON.readTree(Differential.capOk(c, "show", "-json")).path("checks"))
                .isEqualTo(JSON.readTree(Differential.tfStdout(t, "show", "-json").out()).path("checks"));
        assertThat(checkResults(t).toString()).contains("\"failure_messages\":[\"Read local file data source error: "
                + "The file at given path cannot be read.");
        assertThat(Differential.capOk(c, "state", "list")).isEqualTo(Differential.tfOk(t, "state", "list"));

        // a plan with nothing to change still reads both again during apply, read now where it can be
        tPlan = Differential.tfOk(t, "plan", "-input=false", "-no-color", "-out=tfplan");
        cPlan = Differential.capOk(c, "plan", "-input=false", "-no-color", "-out=tfplan");
        assertThat(tPlan).contains("Plan: 0 to add, 0 to change, 0 to destroy.");
        assertThat(afterProgress(cPlan)).isEqualTo(afterProgress(tPlan));
        assertSameChanges(t, c);

        // each tool plans the same on the state the other wrote
        Differential.swap(t.resolve("terraform.tfstate"), c.resolve("terraform.tfstate"));
        assertThat(actions(Differential.capOk(c, "plan", "-input=false", "-no-color")))
                .isEqualTo(actions(Differential.tfOk(t, "plan", "-input=false", "-no-color")));
    }

    @Test
    void referenceFromOutsideTheCheckIsAnErrorAsInTerraform() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                check "c" {
                  data "terraform_remote_state" "s" {
                    backend = "local"
                    config  = { path = "${path.module}/other.tfstate" }
                  }
                  assert {
                    condition     = data.terraform_remote_state.s.outputs.x == 1
                    error_message = "x is not 1"
                  }
                }

                output "o" {
                  value = data.terraform_remote_state.s.outputs
                }
                """);
        Path t = d.t();
        Path c = d.c();
        for (String cmd : List.of("validate", "plan")) {
            Differential.Run tf = Differential.tf(t, cmd, "-no-color");
            Differential.Run cap = Differential.cap(c, cmd, "-no-color");
            assertThat(tf.out()).contains("Error: Reference to scoped resource",
                    "The referenced data resource \"terraform_remote_state\" \"s\" is not available");
            assertThat(cap.exit()).as(cmd).isEqualTo(tf.exit()).isEqualTo(1);
            // words, not line breaks: Capstan's diagnostics wrap at 80 columns, terraform's at 78
            assertThat(words(cap.out())).as(cmd).isEqualTo(words(tf.out()));
        }
    }

    @Test
    void aLifecycleBlockInTheNestedDataBlockIsAnErrorAsInTerraform() throws Exception {
        String check = """
                check "c" {
                  data "terraform_remote_state" "s" {
                    backend = "local"
                    config  = { path = "${path.module}/other.tfstate" }
                %s
                  }
                  assert {
                    condition     = data.terraform_remote_state.s.outputs.x == 1
                    error_message = "x is not 1"
                  }
                }
                """;
        TwinDirs d = TwinDirs.of(tmp, check.formatted(""));
        d.write(check.formatted("""
                    lifecycle {
                      postcondition {
                        condition     = self.outputs.x == 1
                        error_message = "x is not 1"
                      }
                    }
                """));
        for (String[] cmd : List.of(new String[] {"validate", "-no-color"}, new String[] {"plan", "-no-color", "-input=false"})) {
            Differential.Run tf = Differential.tf(d.t(), cmd);
            Differential.Run cap = Differential.cap(d.c(), cmd);
            assertThat(tf.out()).as(cmd[0]).contains("Error: Invalid lifecycle block", "on main.tf line 5, in check \"c\":",
                    "Nested data blocks do not support \"lifecycle\" blocks as the lifecycle is");
            assertThat(cap.exit()).as(cmd[0]).isEqualTo(tf.exit()).isEqualTo(1);
            assertThat(cap.out()).as(cmd[0]).isEqualTo(tf.out());
        }
        // init refuses it too (terraform prints it twice, and Capstan's init words its header as its own)
        Differential.Run tInit = Differential.tf(d.t(), "init", "-no-color", "-input=false");
        Differential.Run cInit = Differential.cap(d.c(), "init", "-no-color", "-input=false");
        assertThat(cInit.exit()).isEqualTo(tInit.exit()).isEqualTo(1);
        assertThat(cInit.out()).contains("""
                Error: Invalid lifecycle block

                  on main.tf line 5, in check "c":
                   5:     lifecycle {
                """);
        JsonNode tf = JSON.readTree(Differential.tfStdout(d.t(), "validate", "-json").out());
        JsonNode cap = JSON.readTree(Differential.capStdout(d.c(), "validate", "-json").out());
        assertThat(tf.path("error_count").asInt()).isEqualTo(1);
        assertThat(cap).isEqualTo(tf);
    }

    /** The two plans' {@code resource_changes} and {@code prior_state} in {@code show -json tfplan}. */
    private static void assertSameChanges(Path t, Path c) throws Exception {
        JsonNode tf = JSON.readTree(Differential.tfOk(t, "show", "-json", "tfplan"));
        JsonNode cap = JSON.readTree(Differential.capOk(c, "show", "-json", "tfplan"));
        assertThat(tf.at("/resource_changes").toString()).contains("\"read_because_check_nested\"");
        assertThat(cap.at("/resource_changes")).isEqualTo(tf.at("/resource_changes"));
        assertThat(cap.at("/prior_state/values")).isEqualTo(tf.at("/prior_state/values"));
        assertThat(cap.at("/checks")).isEqualTo(tf.at("/checks"));
    }

    /** The state's {@code check_results} in address order (terraform writes them in no fixed order). */
    private static List<String> checkResults(Path dir) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        JSON.readTree(dir.resolve("terraform.tfstate").toFile()).path("check_results").forEach(r -> out.add(r.toString()));
        out.sort(null);
        return out;
    }

    /** The state's data resources, as terraform and Capstan wrote them. */
    private static JsonNode dataResources(Path dir) throws Exception {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode r : JSON.readTree(dir.resolve("terraform.tfstate").toFile()).path("resources")) {
            if (r.path("mode").asText().equals("data")) {
                out.add(r);
            }
        }
        return out;
    }

    /** The human plan from "Terraform will perform" to the "Plan:" line. */
    private static String actions(String out) {
        int from = out.indexOf("Terraform will perform the following actions:");
        assertThat(from).as("no action list in:\n" + out).isNotNegative();
        return out.substring(from, out.indexOf("\n", out.indexOf("Plan: ", from)));
    }

    /**
     * The plan and its warnings: after the progress lines (whose order depends on scheduling),
     * before the "Saved the plan" hint (which terraform leaves out under TF_IN_AUTOMATION).
     */
    private static String afterProgress(String out) {
        int from = out.indexOf("Terraform used the selected providers");
        assertThat(from).as("no plan in:\n" + out).isNotNegative();
        int to = out.indexOf("\n─", from);
        return out.substring(from, to < 0 ? out.length() : to).strip();
    }

    private static String words(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
