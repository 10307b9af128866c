package io.capstan.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.engine.state.StateCodec;
import io.capstan.hcl.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code check} block's {@code data} source, on the built-in {@code terraform_remote_state}
 * (no provider process, no terraform needed; {@code CheckScopedDataDifferentialTest} in cli
 * compares the same behaviour with terraform 1.11 itself). Planning reads it and plans it again
 * as a read during apply ({@code read_because_check_nested}); a failed read is a warning that
 * fails the check without evaluating its assertion, and state records the data source with its
 * configuration and null computed attributes; a good read lets the assertion decide.
 */
class CheckScopedDataTest {
    private static final String CONFIG = """
            check "remote" {
              data "terraform_remote_state" "s" {
                backend = "local"
                config  = { path = "${path.module}/other.tfstate" }
              }
              assert {
                condition     = data.terraform_remote_state.s.outputs.x == 1
                error_message = "x is ${data.terraform_remote_state.s.outputs.x}"
              }
            }
            """;
    private static final String STATE_X = """
            {"version": 4, "terraform_version": "1.11.4", "serial": 1, "lineage": "l",
             "outputs": {"x": {"value": %d, "type": "number"}}, "resources": [], "check_results": null}
            """;

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("unreadable-state", "not json", "fail", "Error loading state error: "),
                Arguments.of("assertion-holds", STATE_X.formatted(1), "pass", null),
                Arguments.of("assertion-fails", STATE_X.formatted(2), "fail", "x is 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void checkDataIsReadPlannedAndRecorded(String name, String otherState, String status, String problem)
            throws Exception {
        Files.writeString(dir.resolve("main.tf"), CONFIG);
        Files.writeString(dir.resolve("other.tfstate"), otherState);
        try (EngineHarness h = new EngineHarness(dir)) {
            Plan plan = h.plan();
            assertThat(plan.hasErrors()).as(plan.diagnostics().asList().toString()).isFalse();
            assertThat(plan.changes()).singleElement().satisfies(c -> {
                assertThat(c.address()).isEqualTo("data.terraform_remote_state.s");
                assertThat(c.action()).isEqualTo(Action.READ);
                assertThat(c.actionReason()).isEqualTo("read_because_check_nested");
                // read at plan when it could be: the planned value is what was read
                assertThat(c.after().attr("outputs").isKnown()).isEqualTo(!name.equals("unreadable-state"));
            });
            assertThat(plan.checks()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(status);
                assertThat(r.problems()).hasSize(problem == null ? 0 : 1);
                if (problem != null) {
                    assertThat(r.problems().get(0)).startsWith(problem);
                }
            });
            List<String> warnings = plan.diagnostics().asList().stream().map(Diagnostic::summary).toList();
            assertThat(warnings).isEqualTo(switch (name) {
                case "unreadable-state" -> List.of("Error loading state error"); // the assertion is skipped
                case "assertion-fails" -> List.of("Check block assertion failed");
                default -> List.of();
            });

            ApplyResult applied = h.apply(plan);
            assertThat(applied.diagnostics().hasErrors()).as(applied.diagnostics().asList().toString()).isFalse();
            JsonNode state = StateCodec.toJson(h.state());
            JsonNode attrs = state.at("/resources/0/instances/0/attributes");
            assertThat(state.at("/resources/0/mode").asText()).isEqualTo("data");
            assertThat(attrs.path("backend").asText()).isEqualTo("local");
            assertThat(attrs.path("outputs").isNull()).isEqualTo(name.equals("unreadable-state"));
            assertThat(state.at("/check_results/0/config_addr").asText()).isEqualTo("check.remote");
            assertThat(state.at("/check_results/0/status").asText()).isEqualTo(status);

            // every plan reads it again during apply, even with nothing else to do
            assertThat(h.plan().changes()).extracting(ResourceChange::actionReason)
                    .containsExactly("read_because_check_nested");
        }
    }
}
