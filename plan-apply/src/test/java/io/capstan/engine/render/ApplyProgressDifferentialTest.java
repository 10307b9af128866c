package io.capstan.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test of {@link ApplyProgress} against terraform 1.11: the events of a recorded
 * {@code apply -json} of a plan file, rendered by ApplyProgress, must give the text the human
 * {@code apply} of the same plan file printed (with and without colour). Object ids are random
 * per apply, so UUIDs are normalised on both sides.
 */
class ApplyProgressDifferentialTest {
    private static int total;
    private static int matched;

    static String normalise(String s) {
        return s.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>");
    }

    static String render(List<JsonNode> events, boolean color) {
        ApplyProgress p = new ApplyProgress(color);
        StringBuilder out = new StringBuilder();
        for (JsonNode m : events) {
            JsonNode h = m.path("hook");
            String action = h.path("action").asText();
            String idKey = h.path("id_key").asText("");
            String idValue = h.path("id_value").asText("");
            switch (m.path("type").asText()) {
                case "apply_start" -> out.append(p.starting(UiResource.parse(h.path("resource").path("addr").asText()), action, idKey, idValue));
                case "apply_progress" -> out.append(p.stillRunning(UiResource.parse(h.path("resource").path("addr").asText()), action,
                        idKey, idValue, h.path("elapsed_seconds").asLong()));
                case "apply_complete" -> out.append(p.complete(UiResource.parse(h.path("resource").path("addr").asText()), action,
                        idKey, idValue, h.path("elapsed_seconds").asLong()));
                case "change_summary" -> {
                    JsonNode c = m.path("changes");
                    if (c.path("operation").asText().equals("destroy")) {
                        out.append(p.destroySummary(c.path("remove").asInt()));
                    } else {
                        out.append(p.applySummary(c.path("add").asInt(), c.path("change").asInt(), c.path("remove").asInt(),
                                c.path("import").asInt()));
                    }
                }
                case "outputs" -> out.append(p.outputs(m.path("outputs")));
                default -> { }
            }
        }
        return out.toString();
    }

    @TestFactory
    Stream<DynamicTest> applyOutputLikeTerraform() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path step : PlanRendererDifferentialTest.steps()) {
            Path ui = step.resolve("apply-ui.jsonl");
            if (!Files.exists(ui)) {
                continue;
            }
            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(ui)) {
                events.add(PlanRendererDifferentialTest.JSON.readTree(line));
            }
            String name = PlanRendererDifferentialTest.GOLDEN.relativize(step).toString();
            for (boolean color : new boolean[] {false, true}) {
                Path expected = step.resolve(color ? "apply.color.txt" : "apply.txt");
                tests.add(DynamicTest.dynamicTest(name + (color ? " (colour)" : " (no colour)"), () -> {
                    total++;
                    assertEquals(normalise(Files.readString(expected)), normalise(render(events, color)));
                    matched++;
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void longRunningAndDestroyLines() {
        ApplyProgress p = new ApplyProgress(false);
        UiResource r = UiResource.parse("module.net.aws_vpc.main[\"a\"]");
        assertEquals("module.net.aws_vpc.main[\"a\"]: Still creating... [10s elapsed]\n", p.stillRunning(r, "create", "", "", 10));
        assertEquals("module.net.aws_vpc.main[\"a\"]: Still destroying... [id=vpc-1, 1m5s elapsed]\n",
                p.stillRunning(r, "delete", "id", "vpc-1", 65));
        assertEquals("module.net.aws_vpc.main[\"a\"]: Creation complete after 2s [id=vpc-1]\n", p.complete(r, "create", "id", "vpc-1", 2));
        assertEquals("\nDestroy complete! Resources: 3 destroyed.\n", p.destroySummary(3));
        assertEquals("\u001b[0m\u001b[1m\u001b[32m\nDestroy complete! Resources: 3 destroyed.\n\u001b[0m",
                new ApplyProgress(true).destroySummary(3));
    }

    @AfterAll
    static void report() {
        System.out.println("apply progress vs terraform apply: " + matched + "/" + total + " match");
    }
}
