package io.capstan.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.provider.codec.SchemaTypes;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.DescriptionKind;
import io.capstan.provider.schema.NestedBlock;
import io.capstan.provider.schema.NestingMode;
import io.capstan.provider.schema.Schema;
import io.capstan.provider.schema.TypeExpr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated block for one imported object, against the text terraform's genconfig writes
 * for it (the layout checked with {@code terraform fmt}, which lays out as hclwrite's Format):
 * sorted arguments, read-only, deprecated and the helper {@code id} left out, an optional empty
 * string as null, sensitive values hidden, a JSON string as {@code jsonencode}, template
 * introducers doubled, nested blocks per element; and the file with terraform's comments.
 */
class GeneratedConfigTest {
    private static Attribute attr(String name, TypeExpr type, boolean required, boolean optional, boolean computed,
                                  boolean sensitive, boolean deprecated) {
        return new Attribute(name, type, null, "", DescriptionKind.PLAIN, required, optional, computed, sensitive,
                deprecated, false, "");
    }

    private static Block block(List<Attribute> attrs, Map<String, NestedBlock> blocks) {
        Map<String, Attribute> m = new LinkedHashMap<>();
        attrs.forEach(a -> m.put(a.name(), a));
        return new Block(m, blocks, "", DescriptionKind.PLAIN, false, "");
    }

    @Test
    void writesTheBlockTerraformWrites() {
        Block rule = block(List.of(attr("port", TypeExpr.NUMBER, true, false, false, false, false),
                attr("cidr", new TypeExpr.Collection("list", TypeExpr.STRING), false, true, false, false, false)),
                Map.of());
        Block settings = block(List.of(attr("enabled", TypeExpr.BOOL, false, true, false, false, false)), Map.of());
        Map<String, NestedBlock> nested = new LinkedHashMap<>();
        nested.put("settings", new NestedBlock("settings", settings, NestingMode.SINGLE, 0, 0));
        nested.put("rule", new NestedBlock("rule", rule, NestingMode.LIST, 0, 0));
        Block schema = block(List.of(
                attr("tags", new TypeExpr.Collection("map", TypeExpr.STRING), false, true, false, false, false),
                attr("name", TypeExpr.STRING, true, false, false, false, false),
                attr("id", TypeExpr.STRING, false, true, true, false, false),
                attr("arn", TypeExpr.STRING, false, false, true, false, false),
                attr("old", TypeExpr.STRING, false, true, false, false, true),
                attr("password", TypeExpr.STRING, false, true, false, true, false),
                attr("policy", TypeExpr.STRING, false, true, false, false, false),
                attr("note", TypeExpr.STRING, false, true, false, false, false),
                attr("empty", TypeExpr.STRING, false, true, false, false, false)), nested);
        var type = SchemaTypes.impliedType(new Schema(0, schema));
        Type ruleType = ((io.capstan.hcl.value.ListType) type.attribute("rule")).element();
        Value rules = Value.list(ruleType, List.of(
                Value.object(Map.of("port", Value.of(80), "cidr", Value.list(Type.STRING,
                        List.of(Value.of("10.0.0.0/8"), Value.of("10.1.0.0/16"))))),
                Value.object(Map.of("port", Value.of(443), "cidr", Value.list(Type.STRING, List.of())))));
        Value state = Value.object(Map.ofEntries(
                Map.entry("tags", Value.map(Type.STRING, Map.of("a", Value.of("1"), "b c", Value.of("2")))),
                Map.entry("name", Value.of("n")),
                Map.entry("id", Value.of("i-1")),
                Map.entry("arn", Value.of("arn:x")),
                Map.entry("old", Value.of("legacy")),
                Map.entry("password", Value.of("hunter2")),
                Map.entry("policy", Value.of("{\"b\":[1,2.5],\"a\":\"x\"}")),
                Map.entry("note", Value.of("a${x}\n\"q\"")),
                Map.entry("empty", Value.of("")),
                Map.entry("settings", Value.object(Map.of("enabled", Value.TRUE))),
                Map.entry("rule", rules)));
        Diagnostics diags = new Diagnostics();
        String contents = GeneratedConfig.contents("example_thing.a", "example_thing", schema, "example", null, state,
                diags);
        assertThat(diags.asList()).isEmpty();
        assertThat(contents).isEqualTo("""
                empty    = null
                name     = "n"
                note     = "a$${x}\\n\\"q\\""
                password = null # sensitive
                policy = jsonencode({
                  a = "x"
                  b = [1, 2.5]
                })
                tags = {
                  a     = "1"
                  "b c" = "2"
                }
                rule {
                  cidr = ["10.0.0.0/8", "10.1.0.0/16"]
                  port = 80
                }
                rule {
                  cidr = []
                  port = 443
                }
                settings {
                  enabled = true
                }
                """);
        assertThat(GeneratedConfig.wrap("example_thing", "a", GeneratedConfig.contents("example_thing.a",
                "example_thing", block(List.of(attr("name", TypeExpr.STRING, true, false, false, false, false)),
                        Map.of()), "other", "x", Value.object(Map.of("name", Value.of("n"))), diags)))
                .isEqualTo("resource \"example_thing\" \"a\" {\n  provider = other.x\n  name     = \"n\"\n}");
    }

    @Test
    void writesTheFileWithTerraformsCommentsOnlyWhenSomethingWasGenerated(@TempDir Path dir) throws Exception {
        Value v = Value.object(Map.of());
        ResourceChange plain = new ResourceChange(io.capstan.graph.addrs.ModuleInstance.ROOT,
                io.capstan.graph.addrs.Resource.managed("x_y", "a"), io.capstan.graph.addrs.InstanceKey.NONE,
                Action.NO_OP, v, v, v.type(), null, List.of(), "provider", List.of(), false, null);
        Diagnostics diags = new Diagnostics();
        assertThat(GeneratedConfig.write(dir.resolve("gen.tf"), "gen.tf", List.of(plain), diags)).isFalse();
        assertThat(dir.resolve("gen.tf")).doesNotExist();
        ResourceChange gen = new ResourceChange(plain.module(), plain.resource(), plain.key(), Action.NO_OP, v, v,
                v.type(), null, List.of(), "provider", List.of(), false, "id \"1\"", null,
                "resource \"x_y\" \"a\" {\n}");
        assertThat(GeneratedConfig.write(dir.resolve("gen.tf"), "gen.tf", List.of(plain, gen, gen), diags)).isTrue();
        assertThat(Files.readString(dir.resolve("gen.tf"))).isEqualTo("""
                # __generated__ by Terraform
                # Please review these resources and move them into your main configuration files.

                # __generated__ by Terraform from "id \\"1\\""
                resource "x_y" "a" {
                }

                # __generated__ by Terraform from "id \\"1\\""
                resource "x_y" "a" {
                }
                """);
        assertThat(GeneratedConfig.write(dir.resolve("gen.tf"), "gen.tf", List.of(gen), diags)).isFalse();
        assertThat(diags.asList()).extracting(d -> d.summary()).containsExactly("Target generated file already exists");
    }
}
