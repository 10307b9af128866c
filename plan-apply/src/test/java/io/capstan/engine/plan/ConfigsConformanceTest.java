package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.engine.state.OutputState;
import io.capstan.engine.state.StateFile;
import io.capstan.hcl.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every folder of {@code conformance/configs} through the engine, against what Terraform 1.11
 * recorded in its {@code expected.json}: plan actions (and action reasons) per address, plan
 * warnings, outputs (type, value, sensitive) and state addresses after apply, a clean second
 * plan, then the same after the {@code step2} changes; for error cases, the error summaries.
 */
class ConfigsConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INIT_WRAPPER = "Terraform encountered problems during initialisation";

    /** Cases not passing yet, each with the reason; the test fails when one of them starts passing. */
    private static final Map<String, String> KNOWN_FAILURES = Map.of();

    @TempDir
    Path tmp;

    @Test
    void everyConfigMatchesTerraform() throws IOException {
        runAll(tmp, null, "configs engine");
    }

    /**
     * Runs every case with walk chaos {@code chaos} (null: none), prints {@code LABEL: X passed, Y
     * failed} and fails on a regression; the chaos test calls it with fixed seeds.
     */
    static void runAll(Path tmp, io.capstan.engine.walk.WalkChaos chaos, String label) throws IOException {
        Path configs = Path.of(System.getProperty("capstan.root", "..")).resolve("conformance").resolve("configs");
        List<String> failures = new ArrayList<>();
        List<String> newlyPassing = new ArrayList<>();
        int passed = 0;
        int failed = 0;
        List<Path> cases;
        try (Stream<Path> s = Files.list(configs)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path c : cases) {
            String name = c.getFileName().toString();
            List<String> problems = new ArrayList<>();
            try {
                runCase(c, tmp.resolve(name), chaos, problems);
            } catch (RuntimeException e) {
                problems.add("crashed: " + e);
                e.printStackTrace();
            }
            if (problems.isEmpty()) {
                passed++;
                if (KNOWN_FAILURES.containsKey(name)) {
                    newlyPassing.add(name);
                }
            } else {
                failed++;
                if (!KNOWN_FAILURES.containsKey(name)) {
                    failures.add(name + ":\n    " + String.join("\n    ", problems));
                } else {
                    System.out.println("known failure " + name + " (" + KNOWN_FAILURES.get(name) + "): " + problems);
                }
            }
        }
        System.out.println(label + ": " + passed + " passed, " + failed + " failed");
        if (!failures.isEmpty()) {
            fail(failures.size() + " regressions:\n" + String.join("\n", failures));
        }
        assertTrue(newlyPassing.isEmpty(), "remove from KNOWN_FAILURES, now passing: " + newlyPassing);
    }

    private static void runCase(Path src, Path work, io.capstan.engine.walk.WalkChaos chaos, List<String> problems)
            throws IOException {
        JsonNode expected = JSON.readTree(src.resolve("expected.json").toFile());
        copyConfig(src, work);
        EngineHarness h = new EngineHarness(work, chaos);
        try {
            if (expected.has("error")) {
                checkError(h, expected.get("error"), problems);
                return;
            }
            step(h, expected, "", problems);
            if (expected.has("step2") && problems.isEmpty()) {
                try (Stream<Path> s = Files.list(src.resolve("step2"))) {
                    for (Path f : s.toList()) {
                        Files.copy(f, work.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                step(h, expected.get("step2"), "step2 ", problems);
            }
        } finally {
            h.close();
        }
    }

    private static void step(EngineHarness h, JsonNode exp, String label, List<String> problems) {
        if (exp.has("error")) {
            checkError(h, exp.get("error"), problems);
            return;
        }
        Plan plan = h.plan();
        if (plan.hasErrors()) {
            problems.add(label + "plan failed: " + summaries(plan.diagnostics().asList(), true));
            return;
        }
        streamedRenderMatches(h, plan, label, problems);
        Map<String, String> got = new TreeMap<>();
        for (ResourceChange c : plan.changes()) {
            got.put(c.address(), String.join(",", c.action().json())
                    + (c.actionReason() != null && !c.action().equals(Action.NO_OP) ? " " + c.actionReason() : ""));
        }
        Map<String, String> want = new TreeMap<>();
        for (JsonNode rc : exp.path("plan").path("resource_changes")) {
            List<String> acts = new ArrayList<>();
            rc.get("actions").forEach(a -> acts.add(a.asText()));
            String reason = rc.has("action_reason") ? " " + rc.get("action_reason").asText() : "";
            want.put(rc.get("address").asText(), String.join(",", acts) + reason);
        }
        if (!stripReasonsWhereUnrecorded(got, want).equals(want)) {
            problems.add(label + "plan actions: want " + want + " got " + got);
        }
        List<String> wantWarn = new ArrayList<>();
        exp.path("plan").path("warnings").forEach(w -> wantWarn.add(w.asText()));
        List<String> gotWarn = summaries(plan.diagnostics().asList(), false);
        if (!sorted(wantWarn).equals(sorted(gotWarn))) {
            problems.add(label + "plan warnings: want " + wantWarn + " got " + gotWarn);
        }
        ApplyResult r = h.apply(plan);
        if (r.diagnostics().hasErrors()) {
            problems.add(label + "apply failed: " + summaries(r.diagnostics().asList(), true));
            return;
        }
        List<String> wantApplyWarn = new ArrayList<>();
        exp.path("apply").path("warnings").forEach(w -> wantApplyWarn.add(w.asText()));
        List<String> gotApplyWarn = summaries(r.diagnostics().asList(), false);
        if (!sorted(wantApplyWarn).equals(sorted(gotApplyWarn))) {
            problems.add(label + "apply warnings: want " + wantApplyWarn + " got " + gotApplyWarn);
        }
        StateFile s = h.state();
        List<String> wantState = new ArrayList<>();
        exp.path("state").forEach(a -> wantState.add(a.asText()));
        // `state list` orders addresses lexically in Terraform's recordings; its ordering belongs to that command
        if (!sorted(wantState).equals(sorted(s.instanceAddresses()))) {
            problems.add(label + "state list: want " + wantState + " got " + s.instanceAddresses());
        }
        JsonNode wantOut = exp.path("outputs");
        Set<String> names = new TreeSet<>();
        wantOut.fieldNames().forEachRemaining(names::add);
        if (!names.equals(new TreeSet<>(s.outputs().keySet()))) {
            problems.add(label + "output names: want " + names + " got " + s.outputs().keySet());
        }
        for (String n : names) {
            OutputState o = s.outputs().get(n);
            JsonNode w = wantOut.get(n);
            if (o == null) {
                continue;
            }
            if (!JsonSame.equal(w.get("value"), o.value()) || !JsonSame.equal(w.get("type"), o.type())
                    || w.get("sensitive").asBoolean() != o.sensitive()) {
                problems.add(label + "output " + n + ": want " + w + " got value=" + o.value() + " type=" + o.type()
                        + " sensitive=" + o.sensitive());
            }
        }
        Plan again = h.plan();
        int code = again.hasErrors() ? 1 : again.hasChanges() ? 2 : 0;
        if (exp.has("replan_exit_code") && code != exp.get("replan_exit_code").asInt()) {
            List<String> changed = again.changes().stream().filter(c -> c.action() != Action.NO_OP)
                    .map(c -> c.address() + " " + c.action()).toList();
            problems.add(label + "second plan: want exit " + exp.get("replan_exit_code") + " got " + code + " "
                    + changed + " " + again.outputChanges().stream().filter(o -> o.action() != Action.NO_OP)
                    .map(OutputChange::name).toList() + summaries(again.diagnostics().asList(), true));
        }
    }

    private static Map<String, String> stripReasonsWhereUnrecorded(Map<String, String> got, Map<String, String> want) {
        Map<String, String> out = new TreeMap<>();
        got.forEach((a, v) -> {
            String w = want.get(a);
            out.put(a, w != null && !w.contains(" ") && v.contains(" ") ? v.substring(0, v.indexOf(' ')) : v);
        });
        return out;
    }

    /**
     * The human plan rendered one change at a time from the plan ({@link PlanJson#changeSource}, as the CLI
     * shows a plan made in its run) is the text rendered from the whole JSON plan, with colour and without.
     */
    private static void streamedRenderMatches(EngineHarness h, Plan plan, String label, List<String> problems) {
        var renderer = new io.capstan.engine.render.PlanRenderer(
                io.capstan.provider.schema.ProviderSchemaJson.document(h.schemas()));
        var mode = plan.mode() == PlanMode.DESTROY ? io.capstan.engine.render.RenderMode.DESTROY
                : plan.mode() == PlanMode.REFRESH_ONLY ? io.capstan.engine.render.RenderMode.REFRESH_ONLY
                : io.capstan.engine.render.RenderMode.NORMAL;
        for (boolean color : new boolean[] {false, true}) {
            var opts = new io.capstan.engine.render.RenderOptions(color, mode, 78);
            // with drift: relevant_attributes found in the whole JSON plan (as the CLI's plan -out) against those
            // found from the changes' headers alone (as the CLI's plan shown change by change)
            var wholeJson = PlanJson.forRendering(plan);
            if (!plan.drift().isEmpty()) {
                var relevant = io.capstan.engine.json.RelevantAttributes.of(h.config(), wholeJson);
                if (!relevant.isEmpty()) {
                    wholeJson.set("relevant_attributes", relevant);
                }
            }
            String whole = renderer.render(wholeJson, opts);
            StringBuilder streamed = new StringBuilder();
            renderer.render(PlanJson.forRenderingWithoutChanges(plan, h.config()), PlanJson.changeSource(plan), opts,
                    streamed);
            if (!whole.equals(streamed.toString())) {
                problems.add(label + "human plan rendered change by change differs (color " + color + "):\n"
                        + streamed + "\nagainst the whole JSON plan's:\n" + whole);
            }
        }
    }

    private static void checkError(EngineHarness h, JsonNode err, List<String> problems) {
        Plan plan = h.plan();
        Set<String> want = new TreeSet<>();
        err.path("all_summaries").forEach(s -> {
            if (!s.asText().startsWith(INIT_WRAPPER)) {
                want.add(s.asText());
            }
        });
        Set<String> got = new TreeSet<>(summaries(plan.diagnostics().asList(), true));
        if (!plan.hasErrors()) {
            problems.add("expected errors " + want + " but plan succeeded");
        } else if (!want.equals(got)) {
            problems.add("errors: want " + want + " got " + got);
        }
    }

    private static List<String> summaries(List<Diagnostic> ds, boolean errors) {
        return ds.stream().filter(d -> d.isError() == errors)
                .map(d -> d.summary().equals("Internal error") ? d.summary() + ": " + d.detail() : d.summary()).toList();
    }

    private static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }

    private static void copyConfig(Path src, Path dst) throws IOException {
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path rel = src.relativize(p);
                if (rel.toString().startsWith("step2") || rel.toString().equals("expected.json")) {
                    continue;
                }
                Path to = dst.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
    }
}
