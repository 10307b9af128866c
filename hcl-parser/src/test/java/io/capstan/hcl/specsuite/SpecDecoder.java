package io.capstan.hcl.specsuite;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.TemplateExpr;
import io.capstan.hcl.ast.TupleConsExpr;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.AttributeSchema;
import io.capstan.hcl.body.Block;
import io.capstan.hcl.body.BlockHeaderSchema;
import io.capstan.hcl.body.Body;
import io.capstan.hcl.body.BodyContent;
import io.capstan.hcl.body.BodySchema;
import io.capstan.hcl.body.SyntaxBody;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.eval.TypeExpressions;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes a body to a value as HCL's {@code hcldec} does, driven by a spec written in the
 * hcldec spec language: {@code object}, {@code attr}, {@code block}, {@code block_list},
 * {@code block_set}, {@code block_map} and {@code literal} (what the spec suite uses).
 * Attribute expressions are evaluated with the spec file's {@code variables}.
 */
final class SpecDecoder {
    private final EvalContext ctx;

    SpecDecoder(EvalContext ctx) {
        this.ctx = ctx;
    }

    /** Decodes {@code body} with the root {@code spec}. */
    Value decode(Block spec, Body body, Diagnostics diags) {
        if (spec.type().equals("literal")) {
            // A literal spec does not look at the body at all.
            return build(spec, null, diags);
        }
        BodyContent content = content(spec, body, diags);
        return build(spec, content, diags);
    }

    private BodyContent content(Block spec, Body body, Diagnostics diags) {
        List<AttributeSchema> attrs = new ArrayList<>();
        List<BlockHeaderSchema> blocks = new ArrayList<>();
        schema(spec, attrs, blocks);
        Result<BodyContent> r = body.content(new BodySchema(attrs, blocks));
        diags.addAll(r.diagnostics());
        return r.value();
    }

    private void schema(Block spec, List<AttributeSchema> attrs, List<BlockHeaderSchema> blocks) {
        switch (spec.type()) {
            case "object" -> children(spec).forEach(c -> schema(c, attrs, blocks));
            case "attr" -> attrs.add(new AttributeSchema(name(spec, "name"), bool(spec, "required")));
            case "block", "block_list", "block_set", "block_map" ->
                    blocks.add(new BlockHeaderSchema(name(spec, "block_type"), strings(spec, "labels")));
            default -> {
            }
        }
    }

    private Value build(Block spec, BodyContent content, Diagnostics diags) {
        switch (spec.type()) {
            case "object": {
                Map<String, Value> out = new LinkedHashMap<>();
                for (Block c : children(spec)) {
                    out.put(c.labels().get(0), build(c, content, diags));
                }
                return Value.object(out);
            }
            case "attr": {
                Type t = type(spec);
                Attribute a = content.attributes().get(name(spec, "name"));
                if (a == null) {
                    return Value.nullOf(t);
                }
                Value v = Evaluator.evaluate(a.expr(), ctx, diags);
                try {
                    return Convert.convert(v, t);
                } catch (ConversionException e) {
                    diags.add(Diagnostic.error("Incorrect attribute value type", "Inappropriate value for attribute \""
                            + a.name() + "\": " + e.describe() + ".", a.expr().range()));
                    return Value.unknown(t);
                }
            }
            case "literal":
                return Evaluator.evaluate(attr(spec, "value"), ctx, diags);
            case "block": {
                Block nested = children(spec).get(0);
                List<Block> found = matching(spec, content);
                if (found.isEmpty()) {
                    return Value.nullOf(impliedType(nested));
                }
                if (found.size() > 1) {
                    diags.add(Diagnostic.error("Duplicate " + name(spec, "block_type") + " block", "Only one "
                            + name(spec, "block_type") + " block is allowed.", found.get(1).defRange()));
                }
                return decode(nested, found.get(0).body(), diags);
            }
            case "block_list", "block_set": {
                Block nested = children(spec).get(0);
                List<Value> vals = new ArrayList<>();
                for (Block b : matching(spec, content)) {
                    vals.add(decode(nested, b.body(), diags));
                }
                Type et = impliedType(nested);
                return spec.type().equals("block_list") ? Value.list(et, vals) : Value.set(et, vals);
            }
            case "block_map": {
                Block nested = children(spec).get(0);
                int depth = strings(spec, "labels").size();
                Map<String, Object> tree = new TreeMap<>();
                for (Block b : matching(spec, content)) {
                    Map<String, Object> level = tree;
                    for (int i = 0; i < depth - 1; i++) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> next = (Map<String, Object>) level.computeIfAbsent(b.labels().get(i),
                                k -> new TreeMap<String, Object>());
                        level = next;
                    }
                    level.put(b.labels().get(depth - 1), decode(nested, b.body(), diags));
                }
                return toMap(tree, impliedType(nested), depth);
            }
            default:
                throw new IllegalArgumentException("unsupported spec " + spec.type());
        }
    }

    @SuppressWarnings("unchecked")
    private static Value toMap(Map<String, Object> tree, Type leaf, int depth) {
        Type t = leaf;
        for (int i = 1; i < depth; i++) {
            t = Type.map(t);
        }
        Map<String, Value> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            out.put(e.getKey(), e.getValue() instanceof Value v ? v : toMap((Map<String, Object>) e.getValue(), leaf, depth - 1));
        }
        return Value.map(t, out);
    }

    private Type impliedType(Block spec) {
        switch (spec.type()) {
            case "object": {
                Map<String, Type> m = new TreeMap<>();
                for (Block c : children(spec)) {
                    m.put(c.labels().get(0), impliedType(c));
                }
                return Type.object(m);
            }
            case "attr":
                return type(spec);
            case "literal":
                return Evaluator.evaluate(attr(spec, "value"), ctx).value().type();
            case "block":
                return impliedType(children(spec).get(0));
            case "block_list":
                return Type.list(impliedType(children(spec).get(0)));
            case "block_set":
                return Type.set(impliedType(children(spec).get(0)));
            case "block_map": {
                Type t = impliedType(children(spec).get(0));
                for (int i = 0; i < strings(spec, "labels").size(); i++) {
                    t = Type.map(t);
                }
                return t;
            }
            default:
                return Type.DYNAMIC;
        }
    }

    private static List<Block> matching(Block spec, BodyContent content) {
        String type = name(spec, "block_type");
        return content.blocks().stream().filter(b -> b.type().equals(type)).toList();
    }

    private static Type type(Block spec) {
        Expression e = attr(spec, "type");
        return e == null ? Type.DYNAMIC : TypeExpressions.typeConstraint(e).value().type();
    }

    static List<Block> children(Block spec) {
        return ((SyntaxBody) spec.body()).blocks();
    }

    private static Expression attr(Block spec, String name) {
        Attribute a = ((SyntaxBody) spec.body()).attribute(name);
        return a == null ? null : a.expr();
    }

    /** The block type or attribute name a spec refers to: its explicit argument, else its label. */
    private static String name(Block spec, String arg) {
        Expression e = attr(spec, arg);
        if (e instanceof TemplateExpr t && t.literalText() != null) {
            return t.literalText();
        }
        return spec.labels().isEmpty() ? "" : spec.labels().get(0);
    }

    private static boolean bool(Block spec, String arg) {
        Expression e = attr(spec, arg);
        return e != null && Evaluator.evaluate(e, EvalContext.empty()).value().isTrue();
    }

    private static List<String> strings(Block spec, String arg) {
        List<String> out = new ArrayList<>();
        if (attr(spec, arg) instanceof TupleConsExpr t) {
            for (Expression e : t.exprs()) {
                out.add(((TemplateExpr) e).literalText());
            }
        }
        return out;
    }
}
