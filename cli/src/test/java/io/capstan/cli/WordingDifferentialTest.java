package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration errors worded and counted as terraform 1.11.4 words and counts them, compared with
 * the real {@code terraform} by {@code validate} and {@code plan}, human text and {@code -json}:
 * {@code count} values of the wrong type ("Incorrect value type"), fractional, out-of-range,
 * negative or null, on resources and module calls; module calls init has not installed, whose
 * source changed or whose directory is gone; a unit of evaluation (a block body, an expression)
 * that refers both to an undeclared resource and to an undeclared variable (only the resource);
 * type expressions with several errors (every one) or a syntax error (the parser's only); and
 * instance keys holding template sequences, quotes, backslashes, control characters and
 * non-ASCII text in plan output, {@code state list} and {@code -json} addresses. Skipped, with a
 * printed reason, when terraform is absent. Diagnostics are compared sorted where terraform's
 * concurrent walk does not fix their order.
 */
class WordingDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static final String MODULE = "variable \"x\" {}\noutput \"o\" {\n  value = var.x\n}\n";

    /** count = "x", true, [1], {a = 1}, null, -1, 1.5, 1e20, on resources, a data source and module calls. */
    @Test
    void countValuesOfTheWrongKindAreTerraforms() throws Exception {
        Path[] d = dirs(Map.of("main.tf", """
                resource "terraform_data" "a" {
                  count = "x"
                }
                resource "terraform_data" "b" {
                  count = true
                }
                resource "terraform_data" "c" {
                  count = [1]
                }
                resource "terraform_data" "d" {
                  count = null
                }
                resource "terraform_data" "e" {
                  count = -1
                }
                resource "terraform_data" "f" {
                  count = 1.5
                }
                resource "terraform_data" "g" {
                  count = 1e20
                }
                resource "terraform_data" "h" {
                  count = {a = 1}
                }
                resource "terraform_data" "u" {
                  count = length(terraform_data.x.output)
                }
                resource "terraform_data" "x" {
                }
                data "terraform_remote_state" "r" {
                  count   = false
                  backend = "local"
                }
                module "m" {
                  source = "./m"
                  count  = "y"
                  x      = 1
                }
                module "n" {
                  source   = "./m"
                  for_each = 3
                  x        = 1
                }
                """, "m/main.tf", MODULE));
        initBoth(d);
        List<String> expected = List.of("Error: Incorrect value type", "Invalid expression value: a number is required.",
                "Invalid expression value: number required.", "The given \"count\" argument value is null.",
                "must be greater than or equal\nto zero.", "value must be a whole number,\nbetween -9223372036854775808 "
                        + "and 9223372036854775807.");
        int n = sameBoth(d, "validate", expected);
        sameBoth(d, "plan", expected);
        System.out.println("count values (validate, plan): " + n + " diagnostics, human and -json equal to terraform's");
    }

    /** Module calls init has not installed (local, registry, git), a changed source, a removed directory. */
    @Test
    void modulesNotInstalledAreTerraforms() throws Exception {
        Path[] d = dirs(Map.of("main.tf", "module \"a\" {\n  source = \"./mod\"\n  x      = 1\n}\n",
                "mod/main.tf", MODULE, "other/main.tf", MODULE));
        initBoth(d);
        for (Path p : d) {
            Files.writeString(p.resolve("more.tf"), """
                    module "b" {
                      source = "./mod"
                      x      = 2
                    }
                    module "c" {
                      source  = "hashicorp/consul/aws"
                      version = "0.1.0"
                    }
                    module "d" {
                      source = "git::https://example.com/x.git"
                    }
                    """);
        }
        int n = sameBoth(d, "validate", List.of("Error: Module not installed", "This module is not yet installed."));
        sameBoth(d, "plan", List.of("Error: Module not installed"));
        for (Path p : d) {
            Files.delete(p.resolve("more.tf"));
            Files.writeString(p.resolve("main.tf"), "module \"a\" {\n  source = \"./other\"\n  x      = 1\n}\n");
        }
        sameBoth(d, "validate", List.of("Error: Module source has changed"));
        sameBoth(d, "plan", List.of("Error: Module source has changed"));
        for (Path p : d) {
            Files.writeString(p.resolve("main.tf"), "module \"a\" {\n  source = \"./mod\"\n  x      = 1\n}\n");
            Files.delete(p.resolve("mod/main.tf"));
            Files.delete(p.resolve("mod"));
        }
        sameBoth(d, "validate", List.of("This module's local cache directory mod could not be read."));
        sameBoth(d, "plan", List.of("Error: Module not installed"));
        System.out.println("modules not installed (validate, plan): " + n + " diagnostics and the changed source, "
                + "human and -json equal to terraform's");
    }

    /**
     * terraform checks a unit's references to resources and modules first and stops there; only
     * a unit without such errors has its undeclared variables and locals reported.
     */
    @Test
    void undeclaredResourcesHideUndeclaredVariablesOfTheSameUnit() throws Exception {
        Path[] d = dirs(Map.of("main.tf", """
                resource "terraform_data" "a" {
                  input            = terraform_data.nope.id
                  triggers_replace = [var.nope, local.nope]
                }
                resource "terraform_data" "b" {
                  count = length(var.missing)
                  input = terraform_data.gone.id
                }
                locals {
                  x = "${terraform_data.none.id}${var.none}"
                  y = [module.nomod.x, local.z]
                }
                output "o" {
                  value = [var.q, terraform_data.q.id]
                }
                resource "terraform_data" "c" {
                  input = var.only
                }
                """));
        initBoth(d);
        int n = sameBoth(d, "validate", List.of("Error: Reference to undeclared resource",
                "Error: Reference to undeclared module", "Error: Reference to undeclared input variable"));
        sameBoth(d, "plan", List.of("Error: Reference to undeclared resource"));
        assertThat(n).isEqualTo(7);
        System.out.println("undeclared references (validate, plan): " + n + " diagnostics, human and -json equal to "
                + "terraform's");
    }

    /**
     * terraform's static checks of a resource reference in an expression it evaluates: an attribute
     * of a resource with {@code count} or {@code for_each} read without a key, a key on a resource
     * with neither, the removed {@code .count}, and an attribute the type's schema lacks (with "Did
     * you mean"); references that stop at the resource, splats, dynamic keys, {@code depends_on}
     * and {@code replace_triggered_by} are not checked. Before, Capstan's validate said the
     * configuration was valid and its plan planned, then failed with HCL's wording.
     */
    @Test
    void resourceReferencesAreCheckedAgainstCountAndSchemaAsTerraformDoes() throws Exception {
        Path[] d = dirs(Map.of("main.tf", """
                resource "terraform_data" "c" {
                  count = 2
                  input = "x"
                }
                resource "terraform_data" "s" {
                  input = "x"
                }
                resource "terraform_data" "f" {
                  for_each = toset(["a"])
                  input    = each.key
                }
                resource "terraform_data" "d" {
                  input = [terraform_data.c.output, terraform_data.s[0].output, terraform_data.s.count,
                    terraform_data.s.inptu, terraform_data.s["input"], terraform_data.f.input,
                    terraform_data.c[0].count, terraform_data.c[1].nope]
                }
                resource "terraform_data" "ok" {
                  count = 2
                  input = [terraform_data.c[*].output, terraform_data.c[count.index].output,
                    length(terraform_data.c), terraform_data.f["a"].output, [for x in terraform_data.c : x.output],
                    terraform_data.c.*.id, values(terraform_data.f)[0].id, terraform_data.s.id]
                  depends_on = [terraform_data.c]
                  lifecycle {
                    replace_triggered_by = [terraform_data.c[0].output]
                  }
                }
                output "o" {
                  value = terraform_data.f.output
                }
                data "terraform_remote_state" "r" {
                  backend = "local"
                }
                output "p" {
                  value = data.terraform_remote_state.r.output
                }
                """));
        initBoth(d);
        List<String> expected = List.of("Error: Missing resource instance key", "Error: Unexpected resource instance key",
                "Error: Invalid resource count attribute", "Did you mean \"input\"?", "Did you mean \"outputs\"?");
        int n = sameBoth(d, "validate", expected);
        sameBoth(d, "plan", expected);
        assertThat(n).isEqualTo(10);
        System.out.println("resource references (validate, plan): " + n + " diagnostics, human and -json equal to "
                + "terraform's");
    }

    /** Every error of a type expression, with HCL's ranges; a syntax error is the parser's alone. */
    @Test
    void typeExpressionsReportEveryErrorAsTerraformDoes() throws Exception {
        Path[] d = dirs(Map.of("main.tf", """
                variable "a" {
                  type = object({x = foo, y = bar(string), "z" = string})
                }
                variable "b" {
                  type = tuple([strin, list, map(string, number)])
                }
                variable "c" {
                  type = object({p = optional(), q = optional(string, 1, 2), r = optional(number, "x")})
                }
                variable "d" {
                  type = any(string)
                }
                variable "e" {
                  type = string(1)
                }
                variable "f" {
                  type = object([string])
                }
                variable "g" {
                  type = tuple({a = string})
                }
                variable "h" {
                  type = optional(string)
                }
                variable "i" {
                  type = list()
                }
                variable "j" {
                  type = object({a = string, a = number, b = optional(list(x))})
                }
                variable "k" {
                  type = object
                }
                """));
        int n = sameBoth(d, "validate", List.of("Keyword \"bar\" is not a valid type constructor.",
                "Object constructor map keys must be attribute names.",
                "The map type constructor requires one argument specifying the element type.",
                "Optional attribute modifier requires the attribute type as its argument.",
                "Error: Invalid default value for optional attribute",
                "Type constraint keyword \"any\" does not expect arguments.",
                "Tuple type constructor requires a list of element types.",
                "Object constructor map keys must be unique."));
        assertThat(n).isEqualTo(18);
        sameBoth(d, "plan", List.of("Error: Invalid type specification"));
        for (Path p : d) {
            Files.writeString(p.resolve("main.tf"), "variable \"a\" {\n  type = map(string + )\n}\n");
        }
        sameText(d, "validate", List.of("Error: Invalid expression"));
        sameJson(d, "validate");
        System.out.println("type expressions (validate, plan): " + n + " diagnostics, and a syntax error's one, human "
                + "and -json equal to terraform's");
    }

    /** Keys with template sequences, quotes, backslashes, controls, odd spaces and non-ASCII text. */
    @Test
    void instanceKeysArePrintedAsTerraformPrintsThem() throws Exception {
        Path[] d = dirs(Map.of("main.tf", """
                resource "terraform_data" "k" {
                  for_each = toset([
                    "plain",
                    "dollar $${x} and %%{y}",
                    "lone $ and % and $x",
                    "quote \\" backslash \\\\ end",
                    "nl \\n tab \\t cr \\r",
                    "bell \\u0007 del \\u007f",
                    "nbsp \\u00a0 zwsp \\u200b",
                    "accents é ü 日本 😀",
                    "",
                  ])
                  input = each.key
                }
                """));
        initBoth(d);
        Differential.Run tf = Differential.tf(d[0], "plan", "-no-color");
        Differential.Run cap = Differential.cap(d[1], "plan", "-no-color");
        assertThat(tf.out()).contains("terraform_data.k[\"dollar $${x} and %%{y}\"]",
                "terraform_data.k[\"bell \\u0007 del \\u007f\"]", "terraform_data.k[\"nbsp \\u00a0 zwsp \\u200b\"]",
                "terraform_data.k[\"nl \\n tab \\t cr \\r\"]", "terraform_data.k[\"accents é ü 日本 😀\"]");
        // terraform runs with TF_IN_AUTOMATION here, which leaves out the note on -out after the rule
        int rule = cap.out().indexOf("\n\u2500");
        assertThat(rule < 0 ? cap.out() : cap.out().substring(0, rule)).isEqualTo(tf.out());
        assertThat(addresses(Differential.tfStdout(d[0], "plan", "-json").out()))
                .hasSize(9).isEqualTo(addresses(Differential.capStdout(d[1], "plan", "-json").out()));
        Differential.tfOk(d[0], "apply", "-auto-approve", "-no-color");
        Differential.capOk(d[1], "apply", "-auto-approve", "-no-color");
        String list = Differential.tfOk(d[0], "state", "list");
        assertThat(list.lines()).hasSize(9);
        assertThat(Differential.capOk(d[1], "state", "list")).isEqualTo(list);
        // each tool reads the other's quoting back as an address
        String key = "terraform_data.k[\"dollar $${x} and %%{y}\"]";
        assertThat(Differential.capOk(d[1], "state", "list", key)).isEqualTo(Differential.tfOk(d[0], "state", "list", key));
        System.out.println("instance keys (plan, plan -json, state list): 9 addresses equal to terraform's");
    }

    /** The planned changes' addresses of a {@code plan -json} stream, sorted. */
    private static List<String> addresses(String jsonl) throws IOException {
        return Differential.uiMessages(jsonl).stream().filter(m -> m.path("type").asText().equals("planned_change"))
                .map(m -> m.path("change").path("resource").path("addr").asText()).sorted().toList();
    }

    /**
     * {@code CMD -no-color} and {@code CMD -json} by terraform in {@code d[0]} and Capstan in
     * {@code d[1]}: both exit 1, terraform says each of {@code expected}, and Capstan's diagnostics
     * are terraform's (sorted). Returns how many there are.
     */
    private static int sameBoth(Path[] d, String cmd, List<String> expected) throws Exception {
        sameText(d, cmd, expected);
        return sameJson(d, cmd);
    }

    private static void sameText(Path[] d, String cmd, List<String> expected) throws Exception {
        Differential.Run tf = Differential.tf(d[0], cmd, "-no-color");
        Differential.Run cap = Differential.cap(d[1], cmd, "-no-color");
        assertThat(tf.exit()).as(tf.out()).isEqualTo(1);
        assertThat(tf.out()).contains(expected);
        assertThat(cap.exit()).as(cap.out()).isEqualTo(1);
        assertThat(blocks(cap.out())).isEqualTo(blocks(tf.out()));
    }

    private static int sameJson(Path[] d, String cmd) throws Exception {
        List<String> tf = Differential.jsonDiagnostics(Differential.tfStdout(d[0], cmd, "-json").out(), cmd)
                .stream().sorted().toList();
        List<String> cap = Differential.jsonDiagnostics(Differential.capStdout(d[1], cmd, "-json").out(), cmd)
                .stream().sorted().toList();
        assertThat(tf).isNotEmpty();
        assertThat(cap).isEqualTo(tf);
        return tf.size();
    }

    /** The output's diagnostics (and what precedes the first), sorted: terraform's walk fixes no order. */
    private static List<String> blocks(String out) {
        return Stream.of(out.split("\n(?=\nError: )")).sorted().toList();
    }

    /** The same files in {@code tmp/terraform} and {@code tmp/capstan}; aborts (SKIP) without terraform. */
    private Path[] dirs(Map<String, String> files) throws IOException {
        return Differential.sameFiles(tmp, files);
    }

    private static void initBoth(Path[] d) throws Exception {
        Differential.tfOk(d[0], "init", "-input=false", "-no-color");
        Differential.capOk(d[1], "init", "-input=false", "-no-color");
    }
}
