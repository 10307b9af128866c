package io.capstan.provider.codec;

import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Type;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.NestedBlock;
import io.capstan.provider.schema.NestedType;
import io.capstan.provider.schema.Schema;
import io.capstan.provider.schema.TypeExpr;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The value-model type a schema implies (Terraform's {@code ImpliedType}): a block is an
 * object with one attribute per attribute and per nested block type; nested blocks become
 * an object (single, group), list, set or map of objects, except that list and map nesting
 * of a block containing {@code dynamic} becomes {@code dynamic}, because a list or map
 * could not hold elements of differing types. Protocol 6 nested attribute types map the
 * same way.
 */
public final class SchemaTypes {
    private SchemaTypes() {
    }

    public static ObjectType impliedType(Schema schema) {
        return impliedType(schema.block());
    }

    /**
     * Recently asked blocks' types, by identity (a block's own hash walks its whole schema): a plan asks for
     * the type of the same schema block once per instance. At most {@link #MEMO_ENTRIES}, since a resident
     * process reads new schemas run after run.
     */
    private static final Map<Block, ObjectType> IMPLIED = new IdentityHashMap<>();
    private static final int MEMO_ENTRIES = 4096;

    public static ObjectType impliedType(Block block) {
        synchronized (IMPLIED) {
            ObjectType t = IMPLIED.get(block);
            if (t != null) {
                return t;
            }
        }
        Map<String, Type> attrs = new TreeMap<>();
        // loops rather than lambdas: each lambda call site costs every CLI run its bootstrap (#6)
        for (var e : block.attributes().entrySet()) {
            attrs.put(e.getKey(), attributeType(e.getValue()));
        }
        for (var e : block.blockTypes().entrySet()) {
            attrs.put(e.getKey(), nestedBlockType(e.getValue()));
        }
        ObjectType t = Type.object(attrs);
        synchronized (IMPLIED) {
            if (IMPLIED.size() >= MEMO_ENTRIES) {
                IMPLIED.clear();
            }
            IMPLIED.put(block, t);
        }
        return t;
    }

    public static Type attributeType(Attribute a) {
        return a.type() != null ? type(a.type()) : nestedType(a.nestedType());
    }

    public static Type nestedBlockType(NestedBlock nb) {
        ObjectType element = impliedType(nb.block());
        return switch (nb.nesting()) {
            case SINGLE, GROUP -> element;
            case LIST -> element.isFullyKnown() ? Type.list(element) : Type.DYNAMIC;
            case SET -> Type.set(element);
            case MAP -> element.isFullyKnown() ? Type.map(element) : Type.DYNAMIC;
        };
    }

    public static Type nestedType(NestedType nt) {
        Map<String, Type> attrs = new TreeMap<>();
        for (var e : nt.attributes().entrySet()) {
            attrs.put(e.getKey(), attributeType(e.getValue()));
        }
        ObjectType element = Type.object(attrs);
        return switch (nt.nesting()) {
            case SINGLE, GROUP -> element;
            case LIST -> element.isFullyKnown() ? Type.list(element) : Type.DYNAMIC;
            case SET -> Type.set(element);
            case MAP -> element.isFullyKnown() ? Type.map(element) : Type.DYNAMIC;
        };
    }

    /** The value-model type of a schema type expression. */
    public static Type type(TypeExpr t) {
        if (t instanceof TypeExpr.Primitive p) {
            return switch (p.name()) {
                case "string" -> Type.STRING;
                case "number" -> Type.NUMBER;
                case "bool" -> Type.BOOL;
                default -> Type.DYNAMIC;
            };
        } else if (t instanceof TypeExpr.Collection c) {
            Type e = type(c.element());
            return switch (c.kind()) {
                case "list" -> Type.list(e);
                case "set" -> Type.set(e);
                default -> Type.map(e);
            };
        } else if (t instanceof TypeExpr.ObjectType o) {
            Map<String, Type> attrs = new LinkedHashMap<>();
            o.attributes().forEach((k, v) -> attrs.put(k, type(v)));
            return new ObjectType(attrs, o.optional());
        } else {
            return Type.tuple(((TypeExpr.Tuple) t).elements().stream().map(SchemaTypes::type).toList());
        }
    }
}
