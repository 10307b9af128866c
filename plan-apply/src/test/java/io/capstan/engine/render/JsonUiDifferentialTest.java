package io.capstan.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test of {@link JsonUi} against terraform 1.11's {@code plan -json} and
 * {@code apply -json}: every recorded message is rebuilt from its inputs (the JSON plan for
 * planned changes, summaries and planned outputs; the hook's address, action, id and elapsed
 * time for progress messages) and must equal terraform's line except for {@code @timestamp}.
 */
class JsonUiDifferentialTest {
    private static int total;
    private static int matched;

    static JsonNode withoutTimestamp(String line) throws Exception {
        ObjectNode o = (ObjectNode) PlanRendererDifferentialTest.JSON.readTree(line);
        o.remove("@timestamp");
        return o;
    }

    static String rebuild(JsonUi ui, JsonNode m, JsonNode plan) throws Exception {
        JsonNode h = m.path("hook");
        String addr = h.path("resource").path("addr").asText();
        String action = h.path("action").asText();
        String idKey = h.path("id_key").asText("");
        String idValue = h.path("id_value").asText("");
        long elapsed = h.path("elapsed_seconds").asLong();
        return switch (m.path("type").asText()) {
            case "version" -> ui.version("Terraform", m.path("terraform").asText());
            case "planned_change" -> {
                for (JsonNode rc : plan.path("resource_changes")) {
                    if (rc.path("address").asText().equals(m.path("change").path("resource").path("addr").asText())) {
                        yield ui.plannedChange(rc);
                    }
                }
                yield "{}";
            }
            case "change_summary" -> {
                if (m.path("changes").path("operation").asText().equals("plan")) {
                    yield ui.changeSummary(plan);
                }
                JsonNode c = PlanRendererDifferentialTest.JSON.readTree(ui.changeSummary(plan)).path("changes");
                yield ui.changeSummary("apply", c.path("add").asInt(), c.path("change").asInt(), c.path("remove").asInt(),
                        c.path("import").asInt());
            }
            case "outputs" -> m.path("outputs").elements().hasNext()
                    && m.path("outputs").elements().next().has("action") ? ui.plannedOutputs(plan) : ui.outputs(m.path("outputs"));
            case "refresh_start" -> ui.refreshStart(UiResource.parse(addr), idKey, idValue);
            case "refresh_complete" -> ui.refreshComplete(UiResource.parse(addr), idKey, idValue);
            case "apply_start" -> ui.applyStart(UiResource.parse(addr), action, idKey, idValue);
            case "apply_progress" -> ui.applyProgress(UiResource.parse(addr), action, elapsed);
            case "apply_complete" -> ui.applyComplete(UiResource.parse(addr), action, idKey, idValue, elapsed);
            case "apply_errored" -> ui.applyErrored(UiResource.parse(addr), action, elapsed);
            default -> "{}";
        };
    }

    @TestFactory
    Stream<DynamicTest> messagesLikeTerraform() throws Exception {
        JsonUi ui = new JsonUi(Clock.systemUTC());
        List<DynamicTest> tests = new ArrayList<>();
        for (Path step : PlanRendererDifferentialTest.steps()) {
            JsonNode plan = PlanRendererDifferentialTest.JSON.readTree(step.resolve("plan.json").toFile());
            for (String file : List.of("plan-ui.jsonl", "apply-ui.jsonl")) {
                Path p = step.resolve(file);
                if (!Files.exists(p)) {
                    continue;
                }
                String name = PlanRendererDifferentialTest.GOLDEN.relativize(step) + "/" + file;
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    for (String line : Files.readAllLines(p)) {
                        if (line.isBlank()) {
                            continue;
                        }
                        total++;
                        JsonNode m = PlanRendererDifferentialTest.JSON.readTree(line);
                        assertEquals(withoutTimestamp(line), withoutTimestamp(rebuild(ui, m, plan)), name);
                        matched++;
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void timestampsAreRfc3339WithMicroseconds() throws Exception {
        JsonUi ui = new JsonUi(Clock.fixed(Instant.parse("2026-11-27T10:02:01.090921Z"), ZoneOffset.UTC));
        String line = ui.log("info", "a <b> & c");
        assertTrue(line.contains("\"@timestamp\":\"2026-11-27T10:02:01.090921Z\""), line);
        assertTrue(line.contains("a \\u003cb\\u003e \\u0026 c"), line);
        assertEquals("{\"@level\":\"info\",\"@message\":\"a \\u003cb\\u003e \\u0026 c\",\"@module\":\"terraform.ui\","
                + "\"@timestamp\":\"2026-11-27T10:02:01.090921Z\",\"type\":\"log\"}", line);
    }

    @AfterAll
    static void report() {
        System.out.println("json ui vs terraform -json: " + matched + "/" + total + " messages match");
    }
}
