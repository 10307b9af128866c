package io.capstan.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.DescriptionKind;
import io.capstan.provider.schema.NestedBlock;
import io.capstan.provider.schema.NestingMode;
import io.capstan.provider.schema.TypeExpr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sensitive paths as state v4's {@code sensitive_attributes} writes them (formats from terraform 1.11's state). */
class SensitivityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Value S = Value.of("s").mark(Mark.SENSITIVE);

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void pathsAreListedChildrenFirstInAttributeAndIndexOrder() throws Exception {
        Value input = Value.object(Map.of(
                "plain", Value.of("p"),
                "hidden", S,
                "list", Value.tuple(List.of(Value.of("a"), S)),
                "m", Value.map(Type.STRING, Map.of("k", S))));
        Value v = Value.object(Map.of("input", input.mark(Mark.SENSITIVE), "id", Value.of("x")));
        assertThat(Sensitivity.paths(v)).isEqualTo(json("["
                + "[{'type':'get_attr','value':'input'},{'type':'get_attr','value':'hidden'}],"
                + "[{'type':'get_attr','value':'input'},{'type':'get_attr','value':'list'},"
                + "{'type':'index','value':{'value':1,'type':'number'}}],"
                + "[{'type':'get_attr','value':'input'},{'type':'get_attr','value':'m'},"
                + "{'type':'index','value':{'value':'k','type':'string'}}],"
                + "[{'type':'get_attr','value':'input'}]]"));
    }

    @Test
    void marksPutBackAtRecordedPathsRoundTripAndMissingPathsAreDropped() throws Exception {
        Value plain = Value.object(Map.of(
                "a", Value.tuple(List.of(Value.of("x"), Value.of("y"))),
                "b", Value.nullOf(Type.STRING),
                "c", Value.unknown(Type.STRING)));
        JsonNode paths = json("[[{'type':'get_attr','value':'a'},{'type':'index','value':{'value':1,'type':'number'}}],"
                + "[{'type':'get_attr','value':'b'}],"
                + "[{'type':'get_attr','value':'gone'}],"
                + "[{'type':'get_attr','value':'b'},{'type':'get_attr','value':'deeper'}]]");
        Value marked = Sensitivity.mark(plain, paths);
        assertThat(marked.attr("a").elements().get(1).isSensitive()).isTrue();
        assertThat(marked.attr("a").elements().get(0).isSensitive()).isFalse();
        assertThat(marked.attr("b").isSensitive()).as("a null value keeps its mark").isTrue();
        assertThat(Sensitivity.paths(marked)).hasSize(2);
        assertThat(Sensitivity.paths(Sensitivity.copyMarks(plain, marked))).isEqualTo(Sensitivity.paths(marked));
        assertThat(marked.unmarkDeep().value()).isEqualTo(plain);
    }

    @Test
    void schemaMarksSensitiveAttributesAlsoNullOnesAndInsideNestedBlocks() {
        Attribute secret = new Attribute("secret", TypeExpr.STRING, null, "", DescriptionKind.PLAIN, false, true, true,
                true, false, false, "");
        Map<String, Attribute> inner = new LinkedHashMap<>();
        inner.put("secret", secret);
        inner.put("name", Attribute.of("name", TypeExpr.STRING, false, true, false));
        Block nested = new Block(inner, Map.of(), "", DescriptionKind.PLAIN, false, "");
        Block top = new Block(Map.of("secret", secret, "id", Attribute.of("id", TypeExpr.STRING, false, false, true)),
                Map.of("rule", new NestedBlock("rule", nested, NestingMode.LIST, 0, 0)), "", DescriptionKind.PLAIN,
                false, "");
        Value rule = Value.object(Map.of("secret", Value.of("r"), "name", Value.of("n")));
        Value v = Value.object(Map.of(
                "secret", Value.nullOf(Type.STRING),
                "id", Value.of("x"),
                "rule", Value.list(rule.type(), List.of(rule, rule))));
        Value marked = Sensitivity.markSchema(v, top);
        assertThat(marked.attr("secret").isSensitive()).isTrue();
        assertThat(marked.attr("id").isSensitive()).isFalse();
        assertThat(marked.attr("rule").elements()).allSatisfy(r -> {
            assertThat(r.attr("secret").isSensitive()).isTrue();
            assertThat(r.attr("name").isSensitive()).isFalse();
        });
        assertThat(Sensitivity.paths(marked)).hasSize(3);
    }

    @Test
    void samePathsIgnoresOrder() throws Exception {
        JsonNode a = json("[[{'type':'get_attr','value':'a'}],[{'type':'get_attr','value':'b'}]]");
        JsonNode b = json("[[{'type':'get_attr','value':'b'}],[{'type':'get_attr','value':'a'}]]");
        assertThat(Sensitivity.samePaths(a, b)).isTrue();
        assertThat(Sensitivity.samePaths(a, json("[[{'type':'get_attr','value':'a'}]]"))).isFalse();
    }
}
