package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code when = destroy} provisioners run, with {@code self} bound to the object as state had it,
 * on {@code destroy}, for an instance a {@code count} shrink removed, and for a resource whose block
 * gave way to a {@code removed} block; a failing one keeps the object in state unless
 * {@code on_failure = continue}; a block deleted outright takes its provisioners with it (as in Terraform).
 */
class DestroyProvisionerTest {
    @TempDir
    Path dir;

    private void config(String tf) throws Exception {
        Files.writeString(dir.resolve("main.tf"), tf.replace("LOG", dir.resolve("log.txt").toString()));
    }

    private List<String> log() throws Exception {
        Path f = dir.resolve("log.txt");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    private static final String COUNTED = """
            variable "n" {
              default = 2
            }
            resource "terraform_data" "a" {
              count = var.n
              input = "in-${count.index}"
              provisioner "local-exec" {
                when    = destroy
                command = "echo gone ${self.input} ${count.index} >> LOG"
              }
            }
            """;

    @Test
    void countShrinkRunsTheRemovedInstancesProvisioner() throws Exception {
        config(COUNTED);
        try (EngineHarness h = new EngineHarness(dir)) {
            assertEquals(List.of(), h.apply(h.plan()).diagnostics().asList());
            assertEquals(List.of(), log(), "destroy-time provisioners do not run on create");
            config(COUNTED.replace("default = 2", "default = 1"));
            ApplyResult r = h.apply(h.plan());
            assertEquals(List.of(), r.diagnostics().asList());
            assertEquals(List.of("gone in-1 1"), log());
            assertEquals(List.of("terraform_data.a[0]"), h.state().instanceAddresses());
        }
    }

    @Test
    void destroyRunsEachAndAFailureKeepsTheObject() throws Exception {
        config("""
                resource "terraform_data" "ok" {
                  input = "fine"
                  provisioner "local-exec" {
                    when       = destroy
                    command    = "echo tolerated ${self.input} >> LOG; exit 1"
                    on_failure = continue
                  }
                  provisioner "local-exec" {
                    when    = destroy
                    command = "echo ok ${self.output} >> LOG"
                  }
                }
                resource "terraform_data" "stuck" {
                  input = "kept"
                  provisioner "local-exec" {
                    when    = destroy
                    command = "echo refused ${self.input} >> LOG; exit 4"
                  }
                }
                """);
        try (EngineHarness h = new EngineHarness(dir)) {
            h.apply(h.plan());
            ApplyResult r = h.apply(h.plan(PlanOptions.defaults().withMode(PlanMode.DESTROY)));
            assertTrue(r.diagnostics().asList().stream().anyMatch(d -> d.summary().equals("local-exec provisioner error")
                    && d.detail().equals("Error running command 'echo refused kept >> " + dir.resolve("log.txt")
                    + "; exit 4': exit status 4. Output: ")), r.diagnostics().asList().toString());
            assertEquals(1, r.diagnostics().asList().size(), "on_failure = continue is not an error");
            assertEquals(List.of("refused kept", "ok fine", "tolerated fine").stream().sorted().toList(),
                    log().stream().sorted().toList());
            assertEquals(List.of("terraform_data.stuck"), h.state().instanceAddresses(),
                    "the object whose provisioner failed was not destroyed");
        }
    }

    @Test
    void removedBlockProvisionersRunAndADeletedBlockTakesItsOwnAlong() throws Exception {
        config("""
                resource "terraform_data" "r" {
                  input = "via-removed"
                }
                resource "terraform_data" "plain" {
                  input = "silent"
                  provisioner "local-exec" {
                    when    = destroy
                    command = "echo plain ${self.input} >> LOG"
                  }
                }
                """);
        try (EngineHarness h = new EngineHarness(dir)) {
            h.apply(h.plan());
            config("""
                    removed {
                      from = terraform_data.r
                      lifecycle {
                        destroy = true
                      }
                      provisioner "local-exec" {
                        when    = destroy
                        command = "echo removed ${self.input} >> LOG"
                      }
                    }
                    """);
            ApplyResult r = h.apply(h.plan());
            assertEquals(List.of(), r.diagnostics().asList());
            assertEquals(List.of("removed via-removed"), log());
            assertFalse(log().contains("plain silent"));
            assertEquals(List.of(), h.state().instanceAddresses());
        }
    }
}
