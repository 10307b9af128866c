package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capstan.engine.walk.WalkChaos;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every place an expression is evaluated outside the plain "node evaluates its own arguments"
 * path waits for what the expression refers to. Each case puts a chain of 200 locals in front of
 * the reference (so a missing edge loses the race almost surely) and walks in chaos mode with
 * three seeds; the expected plans, values and messages are what terraform 1.11.4 gives for the
 * same configuration.
 */
class WalkOrderTest {
    private static final long[] SEEDS = {3, 17, 99};

    @TempDir
    Path dir;

    /** {@code locals { NAME0 = START }} then NAME1 .. NAME200, each the previous one. */
    static String chain(String name, String start) {
        StringBuilder sb = new StringBuilder("locals {\n  " + name + "0 = " + start + "\n}\n");
        for (int i = 1; i <= 200; i++) {
            sb.append("locals {\n  ").append(name).append(i).append(" = local.").append(name).append(i - 1)
                    .append("\n}\n");
        }
        return sb.toString();
    }

    /** The checks of one case, made on a harness walking in chaos mode with {@code seed}. */
    private interface SeedCase {
        void check(EngineHarness h, long seed) throws Exception;
    }

    /** Runs {@code c} once per seed, each time on a new harness (empty state) in chaos mode with that seed. */
    private void eachSeed(SeedCase c) throws Exception {
        for (long seed : SEEDS) {
            try (EngineHarness h = new EngineHarness(dir, new WalkChaos(seed, 200))) {
                c.check(h, seed);
            }
        }
    }

    /** Writes {@code text} to {@code file} under the case's directory, creating its folders. */
    private void write(String file, String text) throws Exception {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static PlanOptions env(String var, String value) {
        return PlanOptions.defaults().withVars(List.of(), Map.of("TF_VAR_" + var, value));
    }

    private static Map<String, String> actions(Plan p) {
        Map<String, String> m = new TreeMap<>();
        p.changes().forEach(c -> m.put(c.address(), String.join(",", c.action().json())
                + (c.actionReason() != null && c.action() != Action.NO_OP ? " " + c.actionReason() : "")));
        return m;
    }

    private static List<String> errors(Plan p) {
        return errors(p.diagnostics());
    }

    private static List<String> errors(Diagnostics diags) {
        return diags.asList().stream().filter(Diagnostic::isError).map(d -> d.summary() + ": " + d.detail()).toList();
    }

    @Test
    void variableValidationWaitsForTheLocalsItRefersTo() throws Exception {
        write("main.tf", chain("m", "var.min") + """
                variable "min" {
                  default = 3
                }
                variable "name" {
                  default = "ab"
                  validation {
                    condition     = length(var.name) >= local.m200
                    error_message = "name shorter than ${local.m200}"
                  }
                }
                resource "terraform_data" "x" {
                  input = var.name
                }
                """);
        eachSeed((h, seed) -> {
            List<String> errs = errors(h.plan());
            assertEquals(1, errs.size(), "seed " + seed + ": " + errs);
            assertTrue(errs.get(0).startsWith("Invalid value for variable: name shorter than 3\n\nThis was checked "
                    + "by the validation rule at "), errs.get(0));
            Plan ok = h.plan(env("name", "abcd"));
            assertEquals(List.of(), errors(ok), "seed " + seed);
            assertEquals(Map.of("terraform_data.x", "create"), actions(ok));
        });
    }

    @Test
    void outputPreconditionWaitsForWhatItRefersTo() throws Exception {
        write("main.tf", chain("c", "var.v") + """
                variable "v" {
                  default = "bad"
                }
                output "o" {
                  value = "fixed"
                  precondition {
                    condition     = local.c200 == "ok"
                    error_message = "not ok: ${local.c200}"
                  }
                }
                """);
        eachSeed((h, seed) -> {
            assertEquals(List.of("Module output value precondition failed: not ok: bad"), errors(h.plan()),
                    "seed " + seed);
            Plan ok = h.plan(env("v", "ok"));
            assertEquals(List.of(), errors(ok));
            assertEquals(Value.of("fixed"), ok.outputs().get("o"));
        });
    }

    @Test
    void resourceConditionsWaitForWhatTheyReferTo() throws Exception {
        write("main.tf", chain("c", "var.v") + """
                variable "v" {
                  default = "bad"
                }
                resource "terraform_data" "x" {
                  input = "ok"
                  lifecycle {
                    precondition {
                      condition     = local.c200 != "bad"
                      error_message = "pre: ${local.c200}"
                    }
                    postcondition {
                      condition     = self.output == local.c200
                      error_message = "post: ${local.c200}"
                    }
                  }
                }
                """);
        eachSeed((h, seed) -> {
            assertEquals(List.of("Resource precondition failed: pre: bad"), errors(h.plan()), "seed " + seed);
            // self.output is unknown until the create: terraform checks the postcondition at apply
            Plan other = h.plan(env("v", "other"));
            assertEquals(List.of(), errors(other), "seed " + seed);
            ApplyResult applied = h.apply(other);
            assertEquals(List.of("Resource postcondition failed: post: other"), errors(applied.diagnostics()));
            h.setState(io.capstan.engine.state.StateFile.empty());
            Plan ok = h.plan(env("v", "ok"));
            assertEquals(List.of(), errors(ok));
            assertEquals(Map.of("terraform_data.x", "create"), actions(ok));
        });
    }

    @Test
    void checkAssertionsSeeTheFinishedWalk() throws Exception {
        write("main.tf", chain("c", "var.v") + """
                variable "v" {
                  default = "bad"
                }
                check "c" {
                  assert {
                    condition     = local.c200 == "ok"
                    error_message = "check: ${local.c200}"
                  }
                }
                """);
        eachSeed((h, seed) -> {
            Plan p = h.plan();
            assertEquals(List.of("Check block assertion failed: check: bad"), p.diagnostics().asList().stream()
                    .map(d -> d.summary() + ": " + d.detail()).toList(), "seed " + seed);
        });
    }

    @Test
    void moduleInputsAndOutputsWaitAcrossModules() throws Exception {
        write("main.tf", chain("r", "var.v") + """
                variable "v" {
                  default = "in"
                }
                module "a" {
                  source = "./a"
                  in     = local.r200
                }
                output "o" {
                  value = module.a.out
                }
                """);
        write("a/main.tf", chain("a", "\"${var.in}-a\"") + """
                variable "in" {}
                module "b" {
                  source = "./b"
                  in     = local.a200
                }
                output "out" {
                  value = module.b.out
                }
                """);
        write("a/b/main.tf", chain("b", "\"${var.in}-b\"") + """
                variable "in" {}
                resource "terraform_data" "r" {
                  input = local.b200
                }
                output "out" {
                  value = "${local.b200}/${terraform_data.r.input}"
                }
                """);
        eachSeed((h, seed) -> {
            Plan p = h.plan();
            assertEquals(List.of(), errors(p), "seed " + seed);
            assertEquals(Map.of("module.a.module.b.terraform_data.r", "create"), actions(p));
            assertEquals(Value.of("in-a-b/in-a-b"), p.outputs().get("o"), "seed " + seed);
        });
    }

    @Test
    void countAndForEachWaitForTheirExpressions() throws Exception {
        write("main.tf", chain("n", "var.n") + chain("s", "toset([\"p\", \"q\"])")
                + chain("i", "{ u = \"id-u\" }") + """
                variable "n" {
                  default = 2
                }
                resource "terraform_data" "c" {
                  count = local.n200
                }
                resource "terraform_data" "e" {
                  for_each = local.s200
                }
                module "m" {
                  source   = "./m"
                  count    = local.n200
                }
                module "f" {
                  source   = "./m"
                  for_each = local.s200
                }
                import {
                  for_each = local.i200
                  to       = terraform_data.i[each.key]
                  id       = each.value
                }
                resource "terraform_data" "i" {
                  for_each = local.i200
                }
                """);
        write("m/main.tf", "resource \"terraform_data\" \"r\" {}\n");
        Map<String, String> want = new TreeMap<>();
        for (String a : List.of("terraform_data.c[0]", "terraform_data.c[1]", "terraform_data.e[\"p\"]",
                "terraform_data.e[\"q\"]", "module.m[0].terraform_data.r", "module.m[1].terraform_data.r",
                "module.f[\"p\"].terraform_data.r", "module.f[\"q\"].terraform_data.r")) {
            want.put(a, "create");
        }
        want.put("terraform_data.i[\"u\"]", "no-op");
        eachSeed((h, seed) -> {
            Plan p = h.plan();
            assertEquals(List.of(), errors(p), "seed " + seed);
            assertEquals(want, actions(p), "seed " + seed);
            assertEquals(1, p.imports());
            assertEquals("id-u", p.changes().stream().filter(c -> c.address().equals("terraform_data.i[\"u\"]"))
                    .findFirst().orElseThrow().importId());
        });
    }

    /** An import block's id may come from a module output: the target waits for that output, not only the call. */
    @Test
    void importIdFromAModuleOutputWaitsForTheOutput() throws Exception {
        write("main.tf", """
                module "ids" {
                  source = "./ids"
                }
                import {
                  to = terraform_data.z
                  id = module.ids.id
                }
                resource "terraform_data" "z" {}
                """);
        write("ids/main.tf", chain("k", "\"from-module\"") + """
                output "id" {
                  value = local.k200
                }
                """);
        eachSeed((h, seed) -> {
            Plan p = h.plan();
            assertEquals(List.of(), errors(p), "seed " + seed);
            assertEquals(1, p.imports());
            assertEquals("from-module", p.changes().get(0).importId(), "seed " + seed);
        });
    }

    @Test
    void dependsOnDefersReadsBehindPendingChanges() throws Exception {
        write("other.tfstate", """
                {"version":4,"terraform_version":"1.11.4","serial":1,"lineage":"3f1a2b4c-0000-0000-0000-000000000000",
                 "outputs":{"a":{"value":"v","type":"string"}},"resources":[],"check_results":null}
                """);
        write("main.tf", chain("l", "var.v") + """
                variable "v" {
                  default = "a"
                }
                resource "terraform_data" "late" {
                  input = local.l200
                }
                data "terraform_remote_state" "d" {
                  backend    = "local"
                  config     = { path = "other.tfstate" }
                  depends_on = [terraform_data.late]
                }
                module "m" {
                  source     = "./m"
                  depends_on = [terraform_data.late]
                }
                resource "terraform_data" "y" {
                  input = "fixed"
                  lifecycle {
                    replace_triggered_by = [terraform_data.late]
                  }
                }
                """);
        write("m/main.tf", """
                data "terraform_remote_state" "in" {
                  backend = "local"
                  config  = { path = "other.tfstate" }
                }
                """);
        eachSeed((h, seed) -> {
            Plan p = h.plan();
            assertEquals(List.of(), errors(p), "seed " + seed);
            assertEquals(Map.of("data.terraform_remote_state.d", "read read_because_dependency_pending",
                    "module.m.data.terraform_remote_state.in", "read read_because_dependency_pending",
                    "terraform_data.late", "create", "terraform_data.y", "create"), actions(p), "seed " + seed);
            h.apply(p);
            Plan changed = h.plan(env("v", "b"));
            assertEquals(Map.of("data.terraform_remote_state.d", "read read_because_dependency_pending",
                    "module.m.data.terraform_remote_state.in", "read read_because_dependency_pending",
                    "terraform_data.late", "update", "terraform_data.y", "delete,create replace_by_triggers"),
                    actions(changed), "seed " + seed);
            h.setState(io.capstan.engine.state.StateFile.empty());
        });
    }

    @Test
    void provisionersSeeWhatTheyReferTo() throws Exception {
        write("main.tf", chain("p", "var.v") + """
                variable "v" {
                  default = "from-chain"
                }
                resource "terraform_data" "x" {
                  provisioner "local-exec" {
                    command = "printf %s ${local.p200} > 'DIR/out.txt'"
                  }
                }
                """.replace("DIR", dir.toString()));
        eachSeed((h, seed) -> {
            Files.deleteIfExists(dir.resolve("out.txt"));
            ApplyResult r = h.apply(h.plan());
            assertEquals(List.of(), errors(r.diagnostics()));
            assertEquals("from-chain", Files.readString(dir.resolve("out.txt")), "seed " + seed);
        });
    }

    /**
     * Provider blocks are evaluated before the resources that use them, after what they refer to,
     * and (in a called module) in the module's instance: the real aws provider, offline, reports
     * the region it was configured with through {@code aws_region}.
     */
    @Test
    void providerBlocksWaitForTheirReferencesAndTheirModule() throws Exception {
        Path plugins = Path.of("/opt/tf-plugins");
        if (!Files.isDirectory(plugins.resolve("registry.terraform.io/hashicorp/aws"))) {
            System.out.println("SKIP: the aws provider mirror is not in /opt/tf-plugins");
            return;
        }
        String aws = """
                  access_key                  = "AKIAEXAMPLE"
                  secret_key                  = "dummy"
                  skip_credentials_validation = true
                  skip_requesting_account_id  = true
                  skip_metadata_api_check     = true
                """;
        write("main.tf", chain("r", "var.region") + """
                variable "region" {
                  default = "eu-west-1"
                }
                provider "aws" {
                  region = local.r200
                %s}
                data "aws_region" "root" {}
                module "a" {
                  source = "./a"
                }
                output "regions" {
                  value = [data.aws_region.root.name, module.a.region]
                }
                """.formatted(aws));
        write("a/main.tf", chain("a", "1") + """
                module "b" {
                  source = "./b"
                }
                output "region" {
                  value = module.b.region
                }
                """);
        write("a/b/main.tf", """
                provider "aws" {
                  region = "ap-south-1"
                %s}
                data "aws_region" "here" {}
                output "region" {
                  value = data.aws_region.here.name
                }
                """.formatted(aws));
        // one seed: each run starts the aws provider three times (about 1 min of CPU on a loaded box)
        LocalModules.install(dir);
        for (long seed : new long[] {SEEDS[0]}) {
            try (Providers providers = new Providers(new ProviderResolver(dir, List.of(plugins)))) {
                Plan plan = new Engine(dir, providers).chaos(new WalkChaos(seed, 200))
                        .plan(io.capstan.engine.state.StateFile.empty(), PlanOptions.defaults());
                assertEquals(List.of(), errors(plan), "seed " + seed);
                assertEquals(Value.tuple(List.of(Value.of("eu-west-1"), Value.of("ap-south-1"))),
                        plan.outputs().get("regions"), "seed " + seed);
            }
        }
    }
}
