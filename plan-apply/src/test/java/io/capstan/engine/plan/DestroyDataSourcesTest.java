package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capstan.engine.state.StateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a whole {@code destroy} the state holds no data sources either, as Terraform leaves it. */
class DestroyDataSourcesTest {
    @TempDir
    Path dir;

    @Test
    void destroyLeavesNoDataSourcesInState() throws Exception {
        Files.writeString(dir.resolve("other.tfstate"), """
                {"version":4,"terraform_version":"1.11.4","serial":1,"lineage":"3f1a2b4c-0000-0000-0000-000000000000",
                 "outputs":{"a":{"value":"v","type":"string"}},"resources":[],"check_results":null}
                """);
        Files.writeString(dir.resolve("main.tf"), """
                data "terraform_remote_state" "o" {
                  backend = "local"
                  config  = { path = "other.tfstate" }
                }
                resource "terraform_data" "x" {
                  input = data.terraform_remote_state.o.outputs.a
                }
                """);
        ChangeListener quiet = new ChangeListener() {
            @Override
            public void event(String address, Phase phase, String id, long elapsedMillis) {
            }
        };
        try (Providers providers = new Providers(new ProviderResolver(dir, List.of()))) {
            Engine up = new Engine(dir, providers);
            Plan plan = up.plan(StateFile.empty(), PlanOptions.defaults());
            assertEquals(List.of(), plan.diagnostics().asList());
            StateFile applied = up.apply(plan, PlanOptions.defaults(), null, quiet).state().snapshot(1);
            assertEquals(List.of("data.terraform_remote_state.o", "terraform_data.x"), addresses(applied));
            PlanOptions destroy = PlanOptions.defaults().withMode(PlanMode.DESTROY);
            Engine engine = new Engine(dir, providers);
            Plan down = engine.plan(applied, destroy);
            StateFile after = engine.apply(down, destroy, null, quiet).state().snapshot(2);
            assertEquals(List.of(), addresses(after));
        }
    }

    private static List<String> addresses(StateFile s) {
        return s.resources().stream()
                .map(r -> (r.mode().equals("data") ? "data." : "") + r.type() + "." + r.name())
                .sorted().toList();
    }
}
