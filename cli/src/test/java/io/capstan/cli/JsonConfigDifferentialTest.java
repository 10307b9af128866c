package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Diagnostics in a {@code .tf.json} file as terraform 1.11.4 shows them, compared with the real
 * {@code terraform} (human {@code -no-color} text and {@code -json} diagnostics): the "in
 * resource.terraform_data.a.triggers_replace[1]" context (HCL's JSON navigation path: the object
 * keys and array indexes holding the diagnostic), and HCL's JSON body rules: at each block label
 * level and for the block itself an object or an array, {@code null} for no block, a body that is an
 * array of objects, {@code "//"} a comment only where arguments are read, "Missing block label",
 * each "Incorrect JSON value type" wording (reported twice where HCL reads a body twice), a block's
 * position (its object's brace, or the array's bracket), "Missing required argument" at the closing
 * brace, "Duplicate argument"/"Duplicate attribute definition", and "Did you mean" for a misspelt
 * argument. Skipped, with a printed reason, when terraform is absent.
 */
class JsonConfigDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Stream<Arguments> configurations() {
        return Stream.of(
                // contexts: resource, nested array element, output, locals, variable, module call
                Arguments.of("validate", "in resource.terraform_data.a.triggers_replace[1]:", """
                        {
                          "resource": {
                            "terraform_data": {
                              "a": {
                                "input": "${nope.x}",
                                "triggers_replace": ["plain", {"k": "${bad.ref}"}]
                              }
                            }
                          },
                          "output": {
                            "o": {"value": "${nope.y}"}
                          },
                          "locals": {
                            "l": "${undefined_thing}"
                          }
                        }
                        """),
                Arguments.of("validate", "in variable.v:", """
                        {
                          "variable": {
                            "v": {
                              "default": "x",
                              "type": "strin"
                            }
                          }
                        }
                        """),
                Arguments.of("plan", "in variable.v.validation:", """
                        {"variable": {"v": {"validation": {"condition": "${var.v != \\"\\"}"}}}}
                        """),
                Arguments.of("plan", "in resource.terraform_data.a:", """
                        {"resource": {"terraform_data": {"a": {"input": "${1 + \\"x\\"}"}}}}
                        """),
                Arguments.of("plan", "in resource.terraform_data.a.lifecycle.precondition:", """
                        {"resource": {"terraform_data": {"a": {"lifecycle": {"precondition": {
                          "condition": false, "error_message": "nope"}}}}}}
                        """),
                Arguments.of("plan", "in locals.x.y:", """
                        {"locals": {"x": {"y": ["${1 + true}"]}}}
                        """),
                Arguments.of("plan", "in check.c.assert:", """
                        {"check": {"c": {"assert": {"condition": "${1 == 2}", "error_message": "bad"}}}}
                        """),
                Arguments.of("plan", "Error: Invalid value for variable", """
                        {
                          "variable": {
                            "v": {
                              "default": "x",
                              "validation": {"condition": "${var.v == \\"y\\"}", "error_message": "must be y"}
                            }
                          }
                        }
                        """),
                // blocks given as arrays at every level, and null
                Arguments.of("validate", "Success!", """
                        {"resource": [{"terraform_data": {"a": {}}}, {"terraform_data": {"b": [null]}}],
                         "output": {"o": [{"value": 1}]},
                         "locals": [{"a": 1}, {"b": 2}]}
                        """),
                Arguments.of("validate", "Success!", """
                        {"resource": {"terraform_data": [{"a": {"lifecycle": null}}, {"b": {"lifecycle": [[
                          {"create_before_destroy": true}, {"prevent_destroy": false}]]}}]}}
                        """),
                Arguments.of("validate", "in resource[0].terraform_data:", """
                        {"resource": [{"terraform_data": {"b": [{"input": 1}, {"input": 2}]}}]}
                        """),
                Arguments.of("validate", "was already defined at main.tf.json:1,18-19", """
                        {"output": {"o": [{"value": 1}, {"value": 2}]}}
                        """),
                // wrong value types and missing labels
                Arguments.of("validate", "Error: Missing block label", """
                        {"resource": {"terraform_data": "x"}}
                        """),
                Arguments.of("validate", "Error: Missing block label", """
                        {"resource": {"terraform_data": null}}
                        """),
                Arguments.of("validate", "Error: Missing block label", """
                        {"resource": {"terraform_data": {}}}
                        """),
                Arguments.of("validate", "to specify name labels for this block.", """
                        {"resource": {"terraform_data": ["x"]}}
                        """),
                Arguments.of("validate", "to specify\nname labels for this block.", """
                        {"resource": {"//": "c", "terraform_data": {"a": {}}}}
                        """),
                Arguments.of("validate", "to define\narguments and child blocks.", """
                        {"resource": {"terraform_data": {"a": {"lifecycle": ["x"]}}}}
                        """),
                Arguments.of("validate", "in resource.terraform_data.a.lifecycle[0]:", """
                        {"resource": {"terraform_data": {"a": {"lifecycle": [[{"create_before_destroy": true}, "x"]]}}}}
                        """),
                Arguments.of("validate", "representing the contents\nof one or more \"locals\" blocks.", """
                        {"locals": "x"}
                        """),
                // arguments
                Arguments.of("validate", "was already set at main.tf.json:1,40-50.", """
                        {"resource": {"terraform_data": {"a": {"input": 1, "input": 2}}}}
                        """),
                Arguments.of("validate", "Error: Duplicate attribute definition", """
                        {"locals": {"a": 1, "a": 2}}
                        """),
                Arguments.of("validate", "Did you mean \"input\"?", """
                        {"//": "top", "resource": {"terraform_data": {"a": {"//": "c", "inptu": 1}}}}
                        """));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("configurations")
    void diagnosticsAreTerraforms(String command, String expected, String config) throws Exception {
        compare("main.tf.json", command, expected, config);
    }

    /**
     * A variable's {@code type} as terraform decodes it, in JSON (a keyword is reported at the
     * whole string, a call's parts one column to the left as HCL parses from the opening quote,
     * a string that is no call is "A type specification is either...") and in the native syntax
     * (Terraform 0.11's quoted constraints, the bare {@code list}/{@code map} shorthands).
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            main.tf.json | "strin"                                | is not a valid type specification.
            main.tf.json | "list(strin)"                          | is not a valid type specification.
            main.tf.json | "list(string"                          | A type specification is either
            main.tf.json | "${string}"                            | A type specification is either
            main.tf.json | "list"                                 | Success!
            main.tf.json | " map "                                | Success!
            main.tf.json | "object({a=optional(number,\\"x\\")})" | Invalid default value for optional attribute
            main.tf.json | "object({a=string, a=number})"         | Object constructor map keys must be unique.
            main.tf      | "string"                               | Remove the quotes around "string".
            main.tf      | "list"                                 | write list(string) instead
            main.tf      | "map"                                  | write map(string) instead
            main.tf      | "list(string)"                         | Error: Invalid legacy variable type hint
            main.tf      | list                                   | Success!
            main.tf      | map                                    | Success!
            main.tf      | object({a=optional(number,"x")})       | Invalid default value for optional attribute
            main.tf      | object({a=string, a=number})           | Object constructor map keys must be unique.
            """)
    void variableTypesAreTerraforms(String file, String type, String expected) throws Exception {
        compare(file, "validate", expected, file.endsWith(".json") ? "{\"variable\": {\"v\": {\"type\": " + type + "}}}\n"
                : "variable \"v\" {\n  type = " + type + "\n}\n");
    }

    private void compare(String file, String command, String expected, String config) throws Exception {
        Differential.terraform();
        Path t = Files.createDirectories(tmp.resolve("terraform"));
        Path c = Files.createDirectories(tmp.resolve("capstan"));
        Files.writeString(t.resolve(file), config);
        Files.writeString(c.resolve(file), config);
        String[] args = command.equals("plan") ? new String[] {"plan", "-input=false", "-no-color"}
                : new String[] {command, "-no-color"};
        Differential.Run tf = Differential.tf(t, args);
        Differential.Run cap = Differential.cap(c, args);
        assertThat(tf.out()).contains(expected);
        assertThat(cap.exit()).as(cap.out()).isEqualTo(tf.exit());
        // the validate walk finds the errors of different blocks concurrently: terraform's order is not fixed
        assertThat(blocks(cap.out())).as(cap.out()).containsExactlyInAnyOrderElementsOf(blocks(tf.out()));
        List<JsonNode> tfJson = jsonDiagnostics(t, command, true);
        List<JsonNode> capJson = jsonDiagnostics(c, command, false);
        assertThat(capJson).containsExactlyInAnyOrderElementsOf(tfJson);
        System.out.println(command + " " + expected.replace('\n', ' ') + ": " + tfJson.size()
                + " diagnostics, human and -json equal to terraform's");
    }

    private static List<String> blocks(String out) {
        return List.of(out.split("\n(?=\n(Error|Warning): )"));
    }

    /** The diagnostics of {@code validate -json}, or the diagnostic messages of a {@code plan -json} stream. */
    private static List<JsonNode> jsonDiagnostics(Path dir, String command, boolean terraform) throws Exception {
        String[] args = {command, "-input=false", "-json"};
        if (command.equals("validate")) {
            args = new String[] {"validate", "-json"};
        }
        Differential.Run r = terraform ? Differential.tfStdout(dir, args) : Differential.capStdout(dir, args);
        List<JsonNode> list = new ArrayList<>();
        if (command.equals("validate")) {
            JSON.readTree(r.out()).path("diagnostics").forEach(list::add);
        } else {
            for (JsonNode m : Differential.uiMessages(r.out())) {
                if (m.path("type").asText().equals("diagnostic")) {
                    list.add(m.path("diagnostic"));
                }
            }
        }
        return list;
    }
}
