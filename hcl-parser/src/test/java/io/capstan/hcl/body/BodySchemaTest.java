package io.capstan.hcl.body;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.json.JsonParser;
import io.capstan.hcl.parser.HclParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Schema-driven decoding of bodies, with HCL's diagnostics, for both syntaxes. */
class BodySchemaTest {
    private static final BodySchema RESOURCE = new BodySchema(
            List.of(new AttributeSchema("ami", true), new AttributeSchema("count", false)),
            List.of(new BlockHeaderSchema("lifecycle"), new BlockHeaderSchema("provisioner", "type")));

    private static Body parse(String src, boolean json) {
        byte[] b = src.getBytes(StandardCharsets.UTF_8);
        Result<File> r = json ? JsonParser.parse(b, "main.tf.json") : HclParser.parseConfig(b, "main.tf");
        assertThat(r.diagnostics().asList()).isEmpty();
        return r.value().body();
    }

    private static String summaries(Result<?> r) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : r.diagnostics()) {
            sb.append(sb.length() == 0 ? "" : "; ").append(d.summary()).append(" @").append(d.subject().start().line())
                    .append(':').append(d.subject().start().column());
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ami = "x"\\ncount = 2\\nlifecycle {\\n}\\nprovisioner "local-exec" {\\n}\\n | 
            count = 2\\n                                                           | Missing required argument @1:1
            ami = "x"\\nfoo = 1\\n                                                  | Unsupported argument @2:1
            ami = "x"\\ncont = 1\\n                                                 | Unsupported argument @2:1
            ami = "x"\\nlifecycle = 1\\n                                            | Unsupported argument @2:1; Unsupported argument @2:1
            ami = "x"\\nbogus {\\n}\\n                                              | Unsupported block type @2:1
            ami = "x"\\nprovisioner {\\n}\\n                                        | Missing type for provisioner @2:13
            ami = "x"\\nprovisioner "a" "b" {\\n}\\n                                | Extraneous label for provisioner @2:17
            ami = "x"\\nlifecycle "a" {\\n}\\n                                      | Extraneous label for lifecycle @2:11
            """)
    void nativeContent(String src, String expected) {
        Result<BodyContent> r = parse(src.replace("\\n", "\n"), false).content(RESOURCE);
        assertThat(summaries(r)).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void partialContentLeavesTheRestForALaterSchema(boolean json) {
        Body body = json ? parse("{\"ami\": \"x\", \"extra\": 1, \"lifecycle\": {}}", true)
                : parse("ami = \"x\"\nextra = 1\nlifecycle {\n}\n", false);
        Result<PartialContent> p = body.partialContent(RESOURCE);
        assertThat(p.diagnostics().asList()).isEmpty();
        assertThat(p.value().content().attributes()).containsOnlyKeys("ami");
        assertThat(p.value().content().blocks()).extracting(Block::type).containsExactly("lifecycle");
        Result<java.util.Map<String, Attribute>> rest = p.value().remain().justAttributes();
        assertThat(rest.value()).containsOnlyKeys("extra");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void blocksWithLabelsInBothSyntaxes(boolean json) {
        BodySchema top = new BodySchema(List.of(), List.of(new BlockHeaderSchema("resource", "type", "name")));
        Body body = json
                ? parse("{\"resource\": {\"aws_instance\": {\"web\": {\"ami\": \"x\"}, \"db\": [{\"ami\": \"y\"}]}}}", true)
                : parse("resource \"aws_instance\" \"web\" {\n  ami = \"x\"\n}\nresource aws_instance db {\n  ami = \"y\"\n}\n", false);
        Result<BodyContent> r = body.content(top);
        assertThat(r.diagnostics().asList()).isEmpty();
        assertThat(r.value().blocks()).extracting(b -> b.type() + " " + b.labels())
                .containsExactly("resource [aws_instance, web]", "resource [aws_instance, db]");
        Result<BodyContent> inner = r.value().blocks().get(1).body().content(RESOURCE);
        assertThat(inner.diagnostics().asList()).isEmpty();
        assertThat(inner.value().attributes().get("ami").expr().range().start().line()).isEqualTo(json ? 1 : 5);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void justAttributesRejectsBlocks(boolean json) {
        Body body = json ? parse("{\"a\": 1, \"b\": 2}", true) : parse("a = 1\nb = 2\nc {\n}\n", false);
        Result<java.util.Map<String, Attribute>> r = body.justAttributes();
        assertThat(r.value()).containsOnlyKeys("a", "b");
        assertThat(summaries(r)).isEqualTo(json ? "" : "Unexpected \"c\" block @3:1");
    }

    /** As HCL: a missing argument is reported at the body's closing brace (terraform shows it there too). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"ami": "x", "foo": 1}              | Extraneous JSON object property @1:14
            {"count": 1}                        | Missing required argument @1:12
            {"ami": "x", "ami": "y"}            | Duplicate argument @1:14
            {"ami": "x", "lifecycle": 3}        | Incorrect JSON value type @1:27
            {"//": "comment", "ami": "x"}       |
            """)
    void jsonContent(String src, String expected) {
        Result<BodyContent> r = parse(src, true).content(RESOURCE);
        assertThat(summaries(r)).isEqualTo(expected == null ? "" : expected);
    }
}
