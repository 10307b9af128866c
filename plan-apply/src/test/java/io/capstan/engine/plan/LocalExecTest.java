package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code local-exec} runs after create with its interpreter, environment and working directory,
 * its lines reported per resource; a failing one taints the resource unless {@code on_failure = continue},
 * and the tainted object is then replaced without its destroy-time provisioners, as Terraform does.
 */
class LocalExecTest {
    @TempDir
    Path dir;

    @Test
    void runsAfterCreateAndTaintsOnFailure() throws Exception {
        Files.createDirectories(dir.resolve("work"));
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "ok" {
                  input = "hello"
                  provisioner "local-exec" {
                    command     = "echo $GREETING ${self.output} > out.txt; cat out.txt"
                    working_dir = "${path.module}/work"
                    environment = {
                      GREETING = "said"
                    }
                  }
                  provisioner "local-exec" {
                    command    = "exit 3"
                    on_failure = continue
                  }
                }
                resource "terraform_data" "bad" {
                  provisioner "local-exec" {
                    interpreter = ["/bin/sh", "-c"]
                    command     = "exit 2"
                  }
                  provisioner "local-exec" {
                    when    = destroy
                    command = "echo bye ${self.id} > gone.txt"
                    working_dir = "${path.module}/work"
                  }
                }
                """.replace("${path.module}", dir.toString()));
        List<String> lines = new CopyOnWriteArrayList<>();
        ChangeListener listener = new ChangeListener() {
            @Override
            public void event(String address, Phase phase, String id, long elapsedMillis) {
            }

            @Override
            public void output(String address, String line) {
                lines.add(address + ": " + line);
            }
        };
        try (Providers providers = new Providers(new ProviderResolver(dir, List.of()))) {
            Engine engine = new Engine(dir, providers);
            Plan plan = engine.plan(io.capstan.engine.state.StateFile.empty(), PlanOptions.defaults());
            assertEquals(List.of(), plan.diagnostics().asList());
            ApplyResult r = engine.apply(plan, PlanOptions.defaults(), null, listener);
            assertEquals("said hello\n", Files.readString(dir.resolve("work/out.txt")));
            assertTrue(lines.contains("terraform_data.ok: said hello"), lines.toString());
            assertTrue(lines.contains("terraform_data.bad: Executing: [\"/bin/sh\" \"-c\" \"exit 2\"]"),
                    lines.toString());
            assertTrue(r.diagnostics().asList().stream().anyMatch(d -> d.summary().equals("local-exec provisioner error")
                    && d.detail().contains("exit status 2")), r.diagnostics().asList().toString());
            assertEquals(1, r.diagnostics().asList().size(), "on_failure = continue hides the second failure");
            var state = r.state().snapshot(1);
            Plan again = new Engine(dir, providers).plan(state, PlanOptions.defaults());
            Map<String, String> actions = new java.util.TreeMap<>();
            again.changes().forEach(c -> actions.put(c.address(), String.join(",", c.action().json())));
            assertEquals(Map.of("terraform_data.bad", "delete,create", "terraform_data.ok", "no-op"), actions,
                    "the failed resource is tainted and replaced");
            String badId = state.resources().stream().filter(x -> x.name().equals("bad")).findFirst().orElseThrow()
                    .instances().get(0).attributes().get("id").asText();
            Engine e2 = new Engine(dir, providers);
            Plan replace = e2.plan(state, PlanOptions.defaults());
            e2.apply(replace, PlanOptions.defaults(), null, listener);
            assertTrue(badId != null && !Files.exists(dir.resolve("work/gone.txt")),
                    "terraform 1.11 runs no destroy-time provisioner for a tainted object (checked with the binary)");
        }
    }
}
