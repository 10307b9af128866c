package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capstan.engine.state.StateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instances of one {@code count} resource are applied side by side, as Terraform's expanded
 * instance nodes are, and never more of them at once than {@code -parallelism}. Each instance's
 * provisioner is a rendezvous: it announces itself, then waits until {@code want} instances have
 * arrived; run one after another the first would wait alone and fail. A second file records how
 * many were running at once.
 */
class InstanceParallelismTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            resource "terraform_data" "r" {
              count = 6
              provisioner "local-exec" {
                working_dir = "DIR/work"
                command     = <<-EOT
                  set -e
                  touch "arrived.${count.index}" "running.${count.index}"
                  ls running.* | wc -l >> concurrency.txt
                  i=0
                  while [ "$(ls arrived.* | wc -l)" -lt WANT ]; do
                    i=$((i+1)); [ $i -lt 600 ] || exit 1; sleep 0.1
                  done
                  sleep 0.3
                  rm -f "running.${count.index}"
                EOT
              }
            }
            """;

    private ApplyResult apply(int parallelism, int want) throws Exception {
        Files.createDirectories(dir.resolve("work"));
        Files.writeString(dir.resolve("main.tf"), CONFIG.replace("DIR", dir.toString())
                .replace("WANT", Integer.toString(want)));
        PlanOptions opts = new PlanOptions(List.of(), Map.of(), PlanMode.NORMAL, true, List.of(), List.of(),
                parallelism, "default");
        try (Providers providers = new Providers(new ProviderResolver(dir, List.of()))) {
            Engine engine = new Engine(dir, providers);
            Plan plan = engine.plan(StateFile.empty(), opts);
            assertEquals(List.of(), plan.diagnostics().asList());
            return engine.apply(plan, opts, null, new ChangeListener() {
                @Override
                public void event(String address, Phase phase, String id, long elapsedMillis) {
                }
            });
        }
    }

    private int mostAtOnce() throws Exception {
        return Files.readAllLines(dir.resolve("work/concurrency.txt")).stream()
                .mapToInt(l -> Integer.parseInt(l.trim())).max().orElse(0);
    }

    @Test
    void allInstancesOfOneResourceRunTogether() throws Exception {
        ApplyResult r = apply(10, 6);
        assertEquals(List.of(), r.diagnostics().asList(), "every instance met the other five");
        assertEquals(6, r.added());
    }

    @Test
    void neverMoreThanParallelismAtOnce() throws Exception {
        ApplyResult r = apply(2, 2);
        assertEquals(List.of(), r.diagnostics().asList());
        assertEquals(6, r.added());
        int most = mostAtOnce();
        assertTrue(most >= 1 && most <= 2, "at most 2 running at once, saw " + most);
    }
}
