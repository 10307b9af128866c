package io.capstan.provider.sdk;

import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Type;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.DescriptionKind;
import io.capstan.provider.schema.NestedBlock;
import io.capstan.provider.schema.TypeExpr;
import io.capstan.hcl.value.TypeJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of a schema as an author declares it: attributes and nested block types, in
 * declaration order, plus a description. {@link #toBlock()} gives the protocol's schema
 * block and {@link #impliedType()} the object type its values have.
 */
public record BlockSpec(List<AttributeSpec> attributes, List<NestedBlockSpec> blocks, String description) {
    public BlockSpec {
        attributes = List.copyOf(attributes);
        blocks = List.copyOf(blocks);
        description = description == null ? "" : description;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (AttributeSpec a : attributes) {
            if (!seen.add(a.name())) {
                throw new IllegalArgumentException("duplicate attribute \"" + a.name() + "\"");
            }
        }
        for (NestedBlockSpec b : blocks) {
            if (!seen.add(b.typeName())) {
                throw new IllegalArgumentException("duplicate attribute or block \"" + b.typeName() + "\"");
            }
        }
    }

    public static BlockSpec of(AttributeSpec... attributes) {
        return new BlockSpec(List.of(attributes), List.of(), "");
    }

    public BlockSpec withBlocks(NestedBlockSpec... more) {
        List<NestedBlockSpec> all = new ArrayList<>(blocks);
        all.addAll(List.of(more));
        return new BlockSpec(attributes, all, description);
    }

    public BlockSpec describedAs(String text) {
        return new BlockSpec(attributes, blocks, text);
    }

    public Optional<AttributeSpec> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The protocol schema block this declaration stands for. */
    public Block toBlock() {
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        for (AttributeSpec a : attributes) {
            attrs.put(a.name(), new Attribute(a.name(), typeExpr(a.type()), null, a.description(),
                    DescriptionKind.PLAIN, a.isRequired(), a.isOptional(), a.isComputed(), a.isSensitive(),
                    false, false, ""));
        }
        Map<String, NestedBlock> nested = new LinkedHashMap<>();
        for (NestedBlockSpec b : blocks) {
            nested.put(b.typeName(), new NestedBlock(b.typeName(), b.block().toBlock(), b.nesting(),
                    b.minItems(), b.maxItems()));
        }
        return new Block(attrs, nested, description, DescriptionKind.PLAIN, false, "");
    }

    public ObjectType impliedType() {
        return SchemaTypes.impliedType(toBlock());
    }

    static TypeExpr typeExpr(Type t) {
        return TypeExpr.parse(TypeJson.toJsonString(t).getBytes(StandardCharsets.UTF_8));
    }
}
