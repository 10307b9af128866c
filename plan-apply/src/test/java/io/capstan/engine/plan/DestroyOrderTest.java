package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code destroy} deletes each object only after every object that depended on it is gone,
 * across a chain and a fan-in, with several deletions running in parallel; every object is
 * deleted exactly once and the state ends empty.
 */
class DestroyOrderTest {
    @TempDir
    Path dir;

    @Test
    void deletesDependentsBeforeTheirDependencies() throws Exception {
        int n = 40;
        StringBuilder tf = new StringBuilder("resource \"terraform_data\" \"c0\" {\n  input = \"v\"\n}\n");
        for (int i = 1; i < n; i++) {
            tf.append("resource \"terraform_data\" \"c").append(i).append("\" {\n  input = terraform_data.c")
                    .append(i - 1).append(".output\n}\n");
        }
        for (int i = 0; i < 5; i++) {
            // leaves that all depend on the chain's first link: deleted before it, in any order
            tf.append("resource \"terraform_data\" \"leaf").append(i).append("\" {\n  input = terraform_data.c0.id\n}\n");
        }
        Files.writeString(dir.resolve("main.tf"), tf.toString());
        List<String> events = new CopyOnWriteArrayList<>();
        ChangeListener listener = (address, phase, id, ms) -> events.add(phase + " " + address);
        try (Providers providers = new Providers(new ProviderResolver(dir, List.of()))) {
            Engine create = new Engine(dir, providers);
            Plan plan = create.plan(io.capstan.engine.state.StateFile.empty(), PlanOptions.defaults());
            assertEquals(List.of(), plan.diagnostics().asList());
            ApplyResult applied = create.apply(plan, PlanOptions.defaults(), null, ChangeListener.NONE);
            assertEquals(List.of(), applied.diagnostics().asList());

            PlanOptions destroy = PlanOptions.defaults().withMode(PlanMode.DESTROY);
            Engine destroyer = new Engine(dir, providers);
            Plan dplan = destroyer.plan(applied.state().snapshot(2), destroy);
            assertEquals(List.of(), dplan.diagnostics().asList());
            ApplyResult gone = destroyer.apply(dplan, destroy, null, listener);
            assertEquals(List.of(), gone.diagnostics().asList());
            assertTrue(gone.state().snapshot(3).resources().stream().allMatch(r -> r.instances().isEmpty()),
                    "no instance is left in state after destroy");
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, events.stream().filter(("DESTROYED terraform_data.c" + i)::equals).count(), "c" + i);
        }
        for (int i = 1; i < n; i++) {
            assertTrue(events.indexOf("DESTROYED terraform_data.c" + i) < events.indexOf("DESTROYING terraform_data.c" + (i - 1)),
                    "c" + i + " is deleted before c" + (i - 1) + " starts: " + events);
        }
        for (int i = 0; i < 5; i++) {
            assertTrue(events.indexOf("DESTROYED terraform_data.leaf" + i) < events.indexOf("DESTROYING terraform_data.c0"),
                    "leaf" + i + " before c0: " + events);
        }
    }
}
