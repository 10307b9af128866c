package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capstan.hcl.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code import} blocks with {@code for_each} (Terraform 1.7+), planned and applied as Terraform 1.11.4
 * did for the same configurations (recorded with {@code terraform plan -no-color} side by side):
 * one import per element, keyed by the evaluated {@code to} address, also into resources and
 * modules that use for_each themselves; and the errors as Terraform words them.
 */
class ImportForEachTest {
    @TempDir
    Path dir;

    private Map<String, String> actions(Plan plan) {
        Map<String, String> got = new TreeMap<>();
        plan.changes().forEach(c -> got.put(c.address(), String.join(",", c.action().json())
                + (c.importId() == null ? "" : " import " + c.importId())));
        return got;
    }

    @Test
    void forEachOverMapImportsEachKeyIntoAForEachResource() throws Exception {
        // terraform: Plan: 3 to import, 0 to add, 0 to change, 0 to destroy.
        Files.writeString(dir.resolve("main.tf"), """
                variable "ids" {
                  default = { a = "id-a", b = "id-b" }
                }
                locals {
                  extra = { c = "id-c" }
                }
                resource "terraform_data" "x" {
                  for_each = merge(var.ids, local.extra)
                }
                import {
                  for_each = merge(var.ids, local.extra)
                  to       = terraform_data.x[each.key]
                  id       = each.value
                }
                """);
        try (EngineHarness h = new EngineHarness(dir)) {
            Plan plan = h.plan();
            assertEquals(List.of(), plan.diagnostics().asList());
            assertEquals(Map.of("terraform_data.x[\"a\"]", "no-op import id-a", "terraform_data.x[\"b\"]",
                    "no-op import id-b", "terraform_data.x[\"c\"]", "no-op import id-c"), actions(plan));
            assertEquals(3, plan.imports());
            h.apply(plan);
            assertEquals(List.of("terraform_data.x[\"a\"]", "terraform_data.x[\"b\"]", "terraform_data.x[\"c\"]"),
                    h.state().instanceAddresses());
            Plan again = h.plan();
            assertEquals(List.of(), again.diagnostics().asList());
            assertEquals(false, again.hasChanges(), "a second plan is clean once imported");
            assertEquals(0, again.imports());
        }
    }

    @Test
    void listForEachKeysAreIndexesAndSetsPartlyImport() throws Exception {
        // terraform: x[0] and x[1] imported (p, q); y["a"] imported with id 1, y["b"] created
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "x" {
                  count = 2
                }
                import {
                  for_each = ["p", "q"]
                  to       = terraform_data.x[each.key]
                  id       = each.value
                }
                variable "m" {
                  type      = map(string)
                  default   = { a = "1" }
                  sensitive = true
                }
                resource "terraform_data" "y" {
                  for_each = toset(["a", "b"])
                }
                import {
                  for_each = var.m
                  to       = terraform_data.y[each.key]
                  id       = each.value
                }
                """);
        try (EngineHarness h = new EngineHarness(dir)) {
            Plan plan = h.plan();
            assertEquals(List.of(), plan.diagnostics().asList());
            assertEquals(Map.of("terraform_data.x[0]", "no-op import p", "terraform_data.x[1]", "no-op import q",
                    "terraform_data.y[\"a\"]", "no-op import 1", "terraform_data.y[\"b\"]", "create"), actions(plan));
        }
    }

    @Test
    void importsIntoModuleInstances() throws Exception {
        // terraform: module.m["a"].terraform_data.y and module.m["b"]... imported with id-a, id-b
        Files.createDirectories(dir.resolve("m"));
        Files.writeString(dir.resolve("m/main.tf"), "resource \"terraform_data\" \"y\" {}\n");
        Files.writeString(dir.resolve("main.tf"), """
                module "m" {
                  source   = "./m"
                  for_each = toset(["a", "b"])
                }
                import {
                  for_each = toset(["a", "b"])
                  to       = module.m[each.key].terraform_data.y
                  id       = "id-${each.key}"
                }
                """);
        try (EngineHarness h = new EngineHarness(dir)) {
            Plan plan = h.plan();
            assertEquals(List.of(), plan.diagnostics().asList());
            assertEquals(Map.of("module.m[\"a\"].terraform_data.y", "no-op import id-a",
                    "module.m[\"b\"].terraform_data.y", "no-op import id-b"), actions(plan));
        }
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("primitive", """
                        resource "terraform_data" "x" {
                          for_each = toset(["a", "b"])
                        }
                        import {
                          for_each = "a"
                          to       = terraform_data.x[each.key]
                          id       = each.value
                        }
                        """, "Invalid for_each argument", "The \"for_each\" expression must be a collection.", 5),
                Arguments.of("unknown", """
                        resource "terraform_data" "y" {}
                        resource "terraform_data" "x" {
                          for_each = toset(["a", "b"])
                        }
                        import {
                          for_each = { for k in ["a"] : k => terraform_data.y.id }
                          to       = terraform_data.x[each.key]
                          id       = each.value
                        }
                        """, "Invalid for_each argument", "The \"for_each\" expression includes values derived from "
                        + "other resource attributes that cannot be determined until apply, and so Terraform cannot "
                        + "determine the full set of values that might be used to import this resource.", 6),
                Arguments.of("missing-instance", """
                        resource "terraform_data" "x" {
                          for_each = toset(["a"])
                        }
                        import {
                          for_each = toset(["a", "b"])
                          to       = terraform_data.x[each.key]
                          id       = each.value
                        }
                        """, "Configuration for import target does not exist", "The configuration for the given "
                        + "import terraform_data.x[\"b\"] does not exist. All target instances must have an "
                        + "associated configuration to be imported.", 0),
                Arguments.of("bad-key", """
                        resource "terraform_data" "x" {
                          for_each = toset(["a", "b"])
                        }
                        import {
                          for_each = { a = "1" }
                          to       = terraform_data.x[each.value == "1" ? true : false]
                          id       = each.value
                        }
                        """, "Invalid address", "Invalid resource instance key: either a string or an integer is "
                        + "required.", 6),
                Arguments.of("each-without-for_each", """
                        resource "terraform_data" "x" {
                          for_each = toset(["a", "b"])
                        }
                        import {
                          to       = terraform_data.x[each.key]
                          id       = "z"
                        }
                        """, "Invalid expression", "A single static variable reference is required: only attribute "
                        + "access and indexing with constant keys. No calculations, function calls, template "
                        + "expressions, etc are allowed here.", 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void errorsAsTerraformWordsThem(String name, String config, String summary, String detail, int line)
            throws Exception {
        Files.writeString(dir.resolve("main.tf"), config);
        try (EngineHarness h = new EngineHarness(dir)) {
            Plan plan = h.plan();
            List<Diagnostic> errs = plan.diagnostics().asList().stream().filter(Diagnostic::isError).toList();
            assertEquals(1, errs.size(), errs.toString());
            assertEquals(summary, errs.get(0).summary());
            assertEquals(detail, errs.get(0).detail());
            assertEquals(line, errs.get(0).subject() == null ? 0 : errs.get(0).subject().start().line());
        }
    }
}
