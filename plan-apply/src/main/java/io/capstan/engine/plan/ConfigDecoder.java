package io.capstan.engine.plan;

import io.capstan.hcl.body.AttributeSchema;
import io.capstan.hcl.body.BlockHeaderSchema;
import io.capstan.hcl.body.Body;
import io.capstan.hcl.body.BodyContent;
import io.capstan.hcl.body.BodySchema;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.NestedBlock;
import io.capstan.provider.schema.NestingMode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decodes a resource's configuration body into the object value its provider schema implies:
 * each argument evaluated and converted to the attribute's type, absent ones null, nested
 * blocks collected per their nesting mode. The scope comes from a function so that each nested
 * body's expressions get a context naming only what they refer to.
 */
public final class ConfigDecoder {
    private ConfigDecoder() {
    }

    public static Value decode(Body body, Block schema, Function<io.capstan.hcl.ast.Expression, EvalContext> scope,
                               Diagnostics diags) {
        Shape shape = shape(schema);
        Result<BodyContent> content = content(body, shape.bodySchema());
        diags.addAll(content.diagnostics());
        BodyContent c = content.value();
        Map<String, Value> out = new LinkedHashMap<>();
        int i = 0;
        for (Attribute a : schema.attributes().values()) {
            Type t = shape.attributeTypes()[i++];
            io.capstan.hcl.body.Attribute given = c == null ? null : c.attributes().get(a.name());
            if (given == null) {
                out.put(a.name(), Value.nullOf(t));
                continue;
            }
            Diagnostics d = new Diagnostics();
            Value v = Evaluator.evaluate(given.expr(), scope.apply(given.expr()), d);
            diags.addAll(d);
            if (d.hasErrors() || v == null) {
                v = Value.unknown(t);
            }
            try {
                v = Convert.convert(v, t);
            } catch (ConversionException e) {
                diags.add(Diagnostic.error("Incorrect attribute value type", "Inappropriate value for attribute \""
                        + a.name() + "\": " + e.describe() + ".", given.expr().range()));
                v = Value.unknown(t);
            }
            out.put(a.name(), v);
        }
        for (NestedBlock nb : schema.blockTypes().values()) {
            List<io.capstan.hcl.body.Block> found = new ArrayList<>();
            if (c != null) {
                for (io.capstan.hcl.body.Block b : c.blocks()) {
                    if (b.type().equals(nb.typeName())) {
                        found.add(b);
                    }
                }
            }
            out.put(nb.typeName(), nested(nb, found, scope, diags));
        }
        return Value.object(out);
    }

    /**
     * What decoding against one schema block needs: the body schema and each attribute's type. A plan decodes
     * every instance of a resource (and its validation the resource once more) against the same block of the
     * provider's schema, so this is worked out once per block object.
     */
    private record Shape(BodySchema bodySchema, Type[] attributeTypes) {
    }

    /** Recent schema blocks' shapes, by identity (a block's own hash walks its whole schema). */
    private static final Map<Block, Shape> SHAPES = new IdentityHashMap<>();

    /**
     * The content of recently decoded bodies, by identity, each with the body schema it was decoded against.
     * Splitting a body by a schema reads only its syntax (its expressions are evaluated afterwards, per
     * instance), so the same body and schema give the same content and the same diagnostics every time.
     */
    private static final Map<Body, Object[]> CONTENTS = new IdentityHashMap<>();

    /** Entries each memo keeps at most: a resident process decodes new schemas and bodies run after run. */
    private static final int MEMO_ENTRIES = 4096;

    private static Shape shape(Block schema) {
        synchronized (SHAPES) {
            Shape s = SHAPES.get(schema);
            if (s != null) {
                return s;
            }
        }
        List<AttributeSchema> attrs = new ArrayList<>();
        Type[] types = new Type[schema.attributes().size()];
        int i = 0;
        // computed-only attributes are decoded too, as terraform's decoder spec has them: the
        // provider's validation rejects a value for one ("Value for unconfigurable attribute")
        for (Attribute a : schema.attributes().values()) {
            attrs.add(new AttributeSchema(a.name(), a.required()));
            types[i++] = SchemaTypes.attributeType(a);
        }
        List<BlockHeaderSchema> blocks = new ArrayList<>();
        for (NestedBlock nb : schema.blockTypes().values()) {
            blocks.add(new BlockHeaderSchema(nb.typeName(), nb.nesting() == NestingMode.MAP ? List.of("key") : List.of()));
        }
        Shape s = new Shape(new BodySchema(attrs, blocks), types);
        synchronized (SHAPES) {
            if (SHAPES.size() >= MEMO_ENTRIES) {
                SHAPES.clear();
            }
            SHAPES.put(schema, s);
        }
        return s;
    }

    private static Result<BodyContent> content(Body body, BodySchema schema) {
        synchronized (CONTENTS) {
            Object[] kept = CONTENTS.get(body);
            if (kept != null && kept[0] == schema) {
                @SuppressWarnings("unchecked")
                Result<BodyContent> r = (Result<BodyContent>) kept[1];
                return r;
            }
        }
        Result<BodyContent> r = body.content(schema);
        synchronized (CONTENTS) {
            if (CONTENTS.size() >= MEMO_ENTRIES) {
                CONTENTS.clear();
            }
            CONTENTS.put(body, new Object[] {schema, r});
        }
        return r;
    }

    private static Value nested(NestedBlock nb, List<io.capstan.hcl.body.Block> found,
                                Function<io.capstan.hcl.ast.Expression, EvalContext> scope, Diagnostics diags) {
        Type t = SchemaTypes.nestedBlockType(nb);
        Type elem = SchemaTypes.impliedType(nb.block());
        switch (nb.nesting()) {
            case SINGLE, GROUP -> {
                if (found.isEmpty()) {
                    return nb.nesting() == NestingMode.GROUP ? Value.nullOf(t) : Value.nullOf(t);
                }
                return decode(found.get(0).body(), nb.block(), scope, diags);
            }
            case MAP -> {
                Map<String, Value> m = new LinkedHashMap<>();
                for (io.capstan.hcl.body.Block b : found) {
                    m.put(b.labels().get(0), decode(b.body(), nb.block(), scope, diags));
                }
                return Value.map(elem, m);
            }
            case SET -> {
                List<Value> vs = new ArrayList<>();
                for (io.capstan.hcl.body.Block b : found) {
                    vs.add(decode(b.body(), nb.block(), scope, diags));
                }
                return Value.set(elem, vs);
            }
            default -> {
                List<Value> vs = new ArrayList<>();
                for (io.capstan.hcl.body.Block b : found) {
                    vs.add(decode(b.body(), nb.block(), scope, diags));
                }
                return Value.list(elem, vs);
            }
        }
    }
}
