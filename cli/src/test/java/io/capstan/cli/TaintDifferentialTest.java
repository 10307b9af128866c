package io.capstan.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The addresses of {@code taint} and {@code untaint} as terraform 1.11.4 reads them ({@code
 * addrs.ParseAbsResourceInstanceStr}: a target address's diagnostics "on  line 1", a module refused, a
 * resource without a key read as its instance without one) and the messages that name them (terraform's
 * printed form: {@code resource.x.y} as {@code x.y}, {@code x.y[ "k" ]} as {@code x.y["k"]}): bad syntax, an
 * index of the wrong type, a resource with several instances given no key, a data or ephemeral resource
 * (taint's plain "cannot be tainted" line, untaint's lookup), a module path, an instance with only a deposed
 * object, and {@code -allow-missing} with each. Both tools run on a copy of the same state; exit code, standard
 * output, standard error and the state left behind (each instance's status) compared; skipped, with a printed
 * reason, when terraform is absent.
 */
class TaintDifferentialTest {
    @TempDir
    Path tmp;

    private static final String PROVIDER = "\"provider\": \"provider[\\\"terraform.io/builtin/terraform\\\"]\"";

    private static final String STATE = """
            {
              "version": 4,
              "terraform_version": "1.11.4",
              "serial": 4,
              "lineage": "83734f45-cd1f-fd95-fa28-c3ef13bba017",
              "outputs": {},
              "resources": [
                %s,
                %s,
                %s,
                %s,
                %s,
                %s,
                %s,
                %s
              ],
              "check_results": null
            }
            """.formatted(
            resource("", "data", "terraform_remote_state", "d", instance("", "", "")),
            resource("", "managed", "terraform_data", "a", instance("", "", "")),
            resource("", "managed", "terraform_data", "b", instance("0", "", ""), instance("1", "", "")),
            resource("", "managed", "terraform_data", "dep", instance("", "", "deadbeef")),
            resource("", "managed", "terraform_data", "e", instance("\"x\"", "", ""), instance("\"y\"", "", "")),
            resource("", "managed", "terraform_data", "t", instance("", "tainted", "")),
            resource("module.k[\\\"a\\\"]", "managed", "terraform_data", "z", instance("", "", "")),
            resource("module.m", "managed", "terraform_data", "z", instance("", "tainted", "")));

    private static String resource(String module, String mode, String type, String name, String... instances) {
        return "{" + (module.isEmpty() ? "" : "\"module\": \"" + module + "\", ") + "\"mode\": \"" + mode
                + "\", \"type\": \"" + type + "\", \"name\": \"" + name + "\", " + PROVIDER + ", \"instances\": ["
                + String.join(", ", instances) + "]}";
    }

    private static String instance(String key, String status, String deposed) {
        return "{" + (key.isEmpty() ? "" : "\"index_key\": " + key + ", ")
                + (status.isEmpty() ? "" : "\"status\": \"" + status + "\", ")
                + (deposed.isEmpty() ? "" : "\"deposed\": \"" + deposed + "\", ")
                + "\"schema_version\": 0, \"attributes\": {\"id\": \"x\"}, \"sensitive_attributes\": []}";
    }


    @Test
    void taintReadsItsAddressAsTerraformDoes() throws Exception {
        compareAll(List.of(
                List.of("taint", "-no-color", "a..b"),
                List.of("taint", "a..b"),
                List.of("taint", "-no-color", "terraform_data.b"),
                List.of("taint", "-no-color", "data.terraform_remote_state.d"),
                List.of("taint", "data.terraform_remote_state.d"),
                List.of("taint", "-no-color", "module.m"),
                List.of("taint", "-no-color", "module.k[\"a\"]"),
                List.of("taint", "-no-color", "terraform_data.b[\"x\"]"),
                List.of("taint", "-no-color", "terraform_data.e[0]"),
                List.of("taint", "-no-color", "terraform_data.b[1.5]"),
                List.of("taint", "-no-color", "terraform_data.b[true]"),
                List.of("taint", "-no-color", "terraform_data.b[1].x"),
                List.of("taint", "-no-color", "module.m[1.5].x.y"),
                List.of("taint", "-no-color", "foo"),
                List.of("taint", "-no-color", "var.x"),
                List.of("taint", "-no-color", "resource.terraform_data.a"),
                List.of("taint", "-no-color", "ephemeral.x.y"),
                List.of("taint", "-no-color", "terraform_data.e[ \"x\" ]"),
                List.of("taint", "-no-color", "module.k[ \"a\" ].terraform_data.z"),
                List.of("taint", "-no-color", "module.m.terraform_data.z[0]"),
                List.of("taint", "-no-color", "terraform_data.dep"),
                List.of("taint", "-no-color", "terraform_data.zz"),
                List.of("taint", "-no-color", "terraform_data.b[1]")));
    }

    @Test
    void taintAllowMissingWithEachKindOfAddress() throws Exception {
        compareAll(List.of(
                List.of("taint", "-no-color", "-allow-missing", "a..b"),
                List.of("taint", "-no-color", "-allow-missing", "data.x.y"),
                List.of("taint", "-no-color", "-allow-missing", "terraform_data.b"),
                List.of("taint", "-no-color", "-allow-missing", "module.m"),
                List.of("taint", "-no-color", "-allow-missing", "terraform_data.dep"),
                List.of("taint", "-no-color", "-allow-missing", "resource.terraform_data.zz"),
                List.of("taint", "-no-color", "-allow-missing", "terraform_data.e[\"x\"]")));
    }

    @Test
    void untaintReadsItsAddressAsTerraformDoes() throws Exception {
        compareAll(List.of(
                List.of("untaint", "-no-color", "data.terraform_remote_state.d"),
                List.of("untaint", "-no-color", "terraform_data.a"),
                List.of("untaint", "-no-color", "resource.terraform_data.t"),
                List.of("untaint", "-no-color", "module.m"),
                List.of("untaint", "-no-color", "a..b"),
                List.of("untaint", "-no-color", "ephemeral.x.y"),
                List.of("untaint", "-no-color", "terraform_data.b[\"x\"]"),
                List.of("untaint", "-no-color", "terraform_data.dep"),
                List.of("untaint", "-no-color", "-allow-missing", "terraform_data.zz"),
                List.of("untaint", "-no-color", "-allow-missing", "module.m"),
                List.of("untaint", "-no-color", "module.m.terraform_data.z")));
    }

    private void compareAll(List<List<String>> cases) throws Exception {
        int n = Differential.compareStateCommands(tmp, "resource \"terraform_data\" \"a\" {\n}\n", STATE, cases,
                TaintDifferentialTest::instances);
        System.out.println("taint addresses: " + n + " runs equal to terraform's");
    }

    private static String instances(Path state) throws Exception {
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(state.toFile());
        List<String> found = new ArrayList<>();
        for (var r : root.path("resources")) {
            for (var i : r.path("instances")) {
                found.add(r.path("module").asText() + " " + r.path("mode").asText() + "." + r.path("type").asText()
                        + "." + r.path("name").asText() + "[" + i.path("index_key") + "] " + i.path("deposed").asText()
                        + " " + i.path("status").asText());
            }
        }
        found.sort(null);
        return String.join("\n", found);
    }
}
