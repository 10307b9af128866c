package io.capstan.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capstan.hcl.diag.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateCodecTest {

    static Path shared() {
        String root = System.getProperty("capstan.shared");
        Path p = root != null ? Path.of(root) : Path.of("../../shared");
        return Files.isDirectory(p) ? p : Path.of("/work/shared");
    }

    static byte[] sample() throws Exception {
        return Files.readAllBytes(shared().resolve("reference/terraform-internals/samples/terraform.tfstate"));
    }

    @Test
    void terraformsOwnStateRoundTripsByteForByte() throws Exception {
        byte[] original = sample();
        Result<StateFile> read = StateCodec.read(original);
        assertFalse(read.hasErrors(), read.diagnostics().toString());
        assertEquals(new String(original, StandardCharsets.UTF_8),
                new String(StateCodec.write(read.value()), StandardCharsets.UTF_8));
    }

    /**
     * terraform 1.11.4's state after a resource's only instance failed to be created (an inconsistent final plan):
     * the resource stays without instances, and Capstan's writer keeps it as read, byte for byte.
     */
    @Test
    void aResourceWithoutInstancesRoundTripsByteForByte() throws Exception {
        String husk = """
                {
                  "version": 4,
                  "terraform_version": "1.11.4",
                  "serial": 1,
                  "lineage": "1e0bc5a8-0153-312c-975e-ba9348ead0b7",
                  "outputs": {},
                  "resources": [
                    {
                      "mode": "managed",
                      "type": "terraform_data",
                      "name": "a",
                      "provider": "provider[\\"terraform.io/builtin/terraform\\"]",
                      "instances": []
                    }
                  ],
                  "check_results": null
                }
                """;
        Result<StateFile> read = StateCodec.read(husk.getBytes(StandardCharsets.UTF_8));
        assertFalse(read.hasErrors(), read.diagnostics().toString());
        assertEquals(husk, new String(StateCodec.write(read.value()), StandardCharsets.UTF_8));
        assertEquals(List.of(), read.value().instanceAddresses());
    }

    @Test
    void stateListFollowsTerraformsOrder() throws Exception {
        StateFile s = StateCodec.read(sample()).value();
        assertEquals(List.of("terraform_data.base", "terraform_data.counted[0]", "terraform_data.counted[1]",
                "terraform_data.each[\"a\"]", "terraform_data.each[\"b\"]"), s.instanceAddresses());
        assertEquals(6, s.serial());
        assertTrue(s.outputs().get("secret").sensitive());
        assertTrue(s.instance("terraform_data.counted[1]").createBeforeDestroy());
        assertNull(s.instance("terraform_data.counted[2]"));
    }

    @Test
    void resourcesAndInstancesAreWrittenInTerraformsOrderWhateverTheInputOrder() throws Exception {
        StateFile s = StateCodec.read(sample()).value();
        List<ResourceState> shuffled = new ArrayList<>();
        for (ResourceState r : s.resources()) {
            List<InstanceState> inst = new ArrayList<>(r.instances());
            Collections.reverse(inst);
            shuffled.add(r.withInstances(inst));
        }
        Collections.reverse(shuffled);
        StateFile reordered = new StateFile(s.terraformVersion(), s.serial(), s.lineage(), s.outputs(),
                shuffled, s.checkResults());
        assertEquals(new String(sample(), StandardCharsets.UTF_8),
                new String(StateCodec.write(reordered), StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "version 3 refused      | {\"version\": 3, \"serial\": 1}             | Unsupported state file format",
        "not json               | {\"version\": 4,                            | Failed to load state",
        "array at the top level | []                                         | Failed to load state",
    })
    void invalidStateIsADiagnosticNotAnException(String name, String json, String summary) {
        Result<StateFile> r = StateCodec.read(json.getBytes(StandardCharsets.UTF_8));
        assertTrue(r.hasErrors());
        assertEquals(summary, r.diagnostics().asList().get(0).summary());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "html characters | a<b>&c    | \"a\\u003cb\\u003e\\u0026c\"",
        "newline and tab | x\\ny     | \"x\\\\ny\"",
        "unicode kept    | café      | \"café\"",
    })
    void stringsAreEscapedAsGoEscapesThem(String name, String in, String expected) {
        assertEquals(expected, GoJson.quote(in));
    }

    @Test
    void emptyStateHasAFreshLineageAndNoResources() {
        StateFile a = StateFile.empty();
        StateFile b = StateFile.empty();
        assertFalse(a.lineage().equals(b.lineage()));
        assertTrue(a.isEmpty());
        String text = new String(StateCodec.write(a), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"outputs\": {},\n  \"resources\": [],\n  \"check_results\": null\n}\n"), text);
    }

    /** Text beyond ASCII is written as terraform writes it: raw UTF-8, bytes identical after a round trip. */
    @Test
    void nonAsciiAttributesRoundTripByteForByte() throws Exception {
        String original = new String(sample(), StandardCharsets.UTF_8)
                .replaceFirst("\"id\": \"[^\"]*\"", java.util.regex.Matcher.quoteReplacement(
                        "\"id\": \"caf\u00e9 \u65e5\u672c \\u2028 \\u003c\""));
        assertTrue(original.contains("caf\u00e9"), "the sample has an id to change");
        StateFile read = StateCodec.read(original.getBytes(StandardCharsets.UTF_8)).value();
        byte[] written = StateCodec.write(read);
        assertEquals(original, new String(written, StandardCharsets.UTF_8));
        assertEquals(original.getBytes(StandardCharsets.UTF_8).length, written.length);
    }
}
