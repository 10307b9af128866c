package io.capstan.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The addresses of {@code state rm} and {@code state mv} against a state, as terraform 1.11.4 reads them:
 * each a target address (its traversal's and its target's problems as sourceless diagnostics "on  line 1",
 * sorted by where they are, all of them), read after the state; {@code state rm} takes what each address
 * matches (duplicates too) and fails only when none matched anything ("Would have removed nothing." with
 * {@code -dry-run}). Both tools run on a copy of the same state file; exit code, standard output, standard
 * error and the state left behind (its resources) compared; skipped, with a printed reason, when terraform is
 * absent.
 */
class StateAddressesDifferentialTest {
    @TempDir
    Path tmp;

    private static final String STATE = """
            {
              "version": 4,
              "terraform_version": "1.11.4",
              "serial": 4,
              "lineage": "83734f45-cd1f-fd95-fa28-c3ef13bba017",
              "outputs": {},
              "resources": [
                %s,
                %s
              ],
              "check_results": null
            }
            """.formatted(resource("a", "", "403d2771-9955-0019-1cfa-02f2971d779e"),
            resource("b", "0,1", "51e3b3d2-37ec-e5e8-9566-a8fa9861b73f"));

    private static String resource(String name, String keys, String id) {
        List<String> instances = new ArrayList<>();
        for (String k : keys.isEmpty() ? new String[] {""} : keys.split(",")) {
            instances.add("{" + (k.isEmpty() ? "" : "\"index_key\": " + k + ", ") + "\"schema_version\": 0, "
                    + "\"attributes\": {\"id\": \"" + id + k + "\", \"input\": null, \"output\": null, "
                    + "\"triggers_replace\": null}, \"sensitive_attributes\": []}");
        }
        return "{\"mode\": \"managed\", \"type\": \"terraform_data\", \"name\": \"" + name + "\", "
                + "\"provider\": \"provider[\\\"terraform.io/builtin/terraform\\\"]\", \"instances\": ["
                + String.join(", ", instances) + "]}";
    }


    @Test
    void stateRmReadsItsAddressesAsTerraformDoes() throws Exception {
        List<List<String>> cases = List.of(
                List.of("state", "rm", "-dry-run", "a..b"),
                List.of("state", "rm", "-no-color", "terraform_data.a", "-dry-run"),
                List.of("state", "rm", "-no-color", "-dry-run", "a.b[1.5]", "module.x[1.5]", "foo", "var.x", "a.b.c",
                        "a.b.c.d", "module", "module.a.b", "a[0].b", "data.x", "a.b[true]"),
                List.of("state", "rm", "-no-color", "-dry-run", "terraform_data.zz"),
                List.of("state", "rm", "-no-color", "-dry-run", "terraform_data.zz", "terraform_data.a"),
                List.of("state", "rm", "-no-color", "-dry-run", "terraform_data.b", "terraform_data.b[0]"),
                List.of("state", "rm", "-no-color", "-dry-run", "resource.terraform_data.a", "module.a",
                        "ephemeral.x.y"),
                List.of("state", "rm", "-no-color", "terraform_data.zz", "terraform_data.b[0]"),
                List.of("state", "rm", "-no-color", "terraform_data.b", "terraform_data.b[1]"),
                List.of("state", "rm", "-no-color", "terraform_data.zz"), List.of("state", "rm", "terraform_data.zz"),
                List.of("state", "rm", "-no-color", "terraform_data.a", "x..y"));
        compareAll(cases);
    }

    @Test
    void stateMvReadsItsAddressesAsTerraformDoes() throws Exception {
        List<List<String>> cases = List.of(
                List.of("state", "mv", "-dry-run", "a..b", "terraform_data.c"),
                List.of("state", "mv", "-no-color", "-dry-run", "terraform_data.a", "var.x"),
                List.of("state", "mv", "-no-color", "a.b.c.d", "module"),
                List.of("state", "mv", "-no-color", "-dry-run", "terraform_data.a", "terraform_data.c"),
                List.of("state", "mv", "-no-color", "terraform_data.b[1]", "terraform_data.c"));
        compareAll(cases);
    }

    private void compareAll(List<List<String>> cases) throws Exception {
        int n = Differential.compareStateCommands(tmp, "resource \"terraform_data\" \"a\" {\n}\n", STATE, cases,
                StateAddressesDifferentialTest::resources);
        System.out.println("state addresses: " + n + " runs equal to terraform's");
    }

    private static String resources(Path state) throws Exception {
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(state.toFile());
        List<String> found = new ArrayList<>();
        for (var r : root.path("resources")) {
            for (var i : r.path("instances")) {
                found.add(r.path("type").asText() + "." + r.path("name").asText() + "[" + i.path("index_key") + "]="
                        + i.path("attributes").path("id").asText());
            }
        }
        return String.join("\n", found);
    }
}
