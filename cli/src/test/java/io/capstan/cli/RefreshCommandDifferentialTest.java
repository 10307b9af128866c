package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code refresh}, run by the real {@code terraform} 1.11 and by Capstan. Terraform's refresh is a
 * normal plan whose refreshed prior state it saves: without a managed object in the state it warns
 * "Empty or non-existent state" and still writes a state file (serial 1); an output is saved only when
 * its value is wholly known (a null one is removed), any other keeps what the state had, also one no
 * longer configured; the outputs printed are those saved; a failed condition is an error that saves
 * nothing, a failed check assertion a warning; the state saved has no check results. Human output
 * and {@code -json} messages compared byte for byte (the progress lines, whose order depends on
 * scheduling, as a sorted list), states structurally (lineage aside). Skipped, with a printed reason,
 * when terraform is absent.
 */
class RefreshCommandDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String EMPTY_STATE_WARNING = """
            Warning: Empty or non-existent state

            There are currently no remote objects tracked in the state, so there is
            nothing to refresh.
            """;

    @TempDir
    Path tmp;

    @Test
    void anEmptyStateWarnsAndIsWrittenWithTheKnownOutputs() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                resource "terraform_data" "a" {
                  input = "x"
                }
                output "o" {
                  value = terraform_data.a.output
                }
                output "part" {
                  value = ["x", terraform_data.a.output]
                }
                output "n" {
                  value = null
                }
                output "p" {
                  value = "hi"
                }
                output "s" {
                  value     = "secret"
                  sensitive = true
                }
                """);
        Differential.Run[] first = d.both("refresh", "-input=false", "-no-color");
        assertThat(first[0].exit()).isZero();
        assertThat(first[0].out()).startsWith("\n" + EMPTY_STATE_WARNING).contains("p = \"hi\"", "s = <sensitive>")
                .doesNotContain("o =", "part =", "n =");
        assertThat(first[1].exit()).isZero();
        assertThat(first[1].out()).isEqualTo(first[0].out());
        JsonNode tState = state(d.t());
        assertThat(tState.path("serial").asLong()).isEqualTo(1);
        assertThat(tState.path("outputs").fieldNames()).toIterable().containsExactly("p", "s");
        assertThat(state(d.c())).isEqualTo(tState);

        // nothing changed: the state is not written again (serial 1)
        Differential.Run[] again = d.both("refresh", "-input=false", "-no-color");
        assertThat(again[1].exit()).isEqualTo(again[0].exit()).isZero();
        assertThat(again[1].out()).isEqualTo(again[0].out());
        assertThat(state(d.c())).isEqualTo(state(d.t())).isEqualTo(tState);

        Differential.Run tJson = Differential.tf(d.t(), "refresh", "-input=false", "-json");
        Differential.Run cJson = Differential.cap(d.c(), "refresh", "-input=false", "-json");
        assertThat(cJson.exit()).isEqualTo(tJson.exit()).isZero();
        assertThat(tJson.out()).contains("\"summary\":\"Empty or non-existent state\"", "\"type\":\"outputs\"");
        assertThat(messages(cJson.out())).isEqualTo(messages(tJson.out()));
    }

    @Test
    void noConfigurationAtAllStillWritesAState() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                locals {
                  x = 1
                }
                """);
        Differential.Run[] r = d.both("refresh", "-input=false", "-no-color");
        assertThat(r[0].exit()).isZero();
        assertThat(r[0].out()).isEqualTo("\n" + EMPTY_STATE_WARNING);
        assertThat(r[1].exit()).isZero();
        assertThat(r[1].out()).isEqualTo(r[0].out());
        assertThat(state(d.t()).path("outputs").size()).isZero();
        assertThat(state(d.c())).isEqualTo(state(d.t()));
    }

    @Test
    void outputsNotYetKnownOrNoLongerConfiguredKeepTheirValues() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                output "o" {
                  value = "old"
                }
                output "r" {
                  value = "gone"
                }
                output "n" {
                  value = "was"
                }
                """);
        d.bothOk("apply", "-input=false", "-no-color", "-auto-approve");
        d.write("""
                resource "terraform_data" "b" {
                  input = 1
                }
                output "o" {
                  value = terraform_data.b.output
                }
                output "n" {
                  value = null
                }
                """);
        Differential.Run[] r = d.both("refresh", "-input=false", "-no-color");
        assertThat(r[0].exit()).isZero();
        assertThat(r[0].out()).contains(EMPTY_STATE_WARNING, "o = \"old\"", "r = \"gone\"").doesNotContain("n =");
        assertThat(r[1].exit()).isZero();
        assertThat(r[1].out()).isEqualTo(r[0].out());
        JsonNode tState = state(d.t());
        assertThat(tState.path("serial").asLong()).isEqualTo(2);
        assertThat(state(d.c())).isEqualTo(tState);
    }

    @Test
    void refreshIsANormalPlanWhoseConditionsAreErrors() throws Exception {
        // the configuration DataConditionsDifferentialTest plans (resource a's postcondition, data source s's
        // pre- and postcondition, check c, output x's precondition), and refresh.tf: resource b, created
        // only with n = 1, a data source read after it, and an output of it
        TwinDirs d = TwinDirs.fromResource(tmp, "remote-state-conditions");
        d.copyResource("remote-state-conditions", "other.tfstate");
        d.copyResource("remote-state-conditions", "refresh.tf");
        d.bothOk("apply", "-input=false", "-no-color", "-auto-approve");
        JsonNode applied = state(d.t());
        assertThat(withoutIds(state(d.c()))).isEqualTo(withoutIds(applied));
        assertThat(applied.path("check_results").size()).isPositive();
        long tSerial = serial(d.t());
        long cSerial = serial(d.c());

        // all passes: the refreshed state, without check results, written (the check results went)
        Differential.Run[] r = d.both("refresh", "-input=false", "-no-color");
        assertThat(r[0].exit()).isZero();
        assertThat(r[1].exit()).isZero();
        assertSameOutput(r);
        JsonNode refreshed = state(d.t());
        assertThat(refreshed.path("check_results").isNull()).isTrue();
        assertThat(withoutIds(state(d.c()))).isEqualTo(withoutIds(refreshed));
        assertThat(serial(d.c()) - cSerial).isEqualTo(serial(d.t()) - tSerial).isEqualTo(1);

        // b would be created: o is not known and keeps its value, the read of "later" waits for b
        Differential.Run[] pending = d.both("refresh", "-input=false", "-no-color", "-var=n=1");
        assertThat(pending[0].exit()).isZero();
        assertThat(pending[1].exit()).isZero();
        assertSameOutput(pending);
        refreshed = state(d.t());
        assertThat(withoutIds(state(d.c()))).isEqualTo(withoutIds(refreshed));

        // a's postcondition fails: an error, nothing saved
        Differential.Run[] failed = d.both("refresh", "-input=false", "-no-color", "-var=v=2");
        assertThat(failed[0].exit()).isEqualTo(1);
        assertThat(failed[0].out()).contains("Warning: Check block assertion failed", "Error: Resource postcondition failed");
        assertThat(failed[1].exit()).isEqualTo(1);
        assertSameOutput(failed);
        assertThat(withoutIds(state(d.c()))).isEqualTo(withoutIds(state(d.t()))).isEqualTo(withoutIds(refreshed));
    }

    /** The two runs' outputs: the same progress lines (in any order), the rest byte for byte. */
    private static void assertSameOutput(Differential.Run[] r) {
        assertThat(progress(r[1].out(), true)).isEqualTo(progress(r[0].out(), true));
        assertThat(progress(r[1].out(), false)).isEqualTo(progress(r[0].out(), false));
    }

    /** The progress lines ({@code ADDR: Reading...}) sorted, with {@code progressLines}; else the other lines. */
    private static List<String> progress(String out, boolean progressLines) {
        List<String> lines = new ArrayList<>();
        for (String l : out.split("\n", -1)) {
            boolean p = l.matches("^(data\\.)?[a-z_]+\\.[a-z_]+(\\[\\d+])?: .*");
            if (p == progressLines) {
                lines.add(l.replaceAll("\\[id=[^]]*]", "[id=…]"));
            }
        }
        if (progressLines) {
            lines.sort(null);
        }
        return lines;
    }

    private static long serial(Path dir) throws Exception {
        return JSON.readTree(dir.resolve("terraform.tfstate").toFile()).path("serial").asLong();
    }

    private static JsonNode state(Path dir) throws Exception {
        ObjectNode s = (ObjectNode) JSON.readTree(dir.resolve("terraform.tfstate").toFile());
        s.remove("lineage");
        return s;
    }

    /** The state without its serial and the random ids terraform_data makes. */
    private static String withoutIds(JsonNode state) {
        ObjectNode s = state.deepCopy();
        s.remove("serial");
        if (s.path("check_results").isArray()) {
            // terraform writes them in no fixed order
            List<JsonNode> results = new ArrayList<>();
            s.path("check_results").forEach(results::add);
            results.sort(java.util.Comparator.comparing(JsonNode::toString));
            s.putArray("check_results").addAll(results);
        }
        return s.toString().replaceAll("\"(id|output)\":\"[0-9a-f-]{36}\"", "\"$1\":\"…\"");
    }

    /** The messages of a {@code -json} run without timestamps and the version line. */
    private static List<String> messages(String jsonl) throws Exception {
        return Differential.uiMessages(jsonl).stream().map(ObjectNode::toString).toList();
    }
}
