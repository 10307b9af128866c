package io.capstan.provider.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capstan.hcl.value.Type;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.DescriptionKind;
import io.capstan.provider.schema.NestedBlock;
import io.capstan.provider.schema.NestedType;
import io.capstan.provider.schema.NestingMode;
import io.capstan.provider.schema.TypeExpr;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A schema's implied type, per nesting mode, for blocks and protocol 6 nested attributes. */
class SchemaTypesTest {
    private static final Block INNER = block(Map.of("name", Attribute.of("name", TypeExpr.STRING, true, false, false)), Map.of());
    private static final Type INNER_TYPE = Type.object(Map.of("name", Type.STRING));

    @ParameterizedTest
    @EnumSource(NestingMode.class)
    void nestedBlocksAndNestedAttributes(NestingMode mode) {
        Type expected = switch (mode) {
            case SINGLE, GROUP -> INNER_TYPE;
            case LIST -> Type.list(INNER_TYPE);
            case SET -> Type.set(INNER_TYPE);
            case MAP -> Type.map(INNER_TYPE);
        };
        Block b = block(Map.of("id", Attribute.of("id", TypeExpr.STRING, false, false, true)),
                Map.of("rule", new NestedBlock("rule", INNER, mode, 0, 0)));
        assertEquals(Type.object(Map.of("id", Type.STRING, "rule", expected)), SchemaTypes.impliedType(b));
        if (mode != NestingMode.GROUP) {
            Attribute nested = new Attribute("n", null, new NestedType(INNER.attributes(), mode), "", DescriptionKind.PLAIN,
                    false, true, false, false, false, false, "");
            assertEquals(expected, SchemaTypes.attributeType(nested));
        }
    }

    @ParameterizedTest
    @EnumSource(value = NestingMode.class, names = {"LIST", "MAP"})
    void listAndMapOfBlocksWithDynamicPartsAreDynamic(NestingMode mode) {
        Block dyn = block(Map.of("v", Attribute.of("v", TypeExpr.DYNAMIC, false, true, false)), Map.of());
        Block b = block(Map.of(), Map.of("d", new NestedBlock("d", dyn, mode, 0, 0)));
        assertEquals(Type.object(Map.of("d", Type.DYNAMIC)), SchemaTypes.impliedType(b));
    }

    private static Block block(Map<String, Attribute> attrs, Map<String, NestedBlock> blocks) {
        return new Block(attrs, blocks, "", DescriptionKind.PLAIN, false, "");
    }
}
