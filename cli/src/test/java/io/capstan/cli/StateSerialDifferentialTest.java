package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local state's serial and lineage after each kind of apply, as terraform 1.11.4 leaves them:
 * its state manager writes the state after each change applied and at the end, raising the serial
 * for each write that differs from the state it read (so 3 creations raise it by 4, a no-change
 * apply not at all), and a destroy or apply in a workspace without state leaves one (serial 1).
 * Each step is run by terraform and by Capstan on the same configuration; the serials and whether
 * the lineage stayed the first one are compared. Skipped, with a printed reason, without terraform.
 */
class StateSerialDifferentialTest {
    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachApplyLeavesTheSerialAndLineageTerraformsLocalStateLeaves() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                variable "n" {
                  default = 3
                }

                variable "in" {
                  default = "x"
                }

                resource "terraform_data" "r" {
                  count = var.n
                  input = var.in
                }

                output "o" {
                  value = length(terraform_data.r)
                }
                """);
        List<List<String>> steps = List.of(
                List.of("destroy", "-auto-approve"), // nothing to destroy, no state yet
                List.of("destroy", "-auto-approve"),
                List.of("apply", "-auto-approve"), // three created
                List.of("apply", "-auto-approve"), // no changes
                List.of("apply", "-refresh-only", "-auto-approve"),
                List.of("apply", "-auto-approve", "-var", "in=y"), // three updated
                List.of("apply", "-auto-approve", "-var", "in=y", "-replace=terraform_data.r[0]"),
                List.of("apply", "-auto-approve", "-var", "in=y", "-var", "n=2"), // one deleted
                List.of("plan", "-out=tfplan", "-var", "in=y", "-var", "n=2"),
                List.of("apply", "tfplan"), // a saved plan without changes
                List.of("apply", "-auto-approve", "-var", "n=0"), // both deleted, the output changed
                List.of("apply", "-auto-approve", "-var", "n=0", "-refresh=false"),
                List.of("destroy", "-auto-approve", "-var", "n=0")); // only the output
        List<List<String>> seen = new ArrayList<>();
        for (Path dir : List.of(d.t(), d.c())) {
            List<String> serials = new ArrayList<>();
            String lineage = null;
            for (List<String> step : steps) {
                List<String> args = new ArrayList<>(List.of(step.get(0), "-input=false", "-no-color"));
                args.addAll(step.subList(1, step.size())); // a plan file last
                Differential.Run r = SavedPlanDifferentialTest.run(dir == d.t(), dir, Map.of(),
                        args.toArray(String[]::new));
                assertThat(r.exit()).as(dir + " " + step + "\n" + r.out()).isZero();
                Path state = dir.resolve("terraform.tfstate");
                if (!Files.exists(state)) {
                    serials.add(step + ": no state");
                    continue;
                }
                JsonNode s = JSON.readTree(state.toFile());
                lineage = lineage == null ? s.path("lineage").asText() : lineage;
                serials.add(step + ": serial " + s.path("serial").asLong()
                        + (s.path("lineage").asText().equals(lineage) ? "" : " new lineage"));
            }
            seen.add(serials);
        }
        assertThat(seen.get(0)).contains("[destroy, -auto-approve]: serial 1", "[apply, -auto-approve]: serial 5");
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
    }

    @Test
    void anApplyWithNothingToDoLeavesAnEmptyStateAsTerraformDoes() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                resource "terraform_data" "r" {
                  count = 0
                }
                """);
        List<String> seen = new ArrayList<>();
        for (Path dir : List.of(d.t(), d.c())) {
            Differential.Run r = SavedPlanDifferentialTest.run(dir == d.t(), dir, Map.of(), "apply", "-auto-approve",
                    "-input=false", "-no-color");
            assertThat(r.exit()).as(r.out()).isZero();
            JsonNode s = JSON.readTree(dir.resolve("terraform.tfstate").toFile());
            seen.add("serial " + s.path("serial").asLong() + ", " + s.path("resources").size() + " resources, "
                    + s.path("outputs").size() + " outputs");
        }
        assertThat(seen.get(0)).isEqualTo("serial 1, 0 resources, 0 outputs");
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
    }

    @Test
    void aFirstStateAndAMoveAreCountedAsTerraformCountsThem() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                resource "terraform_data" "a" {
                  input = 1
                }
                """);
        String moved = """
                resource "terraform_data" "b" {
                  input = 1
                }

                moved {
                  from = terraform_data.a
                  to   = terraform_data.b
                }
                """;
        String withOutput = """
                resource "terraform_data" "b" {
                  input = 1
                }

                output "o" {
                  value = terraform_data.b.output
                }
                """;
        List<List<String>> seen = new ArrayList<>();
        for (Path dir : List.of(d.t(), d.c())) {
            boolean terraform = dir == d.t();
            List<String> serials = new ArrayList<>();
            Files.writeString(dir.resolve("main.tf"), "resource \"terraform_data\" \"a\" {\n  input = 1\n}\n");
            serials.add("one created, no state before: " + applied(terraform, dir));
            Files.writeString(dir.resolve("main.tf"), moved);
            serials.add("moved: " + applied(terraform, dir));
            Files.delete(dir.resolve("terraform.tfstate"));
            Files.deleteIfExists(dir.resolve("terraform.tfstate.backup"));
            Files.writeString(dir.resolve("main.tf"), withOutput);
            serials.add("one created with an output, no state before: " + applied(terraform, dir));
            seen.add(serials);
        }
        assertThat(seen.get(0)).containsExactly("one created, no state before: 1", "moved: 2",
                "one created with an output, no state before: 2");
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
    }

    /**
     * One object created without a state before, with root outputs: terraform records the outputs
     * whose values were known when planned before the object's own write, so the final write
     * equals that first one (serial 1); an output known only after applying, or a check's result,
     * makes it differ (serial 2). Then the same apply again on that state (no changes: the serial
     * stays) and one that updates the object.
     */
    @Test
    void aFirstStateWithOutputsKnownOrUnknownWhenPlannedGetsTerraformsSerial() throws Exception {
        Differential.terraform();
        String object = "resource \"terraform_data\" \"a\" {\n  input = var.in\n}\n\n"
                + "variable \"in\" {\n  default = \"x\"\n}\n";
        Map<String, String> outputs = new java.util.LinkedHashMap<>();
        outputs.put("constant", "output \"o\" {\n  value = \"k\"\n}\n");
        outputs.put("from an argument", "output \"o\" {\n  value = terraform_data.a.input\n}\n");
        outputs.put("unknown", "output \"o\" {\n  value = terraform_data.a.output\n}\n");
        outputs.put("known and unknown", "output \"o\" {\n  value = terraform_data.a.input\n}\n\n"
                + "output \"p\" {\n  value = terraform_data.a.id\n}\n");
        outputs.put("sensitive and null", "output \"o\" {\n  value     = var.in\n  sensitive = true\n}\n\n"
                + "output \"n\" {\n  value = null\n}\n");
        outputs.put("check", "output \"o\" {\n  value = \"k\"\n}\n\ncheck \"c\" {\n  assert {\n"
                + "    condition     = terraform_data.a.input == \"x\"\n    error_message = \"no\"\n  }\n}\n");
        List<List<String>> seen = new ArrayList<>();
        for (boolean terraform : new boolean[] {true, false}) {
            List<String> serials = new ArrayList<>();
            for (Map.Entry<String, String> e : outputs.entrySet()) {
                Path dir = Files.createDirectories(tmp.resolve((terraform ? "t-" : "c-") + e.getKey().replace(' ', '-')));
                Files.writeString(dir.resolve("main.tf"), object + "\n" + e.getValue());
                serials.add(e.getKey() + ": " + applied(terraform, dir) + ", again " + applied(terraform, dir)
                        + ", updated " + applied(terraform, dir, "-var", "in=y"));
            }
            seen.add(serials);
        }
        assertThat(seen.get(0)).contains("constant: 1, again 1, updated 3", "unknown: 2, again 2, updated 4");
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
    }

    /**
     * An http backend's uploads (POSTs) during each apply, and the serial each stored: terraform
     * uploads once, at the end of an apply shorter than its 20 s persist interval, with the moves
     * and refreshed objects in it; Capstan used to upload those first, on their own (two uploads,
     * the serial one higher than terraform's).
     */
    @Test
    void anHttpBackendGetsTheUploadsTerraformMakes() throws Exception {
        Differential.terraform();
        try (HttpStateServer server = new HttpStateServer()) {
            String first = """
                    resource "terraform_data" "a" {
                      input = 1
                    }
                    """;
            // a move and a change: terraform's one upload holds both
            String movedAndChanged = """
                    resource "terraform_data" "b" {
                      input = 2
                    }

                    moved {
                      from = terraform_data.a
                      to   = terraform_data.b
                    }
                    """;
            // a move and nothing else
            String movedOnly = """
                    resource "terraform_data" "c" {
                      input = 2
                    }

                    moved {
                      from = terraform_data.b
                      to   = terraform_data.c
                    }
                    """;
            List<List<String>> seen = new ArrayList<>();
            for (boolean terraform : new boolean[] {true, false}) {
                String key = terraform ? "t" : "c";
                Path dir = Files.createDirectories(tmp.resolve(key));
                String backend = server.backend(key);
                List<String> steps = new ArrayList<>();
                Files.writeString(dir.resolve("main.tf"), backend + first);
                Differential.Run init = SavedPlanDifferentialTest.run(terraform, dir, Map.of(), "init", "-input=false",
                        "-no-color");
                assertThat(init.exit()).as(init.out()).isZero();
                for (String config : List.of(first, movedAndChanged, movedOnly)) {
                    Files.writeString(dir.resolve("main.tf"), backend + config);
                    int before = server.serials("/" + key).size();
                    Differential.Run r = SavedPlanDifferentialTest.run(terraform, dir, Map.of(), "apply",
                            "-input=false", "-no-color", "-auto-approve");
                    assertThat(r.exit()).as((terraform ? "terraform\n" : "capstan\n") + r.out()).isZero();
                    List<Long> all = server.serials("/" + key);
                    steps.add("uploads " + all.subList(before, all.size()) + ", stored "
                            + JSON.readTree(server.states.get("/" + key)).path("resources").findValues("name"));
                }
                seen.add(steps);
            }
            assertThat(seen.get(0)).containsExactly("uploads [1], stored [\"a\"]", "uploads [2], stored [\"b\"]",
                    "uploads [3], stored [\"c\"]");
            assertThat(seen.get(1)).isEqualTo(seen.get(0));
        }
    }

    /** Applies in {@code dir}; the serial it leaves. */
    private static long applied(boolean terraform, Path dir, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("apply", "-input=false", "-no-color", "-auto-approve"));
        args.addAll(List.of(more));
        Differential.Run r = SavedPlanDifferentialTest.run(terraform, dir, Map.of(), args.toArray(String[]::new));
        assertThat(r.exit()).as(r.out()).isZero();
        return JSON.readTree(dir.resolve("terraform.tfstate").toFile()).path("serial").asLong();
    }
}
