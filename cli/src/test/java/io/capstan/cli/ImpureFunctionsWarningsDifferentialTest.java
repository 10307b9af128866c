package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two gaps to terraform 1.11.4, each compared with the real {@code terraform}: its impure functions
 * ({@code timestamp()}, {@code uuid()}, {@code bcrypt()}) are unknown while planning ("(known after
 * apply)", checks "unknown") and known at apply; and its human output consolidates same-summary
 * warnings ("(and one more similar warning elsewhere)"), except check blocks', never in {@code -json}.
 * Skipped, with a printed reason, when terraform is absent.
 */
class ImpureFunctionsWarningsDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String IMPURE = """
            variable "v" {
              default = "x"
            }

            resource "terraform_data" "a" {
              input = timestamp()
              lifecycle {
                precondition {
                  condition     = uuid() != var.v
                  error_message = "never"
                }
              }
            }

            resource "terraform_data" "b" {
              input = { id = uuid(), at = terraform_data.a.output }
            }

            output "t" {
              value = timestamp()
            }

            output "u" {
              value = uuid()
            }

            output "b" {
              value = bcrypt(var.v)
            }

            output "n" {
              value = length(uuid())
            }

            check "c" {
              assert {
                condition     = timestamp() != var.v
                error_message = "never"
              }
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void impureFunctionsAreUnknownUntilApply() throws Exception {
        Differential.terraform();
        Path t = dir("terraform", IMPURE);
        Path c = dir("capstan", IMPURE);
        Differential.tfOk(t, "init", "-input=false", "-no-color");
        Differential.capOk(c, "init", "-input=false", "-no-color");

        String tfPlan = Differential.tfOk(t, "plan", "-input=false", "-no-color", "-out=p");
        String capPlan = Differential.capOk(c, "plan", "-input=false", "-no-color", "-out=p");
        assertThat(tfPlan).contains("+ input  = (known after apply)", "+ t = (known after apply)",
                "Warning: Check block assertion known after apply", "│ var.v is \"x\"");
        assertThat(beforeHint(capPlan)).isEqualTo(beforeHint(tfPlan));

        JsonNode tfShow = withoutVersions(Differential.tfOk(t, "show", "-json", "p"));
        JsonNode capShow = withoutVersions(Differential.capOk(c, "show", "-json", "p"));
        assertThat(tfShow.path("output_changes").path("t").path("after_unknown").asBoolean()).isTrue();
        assertThat(capShow).isEqualTo(tfShow);

        String tfApply = shape(Differential.tfOk(t, "apply", "-input=false", "-no-color", "p"));
        String capApply = shape(Differential.capOk(c, "apply", "-input=false", "-no-color", "p"));
        // known at apply: real values, compared by shape (a timestamp, a UUID, a bcrypt hash)
        assertThat(tfApply).contains("t = \"TIMESTAMP\"", "u = \"UUID\"", "b = \"BCRYPT\"", "n = 36");
        assertThat(sortedLines(capApply)).isEqualTo(sortedLines(tfApply));
        assertThat(shape(withoutVersions(Differential.capOk(c, "show", "-json")).toString()))
                .isEqualTo(shape(withoutVersions(Differential.tfOk(t, "show", "-json")).toString()));
    }

    private static final String POSTCONDITIONS = """
            variable "v" {
              default = "x"
            }

            variable "n" {
              default = 2
            }

            resource "terraform_data" "r" {
              count = var.n
              input = var.v
              lifecycle {
                postcondition {
                  condition     = self.output == var.v
                  error_message = "The output is not ${var.v}."
                }
              }
            }

            check "one" {
              assert {
                condition     = var.v == "one"
                error_message = "Not one."
              }
            }

            check "two" {
              assert {
                condition     = var.v == "two"
                error_message = "Not two."
              }
            }
            """;

    /** Resource postconditions failing in a refresh-only plan: 2 (one more) and 3 (2 more) of them. */
    @ParameterizedTest(name = "count = {0}")
    @ValueSource(ints = {2, 3})
    void sameSummaryWarningsAreConsolidated(int n) throws Exception {
        Differential.terraform();
        Path t = dir("terraform", POSTCONDITIONS);
        Path c = dir("capstan", POSTCONDITIONS);
        Differential.tfOk(t, "init", "-input=false", "-no-color");
        Differential.capOk(c, "init", "-input=false", "-no-color");
        String nVar = "-var=n=" + n;
        Differential.tfOk(t, "apply", "-input=false", "-no-color", "-auto-approve", "-var=v=y", nVar);
        Differential.capOk(c, "apply", "-input=false", "-no-color", "-auto-approve", "-var=v=y", nVar);

        Differential.Run tf = Differential.tf(t, "plan", "-input=false", "-no-color", "-refresh-only", nVar);
        Differential.Run cap = Differential.cap(c, "plan", "-input=false", "-no-color", "-refresh-only", nVar);
        assertThat(tf.exit()).as(tf.out()).isZero();
        assertThat(cap.exit()).as(cap.out()).isZero();
        String more = n == 2 ? "(and one more similar warning elsewhere)" : "(and 2 more similar warnings elsewhere)";
        assertThat(tf.out()).contains(more).containsOnlyOnce("Warning: Resource postcondition failed");
        // check blocks' warnings are never consolidated
        assertThat(tf.out()).contains("Not one.", "Not two.");
        // byte for byte, but for the "Refreshing state..." lines (ids differ; terraform's order is not fixed)
        assertThat(withoutRefreshing(cap.out())).isEqualTo(withoutRefreshing(tf.out()));

        // -json keeps every warning
        List<String> tfJson = warnings(Differential.tfStdout(t, "plan", "-input=false", "-json", "-refresh-only", nVar).out());
        List<String> capJson = warnings(Differential.capStdout(c, "plan", "-input=false", "-json", "-refresh-only", nVar).out());
        assertThat(tfJson).hasSize(n + 2);
        assertThat(capJson).isEqualTo(tfJson);
    }

    private Path dir(String name, String config) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(name));
        Files.writeString(d.resolve("main.tf"), config);
        return d;
    }

    private static JsonNode withoutVersions(String json) throws Exception {
        ObjectNode o = (ObjectNode) JSON.readTree(json);
        o.remove("timestamp");
        o.remove("terraform_version");
        return o;
    }

    /** Values replaced by their shape: RFC 3339 timestamps, UUIDs, bcrypt hashes, elapsed seconds. */
    private static String shape(String s) {
        return s.replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z", "TIMESTAMP")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID")
                .replaceAll("\\$2a\\$10\\$[./A-Za-z0-9]{53}", "BCRYPT")
                .replaceAll("after \\d+s", "after Ns");
    }

    /** Lines sorted: terraform creates independent resources in no fixed order. */
    private static List<String> sortedLines(String s) {
        return s.lines().sorted().collect(Collectors.toList());
    }

    /** A plan's output up to the "Saved the plan" hint, which terraform leaves out under TF_IN_AUTOMATION. */
    private static String beforeHint(String out) {
        int at = out.indexOf("\n─");
        return at < 0 ? out : out.substring(0, at);
    }

    private static String withoutRefreshing(String s) {
        return s.lines().filter(l -> !l.contains(": Refreshing state...")).collect(Collectors.joining("\n"));
    }

    /** The -json stream's warning diagnostics (summary, detail, line), sorted. */
    private static List<String> warnings(String stream) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : stream.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode m = JSON.readTree(line);
            if (m.path("type").asText().equals("diagnostic") && m.path("diagnostic").path("severity").asText().equals("warning")) {
                JsonNode d = m.path("diagnostic");
                out.add(d.path("summary").asText() + "|" + d.path("detail").asText() + "|"
                        + d.path("range").path("start").path("line").asText());
            }
        }
        out.sort(null);
        return out;
    }
}
