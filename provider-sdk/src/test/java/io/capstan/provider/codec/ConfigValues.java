package io.capstan.provider.codec;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.NestedBlock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds a block's configuration value the way Terraform decodes a body: unset attributes null, absent blocks empty. */
final class ConfigValues {
    private ConfigValues() {
    }

    static Value of(Block block, Map<String, Value> set) {
        Map<String, Value> attrs = new TreeMap<>();
        block.attributes().forEach((name, a) ->
                attrs.put(name, set.getOrDefault(name, Value.nullOf(SchemaTypes.attributeType(a)))));
        block.blockTypes().forEach((name, nb) -> attrs.put(name, absentBlock(nb)));
        return Value.object(attrs);
    }

    private static Value absentBlock(NestedBlock nb) {
        Type t = SchemaTypes.nestedBlockType(nb);
        return switch (nb.nesting()) {
            case SINGLE -> Value.nullOf(t);
            case GROUP -> of(nb.block(), Map.of());
            case LIST -> t == Type.DYNAMIC ? Value.EMPTY_TUPLE : Value.list(t.elementType(), List.of());
            case SET -> Value.set(t.elementType(), List.of());
            case MAP -> t == Type.DYNAMIC ? Value.EMPTY_OBJECT : Value.map(t.elementType(), Map.of());
        };
    }
}
