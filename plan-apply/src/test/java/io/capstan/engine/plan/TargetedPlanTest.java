package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planning modes and options: {@code -target}, {@code -replace}, {@code -destroy}, {@code -refresh-only}. */
class TargetedPlanTest {
    @TempDir
    Path dir;

    record Case(String name, PlanOptions options, Map<String, String> actions) {
    }

    @Test
    void optionsSelectTheChanges() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  input = "a"
                }
                resource "terraform_data" "b" {
                  input = terraform_data.a.output
                }
                resource "terraform_data" "c" {
                  input = "c"
                }
                """);
        PlanOptions d = PlanOptions.defaults();
        try (EngineHarness h = new EngineHarness(dir)) {
            assertEquals(Map.of("terraform_data.a", "create", "terraform_data.b", "create"),
                    actions(h.plan(new PlanOptions(List.of(), Map.of(), PlanMode.NORMAL, true,
                            List.of("terraform_data.b"), List.of(), 10, "default"))));
            h.apply(h.plan());
            List<Case> cases = List.of(
                    new Case("no changes", d, Map.of("terraform_data.a", "no-op", "terraform_data.b", "no-op",
                            "terraform_data.c", "no-op")),
                    new Case("-replace", new PlanOptions(List.of(), Map.of(), PlanMode.NORMAL, true, List.of(),
                            List.of("terraform_data.c"), 10, "default"), Map.of("terraform_data.a", "no-op",
                            "terraform_data.b", "no-op", "terraform_data.c", "delete,create")),
                    new Case("-destroy", d.withMode(PlanMode.DESTROY), Map.of("terraform_data.a", "delete",
                            "terraform_data.b", "delete", "terraform_data.c", "delete")),
                    new Case("-refresh-only", d.withMode(PlanMode.REFRESH_ONLY), Map.of()));
            for (Case c : cases) {
                assertEquals(c.actions(), actions(h.plan(c.options())), c.name());
            }
            Plan destroy = h.plan(d.withMode(PlanMode.DESTROY));
            ApplyResult r = h.apply(destroy);
            assertEquals(3, r.destroyed());
            assertEquals(List.of(), h.state().instanceAddresses());
        }
    }

    private static Map<String, String> actions(Plan p) {
        assertEquals(List.of(), p.diagnostics().asList());
        Map<String, String> out = new TreeMap<>();
        p.changes().forEach(c -> out.put(c.address(), String.join(",", c.action().json())));
        return out;
    }
}
