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
        List<AttributeSchema> attrs = new ArrayList<>();
        // computed-only attributes are decoded too, as terraform's decoder spec has them: the
        // provider's validation rejects a value for one ("Value for unconfigurable attribute")
        for (Attribute a : schema.attributes().values()) {
            attrs.add(new AttributeSchema(a.name(), a.required()));
        }
        List<BlockHeaderSchema> blocks = new ArrayList<>();
        for (NestedBlock nb : schema.blockTypes().values()) {
            blocks.add(new BlockHeaderSchema(nb.typeName(), nb.nesting() == NestingMode.MAP ? List.of("key") : List.of()));
        }
        Result<BodyContent> content = body.content(new BodySchema(attrs, blocks));
        diags.addAll(content.diagnostics());
        BodyContent c = content.value();
        Map<String, Value> out = new LinkedHashMap<>();
        for (Attribute a : schema.attributes().values()) {
            Type t = SchemaTypes.attributeType(a);
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
