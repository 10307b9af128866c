package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code state pull} of a state another program wrote, as terraform 1.11.4 prints it: decoded and written again
 * in its encoding, whatever the stored layout (one line; other indentation; fields, resources and instances in
 * another order, an unknown field, an older {@code terraform_version}, output values with unsorted keys and
 * long numbers, an attribute with {@code <&>}, no {@code sensitive_attributes}, an empty {@code check_results}),
 * and a state already in that encoding printed as stored. From the local backend and from the http backend;
 * exit code, standard output (byte for byte) and standard error compared; skipped, with a printed reason, when
 * terraform is absent.
 */
class StatePullDifferentialTest {
    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Terraform's content, in an order and form terraform does not write. */
    private static final String FOREIGN = """
            {
                "lineage": "83734f45-cd1f-fd95-fa28-c3ef13bba017",
                "serial": 7,
                "version": 4,
                "terraform_version": "1.5.7",
                "written_by": "a script",
                "outputs": {
                    "o": {"type": ["object", {"b": "number", "a": "string"}], "value": {"b": 1.50, "a": "x<y"}},
                    "l": {"value": [1, 2.0, 1e3], "type": ["list", "number"]},
                    "s": {"sensitive": true, "value": "secret", "type": "string"}
                },
                "check_results": [],
                "resources": [
                    {"name": "b", "type": "terraform_data", "mode": "managed",
                     "provider": "provider[\\"terraform.io/builtin/terraform\\"]",
                     "instances": [
                        {"index_key": 1, "schema_version": 0, "attributes": {"id": "b1", "input": null}},
                        {"index_key": 0, "schema_version": 0, "attributes": {"input": "a<b&c>", "id": "b0"},
                         "sensitive_attributes": [], "dependencies": ["terraform_data.a"]}
                     ]},
                    {"mode": "managed", "type": "terraform_data", "name": "a",
                     "provider": "provider[\\"terraform.io/builtin/terraform\\"]",
                     "instances": [{"schema_version": 0, "status": "tainted", "attributes": {"id": "a"},
                                    "sensitive_attributes": [], "private": "bnVsbA=="}]},
                    {"module": "module.m", "mode": "managed", "type": "terraform_data", "name": "z",
                     "provider": "provider[\\"terraform.io/builtin/terraform\\"]",
                     "instances": [{"schema_version": 0, "attributes": {"id": "z"}, "sensitive_attributes": []}]}
                ]
            }
            """;

    @Test
    void localStatesInOtherEncodingsArePulledInTerraformsEncoding() throws Exception {
        Differential.terraform();
        JsonNode tree = JSON.readTree(FOREIGN);
        String compact = JSON.writeValueAsString(tree);
        String wide = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree); // "key" : value
        for (String[] c : List.of(new String[] {"as written", FOREIGN}, new String[] {"one line", compact},
                new String[] {"one line, no final newline", compact.strip()}, new String[] {"pretty-printed", wide})) {
            String tfOut = compareLocal(c[0], c[1]);
            assertThat(tfOut).as("terraform re-encodes").startsWith("{\n  \"version\": 4,\n  \"terraform_version\": \"1.11.4\"");
        }
        // what terraform printed is its own encoding: pulled again, unchanged, by either tool
        String canonical = compareLocal("one line", compact);
        assertThat(compareLocal("terraform's encoding", canonical.substring(0, canonical.length() - 1)))
                .isEqualTo(canonical);
        System.out.println("state pull: local states in 5 encodings printed as terraform prints them");
    }

    /** Both tools pull {@code stored} from a local state file; terraform's output. */
    private String compareLocal(String what, String stored) throws Exception {
        Differential.Streams tf = pull(what, stored, true);
        Differential.Streams cap = pull(what, stored, false);
        assertThat(cap.exit()).as(what + "\n" + cap.err()).isEqualTo(tf.exit()).isZero();
        assertThat(cap.out()).as(what + " (stdout)").isEqualTo(tf.out());
        assertThat(cap.err()).as(what + " (stderr)").isEqualTo(tf.err());
        return tf.out();
    }

    private Differential.Streams pull(String what, String stored, boolean terraform) throws Exception {
        Path dir = Files.createTempDirectory(tmp, terraform ? "tf" : "cap");
        Files.writeString(dir.resolve("main.tf"), "resource \"terraform_data\" \"a\" {\n}\n");
        Files.writeString(dir.resolve("terraform.tfstate"), stored);
        List<String> args = List.of("state", "pull");
        return terraform ? Differential.tfStreams(dir, args) : Differential.capStreams(dir, args);
    }

    @Test
    void aCompactStateOfTheHttpBackendIsPulledInTerraformsEncoding() throws Exception {
        Differential.terraform();
        byte[] compact = JSON.writeValueAsBytes(JSON.readTree(FOREIGN));
        try (HttpStateServer server = new HttpStateServer()) {
            server.states.put("/tf", compact);
            server.states.put("/cap", compact);
            Differential.Streams tf = pullHttp(server, "tf", true);
            Differential.Streams cap = pullHttp(server, "cap", false);
            assertThat(cap.exit()).as(cap.err()).isEqualTo(tf.exit()).isZero();
            assertThat(cap.out()).as("stdout").isEqualTo(tf.out());
            assertThat(cap.err()).as("stderr").isEqualTo(tf.err());
            assertThat(tf.out()).startsWith("{\n  \"version\": 4,\n");
            // pulling stores nothing
            assertThat(server.states.get("/cap")).isEqualTo(compact);
            assertThat(new String(server.states.get("/tf"), StandardCharsets.UTF_8))
                    .isEqualTo(new String(compact, StandardCharsets.UTF_8));
        }
    }

    private Differential.Streams pullHttp(HttpStateServer server, String key, boolean terraform) throws Exception {
        Path dir = Files.createTempDirectory(tmp, key);
        Files.writeString(dir.resolve("main.tf"), server.backend(key));
        List<String> init = List.of("init", "-input=false", "-no-color");
        Differential.Streams in = terraform ? Differential.tfStreams(dir, init) : Differential.capStreams(dir, init);
        assertThat(in.exit()).as(in.out() + in.err()).isZero();
        List<String> args = List.of("state", "pull");
        return terraform ? Differential.tfStreams(dir, args) : Differential.capStreams(dir, args);
    }
}
