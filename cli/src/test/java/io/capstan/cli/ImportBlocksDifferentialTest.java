package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Import blocks as terraform 1.11.4 checks them, each case compared with the real {@code terraform}
 * in {@code validate} and {@code plan}, human ({@code -no-color}) and {@code -json}, exit codes
 * included: when loading ("Invalid import address", the address's own errors, "Duplicate import
 * configuration" for each earlier block, an import block in a child module or an override file,
 * JSON syntax), as the graph is built (a module the configuration lacks), in the validate walk
 * (per resource, in file order, stopping at the resource's first error: an id referring to the
 * resource, a key that does not match how the resource expands, with or without {@code for_each}
 * on the block, configuration generation) and when planning (an instance the resource does not
 * have, a resource with no configuration). Diagnostics of one source position may come from
 * parallel nodes: their order is not compared; progress lines are compared as sets. Skipped, with
 * a printed reason, when terraform is absent.
 */
class ImportBlocksDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String BASE = """
            resource "terraform_data" "c" {
              count = 2
            }
            resource "terraform_data" "e" {
              for_each = toset(["x"])
            }
            resource "terraform_data" "s" {
            }
            """;

    private static final String MOD = """
            resource "terraform_data" "x" {
            }
            resource "terraform_data" "n" {
              count = 1
            }
            """;

    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        return Stream.of(
                base("string key on a count resource", """
                        import {
                          to = terraform_data.c["x"]
                          id = "i"
                        }"""),
                base("number key on a single resource", """
                        import {
                          to = terraform_data.s[0]
                          id = "i"
                        }"""),
                base("for_each keys into a count resource", """
                        import {
                          for_each = toset(["p","q"])
                          to = terraform_data.c[each.key]
                          id = each.key
                        }"""),
                base("id refers to the resource imported", """
                        import {
                          to = terraform_data.s
                          id = terraform_data.s.id
                        }"""),
                base("first error per resource, in file order", """
                        import {
                          to = terraform_data.e
                          id = "x"
                        }
                        import {
                          to = terraform_data.c[0]
                          id = ""
                        }
                        import {
                          to = terraform_data.c[1]
                          id = ""
                        }"""),
                base("no configuration for the target", """
                        import {
                          to = terraform_data.nope
                          id = "x"
                        }"""),
                base("three blocks into one address", """
                        import {
                          to = terraform_data.c[0]
                          id = "a"
                        }
                        import {
                          to = terraform_data.c[0]
                          id = "b"
                        }
                        import {
                          to = terraform_data.c[0]
                          id = "c"
                        }"""),
                base("data source target", """
                        import {
                          to = data.terraform_remote_state.x
                          id = "a"
                        }"""),
                base("keys against each expansion", """
                        import {
                          to = terraform_data.c
                          id = "a"
                        }
                        import {
                          to = terraform_data.s["k"]
                          id = "b"
                        }
                        import {
                          to = terraform_data.e[0]
                          id = "b"
                        }"""),
                base("configuration generation not possible", """
                        import {
                          to = terraform_data.nope[0]
                          id = "x"
                        }
                        import {
                          for_each = toset(["p"])
                          to = terraform_data.nope2[each.key]
                          id = "x"
                        }
                        import {
                          for_each = toset(["p"])
                          to = terraform_data.nope3
                          id = "x"
                        }"""),
                base("for_each key the resource lacks", """
                        import {
                          for_each = toset(["x", "y"])
                          to = terraform_data.e[each.key]
                          id = each.key
                        }"""),
                base("each.value as a count index", """
                        import {
                          for_each = {a = 0, b = 1}
                          to = terraform_data.c[each.value]
                          id = each.key
                        }
                        import {
                          for_each = toset(["x"])
                          to = terraform_data.s[each.key]
                          id = each.key
                        }"""),
                base("targets that are not managed resources", """
                        import {
                          to = local.x
                          id = "a"
                        }
                        import {
                          to = terraform_data
                          id = "a"
                        }
                        import {
                          to = module.m
                          id = "a"
                        }
                        import {
                          to = ephemeral.random_password.p
                          id = "a"
                        }
                        import {
                          to = var.v
                          id = "a"
                        }"""),
                base("ids referring to other resources and to the target's instances", """
                        import {
                          to = terraform_data.s
                          id = terraform_data.c[0].id
                        }
                        import {
                          to = terraform_data.c[1]
                          id = "${terraform_data.c[0].id}-x"
                        }"""),
                base("self reference stops the resource's later blocks", """
                        import {
                          to = terraform_data.c[0]
                          id = terraform_data.c[1].id
                        }
                        import {
                          to = terraform_data.c["k"]
                          id = "x"
                        }"""),
                base("static key the count lacks", """
                        import {
                          to = terraform_data.c[5]
                          id = "five"
                        }
                        import {
                          to = terraform_data.s
                          id = "s"
                        }"""),
                base("for_each over a variable", """
                        variable "keys" {
                          type    = set(string)
                          default = ["x", "z"]
                        }
                        import {
                          for_each = var.keys
                          to = terraform_data.e[each.key]
                          id = each.key
                        }"""),
                base("every self reference of an id", """
                        import {
                          for_each = toset(["x"])
                          to = terraform_data.e[each.key]
                          id = terraform_data.e["x"].id
                        }
                        import {
                          to = terraform_data.c[0]
                          id = "${terraform_data.c[1].id}${terraform_data.c[0].id}"
                        }"""),
                files("duplicates across files", Map.of("b.tf", """
                        resource "terraform_data" "s" {
                        }
                        import {
                          to = terraform_data.s
                          id = "b1"
                        }
                        """, "a.tf", """
                        import {
                          to = terraform_data.s
                          id = "a1"
                        }
                        import {
                          to = terraform_data.s
                          id = "a2"
                        }
                        """)),
                files("import block in an override file", Map.of("main.tf", BASE + """
                        import {
                          to = terraform_data.s
                          id = "a"
                        }
                        """, "main_override.tf", """
                        import {
                          to = terraform_data.s
                          id = "b"
                        }
                        """)),
                files("JSON syntax", Map.of("main.tf", BASE, "imp.tf.json", """
                        {
                          "import": [
                            {"to": "terraform_data.c[\\"k\\"]", "id": "a"},
                            {"to": "data.terraform_remote_state.r", "id": "b"},
                            {"to": "terraform_data.s", "id": "c"},
                            {"to": "terraform_data.s", "id": "d"},
                            {"to": 5, "id": "e"}
                          ]
                        }
                        """)),
                files("JSON syntax with for_each", Map.of("main.tf", BASE, "imp.tf.json", """
                        {
                          "import": [
                            {"for_each": "${toset([\\"x\\"])}", "to": "terraform_data.e[each.key]", "id": "${each.key}"},
                            {"to": "terraform_data.c[1]", "id": "c1"}
                          ]
                        }
                        """)),
                module("into a module's resources", """
                        module "m" {
                          source = "./mod"
                        }
                        import {
                          to = module.m.terraform_data.x
                          id = "a"
                        }
                        import {
                          to = module.m.terraform_data.n[0]
                          id = "b"
                        }"""),
                module("keys against a module resource's expansion", """
                        module "m" {
                          source = "./mod"
                        }
                        import {
                          to = module.m.terraform_data.x[0]
                          id = "a"
                        }
                        import {
                          to = module.m.terraform_data.n
                          id = "b"
                        }"""),
                module("a module resource that is not configured", """
                        module "m" {
                          source = "./mod"
                        }
                        import {
                          to = module.m.terraform_data.nope
                          id = "a"
                        }
                        import {
                          to = module.m.terraform_data.x
                          id = "b"
                        }"""),
                module("a module that is not configured", """
                        module "m" {
                          source = "./mod"
                        }
                        import {
                          to = module.nope.terraform_data.x
                          id = "a"
                        }
                        import {
                          to = terraform_data.s[0]
                          id = "a"
                        }"""),
                module("duplicates in a module", """
                        module "m" {
                          source = "./mod"
                        }
                        import {
                          to = module.m.terraform_data.x
                          id = "a"
                        }
                        import {
                          to = module.m.terraform_data.x
                          id = "b"
                        }"""),
                module("module instances with for_each keys", """
                        module "m" {
                          source = "./mod"
                          for_each = toset(["a", "b"])
                        }
                        import {
                          to = module.m["a"].terraform_data.x
                          id = "a"
                        }
                        import {
                          for_each = toset(["a", "b"])
                          to = module.m[each.key].terraform_data.n[0]
                          id = each.key
                        }"""),
                module("duplicates of one module instance", """
                        module "m" {
                          source = "./mod"
                          for_each = toset(["a", "b"])
                        }
                        import {
                          to = module.m["a"].terraform_data.x
                          id = "a"
                        }
                        import {
                          to = module.m["b"].terraform_data.x
                          id = "b"
                        }
                        import {
                          to = module.m["a"].terraform_data.x
                          id = "a2"
                        }"""),
                module("a module instance that does not exist", """
                        module "m" {
                          source = "./mod"
                          for_each = toset(["a", "b"])
                        }
                        import {
                          to = module.m["z"].terraform_data.x
                          id = "z"
                        }"""),
                files("identity is not an argument in 1.11", Map.of("main.tf", """
                        resource "terraform_data" "s" {
                        }
                        import {
                          to = terraform_data.s
                          identity = {
                            id = "x"
                          }
                        }
                        """)),
                Arguments.of("import block in a child module", Map.of("main.tf", """
                        module "m" {
                          source = "./mod"
                        }
                        """, "mod/main.tf", MOD + """
                        import {
                          to = terraform_data.x
                          id = "a"
                        }
                        """)));
    }

    private static Arguments base(String name, String imports) {
        return Arguments.of(name, Map.of("main.tf", BASE + imports + "\n"));
    }

    private static Arguments files(String name, Map<String, String> files) {
        return Arguments.of(name, files);
    }

    private static Arguments module(String name, String main) {
        return Arguments.of(name, Map.of("main.tf", main + "\n", "mod/main.tf", MOD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validateAndPlanAsTerraform(String name, Map<String, String> files) throws Exception {
        Differential.terraform();
        Path t = tmp.resolve("terraform");
        Path c = tmp.resolve("capstan");
        for (Path dir : List.of(t, c)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.createDirectories(dir.resolve(f.getKey()).getParent());
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
        }
        // init reads the configuration too: both fail or both succeed (modules are installed)
        Differential.Run ti = Differential.tf(t, "init", "-input=false", "-no-color");
        Differential.Run ci = Differential.cap(c, "init", "-input=false", "-no-color");
        assertThat(ci.exit()).as("init:\n" + ci.out() + "\nterraform:\n" + ti.out()).isEqualTo(ti.exit());

        Differential.Run tv = Differential.tf(t, "validate", "-no-color");
        Differential.Run cv = Differential.cap(c, "validate", "-no-color");
        assertThat(cv.exit()).as(cv.out()).isEqualTo(tv.exit());
        assertThat(canonical(cv.out())).isEqualTo(canonical(tv.out()));

        JsonNode tvj = JSON.readTree(Differential.tfStdout(t, "validate", "-json").out());
        JsonNode cvj = JSON.readTree(Differential.capStdout(c, "validate", "-json").out());
        assertThat(sortedDiagnostics(cvj)).isEqualTo(sortedDiagnostics(tvj));
        assertThat(cvj.path("valid")).isEqualTo(tvj.path("valid"));
        assertThat(cvj.path("error_count")).isEqualTo(tvj.path("error_count"));

        Differential.Run tp = Differential.tf(t, "plan", "-input=false", "-no-color");
        Differential.Run cp = Differential.cap(c, "plan", "-input=false", "-no-color");
        assertThat(cp.exit()).as(cp.out()).isEqualTo(tp.exit());
        assertThat(canonical(withoutProgress(cp.out()))).isEqualTo(canonical(withoutProgress(tp.out())));
        assertThat(progress(cp.out())).isEqualTo(progress(tp.out()));

        Differential.Run tpj = Differential.tf(t, "plan", "-input=false", "-json");
        Differential.Run cpj = Differential.cap(c, "plan", "-input=false", "-json");
        assertThat(cpj.exit()).as(cpj.out()).isEqualTo(tpj.exit());
        assertThat(jsonStream(cpj.out())).isEqualTo(jsonStream(tpj.out()));
    }

    /**
     * Diagnostics of one source position in the order of their text: parallel nodes may report them
     * in either order (terraform sorts by position only, stably).
     */
    static String canonical(String out) {
        String[] parts = out.split("\n(?=\n(?:Error|Warning): )", -1);
        List<String> result = new ArrayList<>();
        List<String> group = new ArrayList<>();
        String groupKey = null;
        for (String p : parts) {
            String key = location(p);
            if (key == null || !key.equals(groupKey)) {
                flush(group, result);
                groupKey = key;
            }
            group.add(p);
        }
        flush(group, result);
        return String.join("\n", result);
    }

    private static void flush(List<String> group, List<String> out) {
        group.sort(null);
        out.addAll(group);
        group.clear();
    }

    /** The "on FILE line N" line of a diagnostic block (null when it has none or is not one). */
    private static String location(String block) {
        if (!block.startsWith("\nError: ") && !block.startsWith("\nWarning: ")) {
            return null;
        }
        for (String line : block.split("\n")) {
            if (line.startsWith("  on ")) {
                return line;
            }
        }
        return "";
    }

    private static boolean isProgress(String line) {
        return line.matches("^\\S.*: (Preparing import\\.\\.\\.|Refreshing state\\.\\.\\.) .*");
    }

    /** Without progress lines, up to the rule before the -out note (which terraform leaves out under TF_IN_AUTOMATION). */
    private static String withoutProgress(String out) {
        int rule = out.indexOf("\n─");
        String plan = rule < 0 ? out : out.substring(0, rule);
        return String.join("\n", plan.lines().filter(l -> !isProgress(l)).toList());
    }

    private static List<String> progress(String out) {
        return out.lines().filter(ImportBlocksDifferentialTest::isProgress).sorted().toList();
    }

    private static List<String> sortedDiagnostics(JsonNode doc) {
        List<String> out = new ArrayList<>();
        doc.path("diagnostics").forEach(d -> out.add(d.toString()));
        out.sort(null);
        return out;
    }

    /**
     * A {@code -json} stream: the messages in order, except hooks (refresh, import progress),
     * planned changes and diagnostics, which parallel nodes send in any order: those as sorted lists.
     */
    private static Map<String, List<String>> jsonStream(String out) throws Exception {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        List<String> ordered = new ArrayList<>();
        List<String> hooks = new ArrayList<>();
        List<String> diags = new ArrayList<>();
        for (ObjectNode n : Differential.uiMessages(out)) {
            String type = n.path("type").asText();
            if (type.equals("diagnostic")) {
                diags.add(n.toString());
            } else if (n.has("hook") || type.equals("planned_change")) {
                hooks.add(n.toString());
            } else {
                ordered.add(n.toString());
            }
        }
        hooks.sort(null);
        diags.sort(null);
        parts.put("messages", ordered);
        parts.put("hooks", hooks);
        parts.put("diagnostics", diags);
        return parts;
    }
}
