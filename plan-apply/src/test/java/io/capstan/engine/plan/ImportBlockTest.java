package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import} blocks are planned as imports and applied into state, as Terraform 1.11 recorded
 * for this configuration: "terraform_data.x will be imported" (no-op), "terraform_data.y will be
 * updated in-place (imported from "def")", {@code Plan: 2 to import, 0 to add, 1 to change, 0 to destroy.}
 */
class ImportBlockTest {
    @TempDir
    Path dir;

    @Test
    void importBlocksArePlannedAndApplied() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                variable "id" {
                  default = "abc"
                }
                import {
                  to = terraform_data.x
                  id = var.id
                }
                import {
                  to = terraform_data.y
                  id = "def"
                }
                resource "terraform_data" "x" {}
                resource "terraform_data" "y" {
                  input = "v"
                }
                """);
        try (EngineHarness h = new EngineHarness(dir)) {
            Plan plan = h.plan();
            assertEquals(List.of(), plan.diagnostics().asList());
            Map<String, String> got = new TreeMap<>();
            plan.changes().forEach(c -> got.put(c.address(), String.join(",", c.action().json()) + " import "
                    + c.importId()));
            assertEquals(Map.of("terraform_data.x", "no-op import abc", "terraform_data.y", "update import def"), got);
            assertEquals(2, plan.imports());
            assertEquals(List.of(0, 1, 0), java.util.Arrays.stream(plan.counts()).boxed().toList());
            assertEquals("abc", PlanJson.of(plan).path("resource_changes").get(0).path("change").path("importing")
                    .path("id").asText());
            h.apply(plan);
            assertEquals(List.of("terraform_data.x", "terraform_data.y"), h.state().instanceAddresses());
            Plan again = h.plan();
            assertEquals(List.of(), again.diagnostics().asList());
            assertEquals(false, again.hasChanges(), "a second plan is clean once imported");
            assertEquals(0, again.imports());
        }
    }

    /**
     * The id is evaluated when the target is planned, so the target must wait for what the id
     * refers to: here through a chain of 200 locals, which the walk would otherwise race past.
     */
    @Test
    void staticImportWaitsForWhatItsIdRefersTo() throws Exception {
        StringBuilder tf = new StringBuilder("variable \"id\" {\n  default = \"abc\"\n}\nlocals {\n  l0 = var.id\n}\n");
        for (int i = 1; i <= 200; i++) {
            tf.append("locals {\n  l").append(i).append(" = local.l").append(i - 1).append("\n}\n");
        }
        tf.append("""
                import {
                  to = terraform_data.x
                  id = local.l200
                }
                resource "terraform_data" "x" {}
                """);
        Files.writeString(dir.resolve("main.tf"), tf.toString());
        try (EngineHarness h = new EngineHarness(dir)) {
            for (int round = 0; round < 5; round++) {
                Plan plan = h.plan();
                assertEquals(List.of(), plan.diagnostics().asList());
                assertEquals(1, plan.imports());
                assertEquals("abc", plan.changes().get(0).importId());
            }
        }
    }
}
