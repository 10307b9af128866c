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

    /**
     * Two applies of one plan file finish resources in their own order and their own time, so
     * progress lines are compared as a sorted list, with elapsed seconds and ids normalised.
     */
    static String canonical(String text) {
        String s = normalise(text).replaceAll("\\(deposed object [0-9a-f]{8}\\)", "(deposed object <key>)").replaceAll("after [0-9hms]+", "after <t>");
        int summary = s.indexOf("\u001b[0m\u001b[1m\u001b[32m\nApply complete!");
        if (summary < 0) {
            summary = s.indexOf("\nApply complete!");
        }
        if (summary < 0) {
            return s;
        }
        List<String> progress = new ArrayList<>(List.of(s.substring(0, summary).split("\n")));
        java.util.Collections.sort(progress);
        return String.join("\n", progress) + "\n" + s.substring(summary);
    }

    static String deposedOf(JsonNode plan, String addr, String action) {
        if (!action.equals("delete")) {
            return null;
        }
        for (JsonNode rc : plan.path("resource_changes")) {
            if (!rc.path("address").asText().equals(addr)) {
                continue;
            }
            if (rc.hasNonNull("deposed")) {
                return rc.get("deposed").asText();
            }
            if (PlanAction.fromJson(rc.path("change").path("actions")) == PlanAction.CREATE_THEN_DELETE) {
                return "00000000"; // create_before_destroy deposes the old object during apply, under a random key
            }
        }
        return null;
    }

    static String render(List<JsonNode> events, JsonNode plan, boolean color) {
        ApplyProgress p = new ApplyProgress(color);
        StringBuilder out = new StringBuilder();
        for (JsonNode m : events) {
            JsonNode h = m.path("hook");
            String action = h.path("action").asText();
            String idKey = h.path("id_key").asText("");
            String idValue = h.path("id_value").asText("");
            String addr = h.path("resource").path("addr").asText();
            String deposed = deposedOf(plan, addr, action);
            switch (m.path("type").asText()) {
                case "apply_start" -> out.append(p.starting(UiResource.parse(addr), deposed, action, idKey, idValue));
                case "apply_progress" -> out.append(p.stillRunning(UiResource.parse(addr), deposed, action,
                        idKey, idValue, h.path("elapsed_seconds").asLong()));
                case "apply_complete" -> out.append(p.complete(UiResource.parse(addr), action,
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
            JsonNode plan = PlanRendererDifferentialTest.JSON.readTree(step.resolve("plan.json").toFile());
            for (boolean color : new boolean[] {false, true}) {
                Path expected = step.resolve(color ? "apply.color.txt" : "apply.txt");
                tests.add(DynamicTest.dynamicTest(name + (color ? " (colour)" : " (no colour)"), () -> {
                    total++;
                    String actual = canonical(render(events, plan, color));
                    String want = canonical(Files.readString(expected));
                    if (!want.equals(actual)) {
                        Path dump = Path.of("target/render-actual").resolve(name + (color ? ".apply.color.txt" : ".apply.txt"));
                        Files.createDirectories(dump.getParent());
                        Files.writeString(dump, actual);
                    }
                    assertEquals(want, actual);
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
