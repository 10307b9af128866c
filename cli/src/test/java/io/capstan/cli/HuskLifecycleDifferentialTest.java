package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resources kept in the state without instances ("husks", {@code "instances": []}) after a failed apply, through the
 * commands that read and write the state again, each run by the real {@code terraform} 1.11.4 and by Capstan on the
 * same state, exit codes and the state's resources (mode, type, name, number of instances) compared. Terraform's
 * plan drops a husk whose resource it plans an instance of (it writes that instance's prior object, none, into the
 * refreshed state), so {@code refresh} keeps one whose resource has no instance planned (count = 0, or gone from the
 * configuration); an apply walk without errors drops every husk (the root module's close), a no-change, targeted,
 * refresh-only or destroy apply included; a failed apply keeps a resource with count = 0 as a husk too. Skipped,
 * with a printed reason, when terraform is absent.
 */
class HuskLifecycleDifferentialTest {
    @TempDir
    Path tmp;

    /** y's precondition is unknown when planned (x is new), false when applied unless want is x's output. */
    private static final String CONFIG = """
            variable "want" {
              default = "no"
            }
            variable "n" {
              default = 1
            }
            resource "terraform_data" "x" {
              input = "v"
            }
            resource "terraform_data" "z" {
              count = 0
            }
            resource "terraform_data" "y" {
              count = var.n
              input = "q"
              lifecycle {
                precondition {
                  condition     = terraform_data.x.output == var.want
                  error_message = "x is not wanted."
                }
              }
            }
            """;

    private static final String ONLY_X = """
            resource "terraform_data" "x" {
              input = "v"
            }
            """;

    /** The state's resources as mode/type/name and their number of instances, in the state's order. */
    static String resources(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        Path f = dir.resolve("terraform.tfstate");
        if (!Files.exists(f)) {
            return "no state";
        }
        for (JsonNode r : new ObjectMapper().readTree(f.toFile()).path("resources")) {
            out.add(r.path("mode").asText() + "/" + r.path("type").asText() + "/" + r.path("name").asText() + ":"
                    + r.path("instances").size());
        }
        return out.toString();
    }

    /** Each tool's directory after the failed first apply, copied to a case's own pair. */
    private TwinDirs failedOnce() throws Exception {
        TwinDirs d = TwinDirs.of(tmp.resolve("base"), CONFIG);
        Differential.Run[] apply = d.both("apply", "-input=false", "-no-color", "-auto-approve");
        assertThat(apply[0].exit()).as(apply[0].out()).isEqualTo(1);
        assertThat(apply[1].exit()).as(apply[1].out()).isEqualTo(1);
        assertThat(apply[0].out()).contains("x is not wanted.");
        // terraform: y failed, z has no instances, both kept without instances
        assertThat(resources(d.t())).isEqualTo("[managed/terraform_data/x:1, managed/terraform_data/y:0, "
                + "managed/terraform_data/z:0]");
        assertThat(resources(d.c())).isEqualTo(resources(d.t()));
        return d;
    }

    private TwinDirs copy(TwinDirs from, String name) throws Exception {
        TwinDirs to = new TwinDirs(tmp.resolve(name).resolve("terraform"), tmp.resolve(name).resolve("capstan"));
        copyTree(from.t(), to.t());
        copyTree(from.c(), to.c());
        return to;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createSymbolicLink(q, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    /** Runs {@code args} in both, compares exit codes and the state's resources; returns terraform's resources. */
    private static String same(TwinDirs d, String... args) throws Exception {
        Differential.Run[] r = d.both(args);
        assertThat(r[1].exit()).as(String.join(" ", args) + "\nterraform:\n" + r[0].out() + "\ncapstan:\n"
                + r[1].out()).isEqualTo(r[0].exit());
        String t = resources(d.t());
        assertThat(resources(d.c())).as(String.join(" ", args)).isEqualTo(t);
        return t;
    }

    @Test
    void refreshKeepsAHuskWithNoInstancePlannedAndDropsOneWithAnInstancePlanned() throws Exception {
        TwinDirs base = failedOnce();
        // y with count = 0: no instance planned, kept (z too)
        assertThat(same(copy(base, "n0"), "refresh", "-input=false", "-no-color", "-var", "n=0"))
                .contains("y:0", "z:0");
        // y's instance planned (and its precondition true now): dropped; z kept
        String planned = same(copy(base, "want"), "refresh", "-input=false", "-no-color", "-var", "want=v");
        assertThat(planned).doesNotContain("/y:").contains("z:0");
        // the precondition false in the refresh's plan: exit 1, the state as it was
        assertThat(same(copy(base, "fails"), "refresh", "-input=false", "-no-color")).contains("y:0", "z:0");
        // both resources gone from the configuration: nothing planned for them, both kept
        TwinDirs gone = copy(base, "gone");
        gone.write(ONLY_X);
        assertThat(same(gone, "refresh", "-input=false", "-no-color")).contains("y:0", "z:0");
        // a saved refresh-only plan applied: the apply walk ends without errors and drops them
        assertThat(same(gone, "plan", "-refresh-only", "-input=false", "-no-color", "-out=p")).contains("y:0");
        assertThat(same(gone, "apply", "-input=false", "-no-color", "p")).isEqualTo("[managed/terraform_data/x:1]");
    }

    @Test
    void anApplyWithoutErrorsDropsEveryHuskEvenWithNothingToChange() throws Exception {
        TwinDirs base = failedOnce();
        assertThat(same(copy(base, "nochange"), "apply", "-input=false", "-no-color", "-auto-approve", "-var", "n=0"))
                .isEqualTo("[managed/terraform_data/x:1]");
        assertThat(same(copy(base, "target"), "apply", "-input=false", "-no-color", "-auto-approve",
                "-target=terraform_data.x")).isEqualTo("[managed/terraform_data/x:1]");
        assertThat(same(copy(base, "refreshonly"), "apply", "-refresh-only", "-input=false", "-no-color",
                "-auto-approve", "-var", "n=0")).isEqualTo("[managed/terraform_data/x:1]");
        // failing again: y failed again, z kept
        assertThat(same(copy(base, "again"), "apply", "-input=false", "-no-color", "-auto-approve"))
                .contains("y:0", "z:0");
        assertThat(same(copy(base, "destroy"), "destroy", "-input=false", "-no-color", "-auto-approve"))
                .isEqualTo("[]");
    }
}
