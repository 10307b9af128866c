package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a saved plan keeps and checks, each case run by the real {@code terraform} 1.11.4 and by
 * Capstan on the same configuration, outputs and exit codes compared: root output values planned
 * wholly known are kept by the apply (a {@code file()} changed or removed since the plan does not
 * count; an output unknown when planned is evaluated then); the plan records the dependency locks
 * and refuses to apply when the lock file changed or is gone ("Inconsistent dependency lock
 * file"); applying a saved destroy plan shows no validation warnings and says "Apply complete!";
 * {@code plan -out} of a plan with nothing to apply prints no next step. Skipped, with a printed
 * reason, when terraform is absent.
 */
class SavedPlanFidelityDifferentialTest {
    @TempDir
    Path tmp;

    private static Differential.Run run(boolean terraform, Path dir, String... args) throws Exception {
        return SavedPlanDifferentialTest.run(terraform, dir, Map.of(), args);
    }

    /** Output without what differs between the tools' runs: object ids and durations. */
    private static String masked(String out) {
        return out.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID")
                .replaceAll("after \\d+s", "after Ns")
                .replaceAll("\"elapsed_seconds\":\\d+", "\"elapsed_seconds\":0");
    }

    /** The {@code -json} messages without timestamps, version line kept, ids and durations masked. */
    private static List<String> messages(String jsonl) throws Exception {
        List<String> out = new ArrayList<>();
        for (ObjectNode n : Differential.uiMessages(jsonl, true, true)) {
            out.add(masked(n.toString()));
        }
        return out;
    }

    private static String withoutSerial(Path dir) throws Exception {
        return SavedPlanDifferentialTest.stateSummary(dir).replaceFirst("serial \\d+\n", "");
    }

    private static final String OUTPUTS = """
            resource "terraform_data" "a" {
              input = "in"
            }

            output "known" {
              value = file("t.txt")
            }

            output "mixed" {
              value = "${terraform_data.a.input}-${file("t.txt")}"
            }

            output "later" {
              value = "${terraform_data.a.output}-${file("t.txt")}"
            }

            output "secret" {
              value     = file("t.txt")
              sensitive = true
            }

            output "gone" {
              value = file("gone.txt")
            }

            output "typed" {
              value = [1, { k = file("t.txt") }, tomap({ a = 1 })]
            }
            """;

    @Test
    void rootOutputsPlannedKnownKeepTheirPlannedValuesWhenTheSavedPlanIsApplied() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, OUTPUTS);
        String[] human = new String[2];
        String[] state = new String[2];
        String[] shown = new String[2];
        List<List<String>> json = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            boolean terraform = i == 0;
            Path dir = terraform ? d.t() : d.c();
            Files.writeString(dir.resolve("t.txt"), "one");
            Files.writeString(dir.resolve("gone.txt"), "here");
            assertThat(run(terraform, dir, "plan", "-input=false", "-no-color", "-out=tfplan").exit()).isZero();
            // changed and removed after the plan: the apply keeps what the plan knew ("later" was unknown)
            Files.writeString(dir.resolve("t.txt"), "two");
            Files.delete(dir.resolve("gone.txt"));
            Differential.Run apply = run(terraform, dir, "apply", "-input=false", "-no-color", "tfplan");
            assertThat(apply.exit()).as((terraform ? "terraform\n" : "capstan\n") + apply.out()).isZero();
            human[i] = masked(apply.out());
            state[i] = masked(SavedPlanDifferentialTest.stateSummary(dir));
            shown[i] = masked(run(terraform, dir, "output", "-json").out());
            // again with a state: every output known when planned (the file changed once more), -json
            Files.writeString(dir.resolve("t.txt"), "three");
            Files.writeString(dir.resolve("gone.txt"), "back");
            assertThat(run(terraform, dir, "plan", "-input=false", "-no-color", "-out=tfplan").exit()).isZero();
            Files.writeString(dir.resolve("t.txt"), "four");
            Files.delete(dir.resolve("gone.txt"));
            Differential.Run applyJson = SavedPlanDifferentialTest.run(terraform, dir, Map.of(), "apply", "-json",
                    "tfplan");
            assertThat(applyJson.exit()).as(applyJson.out()).isZero();
            json.add(messages(applyJson.out()));
        }
        assertThat(human[0]).contains("known = \"one\"", "mixed = \"in-one\"", "later = \"in-two\"",
                "secret = <sensitive>", "gone = \"here\"");
        assertThat(human[1]).isEqualTo(human[0]);
        assertThat(state[0]).contains("\"secret\":{\"value\":\"one\"", "\"gone\":{\"value\":\"here\"");
        assertThat(state[1]).isEqualTo(state[0]);
        assertThat(shown[1]).isEqualTo(shown[0]);
        assertThat(json.get(0).toString()).contains("\"value\":\"three\"", "\"value\":\"in-three\"")
                .doesNotContain("four");
        assertThat(json.get(1)).isEqualTo(json.get(0));
    }

    /**
     * A resource argument's {@code file()} whose file changed since the plan (session 17): terraform's apply
     * plans the instance again and refuses the new value ("Provider produced inconsistent final plan", exit 1),
     * creating neither it nor what depends on it, while an independent instance is created; human and
     * {@code -json}, and the state after.
     */
    @Test
    void resourceArgumentFileChangedSinceThePlanIsAnInconsistentFinalPlan() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                resource "terraform_data" "a" {
                  input = file("x.txt")
                }
                resource "terraform_data" "b" {
                  input = terraform_data.a.output
                }
                resource "terraform_data" "c" {
                  input = { n = 1, s = "same" }
                }
                """);
        String[] human = new String[2];
        String[] state = new String[2];
        String[] husks = new String[2];
        List<String> replans = new ArrayList<>();
        List<List<String>> json = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            boolean terraform = i == 0;
            Path dir = terraform ? d.t() : d.c();
            Files.writeString(dir.resolve("x.txt"), "one\n");
            assertThat(run(terraform, dir, "plan", "-input=false", "-no-color", "-out=tfplan").exit()).isZero();
            Files.writeString(dir.resolve("x.txt"), "two\n");
            Differential.Run apply = run(terraform, dir, "apply", "-input=false", "-no-color", "tfplan");
            assertThat(apply.exit()).as((terraform ? "terraform\n" : "capstan\n") + apply.out()).isEqualTo(1);
            human[i] = masked(apply.out());
            state[i] = withoutSerial(dir);
            husks[i] = husks(dir);
            // the state with a resource without instances, read by either tool: a and b to create again
            for (boolean reader : new boolean[] {true, false}) {
                Differential.Run again = SavedPlanDifferentialTest.run(reader, dir, Map.of("TF_IN_AUTOMATION", "1"),
                        "plan", "-input=false", "-no-color", "-detailed-exitcode");
                assertThat(again.exit()).as(again.out()).isEqualTo(2);
                replans.add(masked(again.out()));
            }
            // again with -json: the plan made now, its file changed once more
            assertThat(run(terraform, dir, "plan", "-input=false", "-no-color", "-out=tfplan").exit()).isZero();
            Files.writeString(dir.resolve("x.txt"), "three\n");
            Differential.Run applyJson = SavedPlanDifferentialTest.run(terraform, dir, Map.of(), "apply", "-json",
                    "tfplan");
            assertThat(applyJson.exit()).as(applyJson.out()).isEqualTo(1);
            json.add(messages(applyJson.out()).stream().filter(m -> m.contains("\"diagnostic\"")).toList());
        }
        assertThat(human[0]).contains("Error: Provider produced inconsistent final plan",
                "invalid new value for .input: was cty.StringVal(\"one\\n\"), but now");
        assertThat(human[1].lines().filter(l -> !l.contains("Creat")).toList())
                .isEqualTo(human[0].lines().filter(l -> !l.contains("Creat")).toList());
        // terraform's state keeps terraform_data.a as a resource without instances (its expansion was
        // recorded before the instance failed), as Capstan's does
        assertThat(state[0]).contains("\nterraform_data.a\n");
        assertThat(state[1]).isEqualTo(state[0]);
        assertThat(husks[0]).isEqualTo("[{\"mode\":\"managed\",\"type\":\"terraform_data\",\"name\":\"a\","
                + "\"provider\":\"provider[\\\"terraform.io/builtin/terraform\\\"]\",\"instances\":[]}]");
        assertThat(husks[1]).isEqualTo(husks[0]);
        assertThat(replans.get(0)).contains("Plan: 2 to add, 0 to change, 0 to destroy.");
        assertThat(replans).allSatisfy(r -> assertThat(r).isEqualTo(replans.get(0)));
        assertThat(json.get(0).toString()).contains("was cty.StringVal(\\\"two\\\\n\\\")");
        assertThat(json.get(1)).isEqualTo(json.get(0));
    }

    /** The state's resources without instances, as terraform writes them (JSON, in the state's order). */
    static String husks(Path dir) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode out = mapper.createArrayNode();
        for (com.fasterxml.jackson.databind.JsonNode r : mapper.readTree(dir.resolve("terraform.tfstate")
                .toFile()).path("resources")) {
            if (r.path("instances").isEmpty()) {
                out.add(r);
            }
        }
        return out.toString();
    }

    /**
     * A resource argument's {@code file()} whose file was removed since the plan: terraform applies the plan
     * without planning it again, so the error ("Invalid function argument") comes in its apply walk, for that
     * instance (kept in the state without instances) and its dependents, after the independent change was
     * applied and saved with the outputs; exit 1. Human and {@code -json}, and the state after.
     */
    @Test
    void resourceArgumentFileRemovedSinceThePlanFailsInTheApplyWalk() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                resource "terraform_data" "a" {
                  input = file("gone.txt")
                }
                resource "terraform_data" "b" {
                  input = terraform_data.a.output
                }
                resource "terraform_data" "c" {
                  input = "c"
                }
                output "o" {
                  value = terraform_data.c.output
                }
                """);
        String[] human = new String[2];
        String[] state = new String[2];
        String[] husks = new String[2];
        List<List<String>> json = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            boolean terraform = i == 0;
            Path dir = terraform ? d.t() : d.c();
            Files.writeString(dir.resolve("gone.txt"), "one");
            assertThat(run(terraform, dir, "plan", "-input=false", "-no-color", "-out=tfplan").exit()).isZero();
            Files.delete(dir.resolve("gone.txt"));
            Differential.Run apply = run(terraform, dir, "apply", "-input=false", "-no-color", "tfplan");
            assertThat(apply.exit()).as((terraform ? "terraform\n" : "capstan\n") + apply.out()).isEqualTo(1);
            human[i] = masked(apply.out());
            state[i] = withoutSerial(dir);
            husks[i] = husks(dir);
            // again with -json, from the state left: a and b planned again, the file removed once more
            Files.writeString(dir.resolve("gone.txt"), "two");
            assertThat(run(terraform, dir, "plan", "-input=false", "-no-color", "-out=tfplan").exit()).isZero();
            Files.delete(dir.resolve("gone.txt"));
            Differential.Run applyJson = SavedPlanDifferentialTest.run(terraform, dir, Map.of(), "apply", "-json",
                    "tfplan");
            assertThat(applyJson.exit()).as(applyJson.out()).isEqualTo(1);
            json.add(messages(applyJson.out()));
        }
        assertThat(human[0]).contains("terraform_data.c: Creation complete", "Error: Invalid function argument",
                "no file exists at \"gone.txt\"").doesNotContain("terraform_data.b");
        assertThat(human[1]).isEqualTo(human[0]);
        assertThat(state[0]).contains("\"o\":{\"value\":\"c\"", "\nterraform_data.a\n");
        assertThat(state[1]).isEqualTo(state[0]);
        assertThat(husks[0]).contains("\"name\":\"a\"");
        assertThat(husks[1]).isEqualTo(husks[0]);
        assertThat(json.get(0).toString()).contains("Invalid function argument", "Plan to create");
        assertThat(json.get(1)).isEqualTo(json.get(0));
    }

    /**
     * A plain apply whose instance fails while applying (a precondition unknown when planned, false then): terraform
     * keeps the resource in the state without instances, as Capstan does; a later apply without it in the
     * configuration drops it, in both.
     */
    @Test
    void aResourceWhoseInstanceFailedWhileApplyingStaysInTheStateWithoutInstances() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                resource "terraform_data" "x" {
                  input = "v"
                }
                resource "terraform_data" "y" {
                  input = "q"
                  lifecycle {
                    precondition {
                      condition     = terraform_data.x.output == "no"
                      error_message = "x is not no."
                    }
                  }
                }
                resource "terraform_data" "z" {
                  input = terraform_data.y.output
                }
                """);
        String[] human = new String[2];
        for (int i = 0; i < 2; i++) {
            Differential.Run apply = run(i == 0, i == 0 ? d.t() : d.c(), "apply", "-input=false", "-no-color",
                    "-auto-approve");
            assertThat(apply.exit()).as(apply.out()).isEqualTo(1);
            human[i] = masked(apply.out());
        }
        assertThat(human[0]).contains("Error: Resource precondition failed", "x is not no.");
        assertThat(human[1]).isEqualTo(human[0]);
        assertThat(withoutSerial(d.t())).contains("\nterraform_data.y");
        assertThat(withoutSerial(d.c())).isEqualTo(withoutSerial(d.t()));
        assertThat(husks(d.t())).contains("\"name\":\"y\"");
        assertThat(husks(d.c())).isEqualTo(husks(d.t()));
        d.write("""
                resource "terraform_data" "x" {
                  input = "w"
                }
                """);
        d.bothOk("apply", "-input=false", "-no-color", "-auto-approve");
        assertThat(husks(d.t())).isEqualTo("[]");
        assertThat(husks(d.c())).isEqualTo("[]");
        assertThat(withoutSerial(d.c())).isEqualTo(withoutSerial(d.t()));
    }

    /**
     * {@code apply FILE} and {@code destroy FILE} where FILE is missing or a directory: terraform names the path as
     * given ("Failed to load ... as a plan file") with the stat error or its directory detail, before the backend;
     * exit 1, human and {@code -json}.
     */
    @Test
    void aPlanFileArgumentNamingNoFileFailsAsTerraform() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                resource "terraform_data" "a" {
                  input = "a"
                }
                """);
        Files.createDirectories(d.t().resolve("somedir"));
        Files.createDirectories(d.c().resolve("somedir"));
        for (String command : List.of("apply", "destroy")) {
            for (String file : List.of("nope.tfplan", "somedir", "./sub/nope", "somedir/")) {
                for (boolean asJson : new boolean[] {false, true}) {
                    String[] args = asJson ? new String[] {command, "-json", file}
                            : new String[] {command, "-input=false", "-no-color", file};
                    Differential.Run t = run(true, d.t(), args);
                    Differential.Run c = run(false, d.c(), args);
                    String what = String.join(" ", args);
                    assertThat(t.exit()).as(what + "\n" + t.out()).isEqualTo(1);
                    assertThat(c.exit()).as(what + "\n" + c.out()).isEqualTo(1);
                    if (asJson) {
                        assertThat(messages(c.out())).as(what).isEqualTo(messages(t.out()));
                    } else {
                        assertThat(c.out()).as(what).isEqualTo(t.out());
                    }
                    assertThat(t.out()).as(what).contains("Failed to load ", file, " as a plan file");
                }
            }
        }
        assertThat(d.t().resolve("terraform.tfstate")).doesNotExist();
        assertThat(d.c().resolve("terraform.tfstate")).doesNotExist();
    }

    private static final String WARN = """
            terraform {
              required_providers {
                warn = { source = "capstan/warn" }
              }
            }

            resource "warn_thing" "a" {
              name   = "a"
              legacy = "old"
            }

            output "o" {
              value = warn_thing.a.name
            }
            """;

    @Test
    void aSavedPlanIsRefusedWhenTheDependencyLocksChangedSinceAsTerraformRefusesIt() throws Exception {
        TwinDirs d = SavedPlanDifferentialTest.warnDirs(tmp, WARN);
        d.bothOk("plan", "-input=false", "-no-color", "-out=tfplan");
        String lock = Files.readString(d.t().resolve(".terraform.lock.hcl"));
        assertThat(Files.readString(d.c().resolve(".terraform.lock.hcl"))).isEqualTo(lock);
        // another hash (the plan's locks differ); the lock file gone (the configuration's provider has no
        // selection either); gone after the state moved on (the plan is stale too)
        List<String> cases = List.of("another hash", "absent", "absent, state changed");
        for (String c : cases) {
            String[] out = new String[2];
            List<List<String>> diags = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Path dir = i == 0 ? d.t() : d.c();
                Path lockFile = dir.resolve(".terraform.lock.hcl");
                if (c.equals("another hash")) {
                    // as `providers lock` adding another platform's checksum: the package still matches one
                    Files.writeString(lockFile, lock.replace("  hashes = [\n",
                            "  hashes = [\n    \"h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\n"));
                } else {
                    Files.deleteIfExists(lockFile);
                }
                Differential.Run apply = run(i == 0, dir, "apply", "-input=false", "-no-color", "tfplan");
                out[i] = apply.exit() + "\n" + apply.out();
                diags.add(Differential.jsonDiagnostics(run(i == 0, dir, "apply", "-input=false", "-json", "tfplan")
                        .out(), "apply"));
                Files.writeString(lockFile, lock);
            }
            assertThat(out[0]).as(c).startsWith("1\n").contains("Error: Inconsistent dependency lock file");
            assertThat(out[1]).as(c).isEqualTo(out[0]);
            assertThat(diags.get(1)).as(c).isEqualTo(diags.get(0)).isNotEmpty();
            if (c.equals("absent")) {
                assertThat(out[0]).contains("inconsistent with the configuration in the saved plan:\n"
                        + "  - provider registry.terraform.io/capstan/warn: required by this configuration but no "
                        + "version is selected", "created with a different set of external dependency");
                assertThat(diags.get(0)).hasSize(2);
                // with the lock file as it was, the plan applies
                String[] apply = d.bothOk("apply", "-input=false", "-no-color", "tfplan");
                assertThat(masked(apply[1])).isEqualTo(masked(apply[0])).contains("Apply complete!");
            } else if (c.equals("another hash")) {
                assertThat(diags.get(0)).hasSize(1);
            } else {
                // the plan is also stale now: all three errors, lock file first
                assertThat(diags.get(0)).hasSize(3);
                assertThat(out[0].indexOf("Saved plan is stale")).isGreaterThan(out[0].lastIndexOf("lock file"));
            }
        }
    }

    @Test
    void aSavedDestroyPlanIsAppliedWithoutValidationWarningsAndSaysApplyComplete() throws Exception {
        TwinDirs d = SavedPlanDifferentialTest.warnDirs(tmp, WARN);
        d.bothOk("apply", "-input=false", "-no-color", "-auto-approve");
        String[] plan = d.bothOk("plan", "-destroy", "-input=false", "-no-color", "-out=destroy.tfplan");
        assertThat(plan[0]).contains("Warning: Argument is deprecated", "Plan: 0 to add, 0 to change, 1 to destroy.");
        String[] apply = d.bothOk("apply", "-input=false", "-no-color", "destroy.tfplan");
        assertThat(apply[0]).doesNotContain("Warning").contains("Apply complete! Resources: 0 added, 0 changed, "
                + "1 destroyed.").doesNotContain("Outputs:");
        assertThat(masked(apply[1])).isEqualTo(masked(apply[0]));
        // (not the serials: after creating one object whose output was known when planned, terraform's state
        // stays at serial 1 where Capstan's is 2, a difference of the apply's state writes, not of the plan)
        assertThat(withoutSerial(d.c())).isEqualTo(withoutSerial(d.t())).contains("outputs {}");
        // -json: each change announced, the summary an "apply" one, an empty outputs message
        d.bothOk("apply", "-input=false", "-no-color", "-auto-approve");
        d.bothOk("plan", "-destroy", "-input=false", "-no-color", "-out=destroy.tfplan");
        List<String> t = messages(Differential.tfStdout(d.t(), "apply", "-json", "destroy.tfplan").out());
        List<String> c = messages(Differential.capStdout(d.c(), "apply", "-json", "destroy.tfplan").out());
        assertThat(t.toString()).contains("Plan to delete", "\"operation\":\"apply\"", "\"outputs\":{}")
                .doesNotContain("diagnostic");
        assertThat(c).isEqualTo(t);
    }

    @Test
    void planOutWithNothingToApplyPrintsNoNextStepAsTerraform() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                resource "terraform_data" "a" {
                  input = "x"
                }

                output "o" {
                  value = terraform_data.a.output
                }
                """);
        // terraform's next steps are for people at a shell: not TF_IN_AUTOMATION
        Map<String, String> shell = Map.of("TF_IN_AUTOMATION", "");
        List<List<String>> cases = List.of(
                // an empty state: only an output not known until applied, which a refresh-only plan cannot save
                List.of("plan", "-refresh-only", "-input=false", "-no-color", "-detailed-exitcode", "-out=p"),
                List.of("plan", "-refresh-only", "-input=false", "-no-color", "-detailed-exitcode"),
                List.of("apply", "-input=false", "-no-color", "-auto-approve"),
                List.of("plan", "-input=false", "-no-color", "-out=p"),
                List.of("plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=p"),
                List.of("plan", "-input=false", "-no-color", "-detailed-exitcode"),
                List.of("plan", "-input=false", "-json", "-detailed-exitcode", "-out=p"));
        for (List<String> args : cases) {
            Differential.Run[] r = new Differential.Run[2];
            for (int i = 0; i < 2; i++) {
                r[i] = SavedPlanDifferentialTest.run(i == 0, i == 0 ? d.t() : d.c(), shell, args.toArray(String[]::new));
            }
            String what = String.join(" ", args);
            assertThat(r[0].exit()).as(what + "\n" + r[0].out()).isZero();
            assertThat(r[0].out()).as(what).doesNotContain("Saved the plan", "Note: You didn't use");
            assertThat(r[1].exit()).as(what + "\n" + r[1].out()).isZero();
            if (args.contains("-json")) {
                assertThat(messages(r[1].out())).as(what).isEqualTo(messages(r[0].out()));
            } else {
                assertThat(masked(r[1].out())).as(what).isEqualTo(masked(r[0].out()));
            }
        }
        // and with something to apply: the next step and exit code 2
        Files.writeString(d.t().resolve("main.tf"), Files.readString(d.t().resolve("main.tf")).replace("\"x\"", "\"y\""));
        Files.writeString(d.c().resolve("main.tf"), Files.readString(d.c().resolve("main.tf")).replace("\"x\"", "\"y\""));
        Differential.Run[] r = new Differential.Run[2];
        for (int i = 0; i < 2; i++) {
            r[i] = SavedPlanDifferentialTest.run(i == 0, i == 0 ? d.t() : d.c(), shell, "plan", "-input=false",
                    "-no-color", "-detailed-exitcode", "-out=p");
        }
        assertThat(r[0].exit()).isEqualTo(2);
        assertThat(r[0].out()).contains("Saved the plan to: p");
        assertThat(r[1].exit()).isEqualTo(2);
        assertThat(masked(r[1].out())).isEqualTo(masked(r[0].out()));
    }
}
