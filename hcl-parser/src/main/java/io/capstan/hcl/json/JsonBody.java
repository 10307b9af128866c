package io.capstan.hcl.json;

import io.capstan.hcl.ast.JsonExpression;
import io.capstan.hcl.ast.JsonValue;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.AttributeSchema;
import io.capstan.hcl.body.Block;
import io.capstan.hcl.body.BlockHeaderSchema;
import io.capstan.hcl.body.Body;
import io.capstan.hcl.body.BodyContent;
import io.capstan.hcl.body.BodySchema;
import io.capstan.hcl.body.PartialContent;
import io.capstan.hcl.body.Suggestions;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.Severity;
import io.capstan.hcl.diag.SourceRange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A body in the JSON syntax: a JSON object whose properties become arguments or blocks
 * depending on the schema (HCL's json body). A property named "//" is a comment.
 * Block labels are nested object keys; a block's content may be an object or an array
 * of objects (several blocks).
 */
public final class JsonBody implements Body {
    private final JsonValue.Obj obj;
    private final Set<String> hidden;

    public JsonBody(JsonValue.Obj obj) {
        this(obj, Set.of());
    }

    private JsonBody(JsonValue.Obj obj, Set<String> hidden) {
        this.obj = Objects.requireNonNull(obj, "obj");
        this.hidden = hidden;
    }

    public JsonValue.Obj object() {
        return obj;
    }

    @Override
    public SourceRange missingItemRange() {
        return obj.openRange();
    }

    @Override
    public Result<BodyContent> content(BodySchema schema) {
        return decode(schema, false).map(PartialContent::content);
    }

    @Override
    public Result<PartialContent> partialContent(BodySchema schema) {
        return decode(schema, true);
    }

    private Result<PartialContent> decode(BodySchema schema, boolean partial) {
        Diagnostics diags = new Diagnostics();
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        List<Block> blocks = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        for (AttributeSchema a : schema.attributes()) {
            wanted.add(a.name());
        }
        for (BlockHeaderSchema b : schema.blocks()) {
            wanted.add(b.type());
        }
        for (JsonValue.Prop p : obj.props()) {
            String name = p.name();
            if (name.equals("//") || hidden.contains(name)) {
                continue;
            }
            AttributeSchema as = find(schema.attributes(), name);
            BlockHeaderSchema bs = findBlock(schema.blocks(), name);
            if (as != null) {
                Attribute prev = attrs.get(name);
                if (prev != null) {
                    diags.add(Diagnostic.error("Duplicate argument", "The argument \"" + name + "\" was already set at "
                            + prev.nameRange() + ". Each argument may be set only once.", p.nameRange()));
                    continue;
                }
                attrs.put(name, new Attribute(name, new JsonExpression(p.value()),
                        SourceRange.between(p.nameRange(), p.value().range()), p.nameRange()));
            } else if (bs != null) {
                unpackBlock(p.value(), bs, name, p.nameRange(), new ArrayList<>(), new ArrayList<>(), blocks, diags);
            } else if (!partial) {
                List<String> options = new ArrayList<>(wanted);
                String s = Suggestions.nameSuggestion(name, options);
                diags.add(new Diagnostic(Severity.ERROR, "Extraneous JSON object property", "No argument or block type is "
                        + "named \"" + name + "\"." + (s != null ? " Did you mean \"" + s + "\"?" : ""), p.nameRange(),
                        SourceRange.between(p.nameRange(), p.value().range())));
            }
        }
        for (AttributeSchema a : schema.attributes()) {
            if (a.required() && !attrs.containsKey(a.name())) {
                diags.add(Diagnostic.error("Missing required argument",
                        "The argument \"" + a.name() + "\" is required, but no definition was found.", missingItemRange()));
            }
        }
        Set<String> newHidden = new HashSet<>(hidden);
        newHidden.addAll(wanted);
        BodyContent content = new BodyContent(attrs, blocks, missingItemRange());
        return new Result<>(new PartialContent(content, new JsonBody(obj, Set.copyOf(newHidden))), diags);
    }

    private void unpackBlock(JsonValue v, BlockHeaderSchema bs, String type, SourceRange typeRange, List<String> labels,
                             List<SourceRange> labelRanges, List<Block> out, Diagnostics diags) {
        if (labels.size() < bs.labelNames().size()) {
            if (!(v instanceof JsonValue.Obj o)) {
                diags.add(Diagnostic.error("Incorrect JSON value type", "A JSON object is required, whose keys represent "
                        + "the " + type + " block's " + bs.labelNames().get(labels.size()) + ".", v.range()));
                return;
            }
            for (JsonValue.Prop p : o.props()) {
                if (p.name().equals("//")) {
                    continue;
                }
                List<String> l = new ArrayList<>(labels);
                l.add(p.name());
                List<SourceRange> lr = new ArrayList<>(labelRanges);
                lr.add(p.nameRange());
                unpackBlock(p.value(), bs, type, typeRange, l, lr, out, diags);
            }
            return;
        }
        if (v instanceof JsonValue.Obj o) {
            out.add(new Block(type, labels, new JsonBody(o), typeRange, labelRanges, o.openRange(), endOf(o.range())));
        } else if (v instanceof JsonValue.Arr a) {
            for (JsonValue item : a.items()) {
                if (item instanceof JsonValue.Obj o) {
                    out.add(new Block(type, labels, new JsonBody(o), typeRange, labelRanges, o.openRange(), endOf(o.range())));
                } else {
                    diags.add(Diagnostic.error("Incorrect JSON value type", "A JSON object is required, representing the "
                            + "contents of a \"" + type + "\" block.", item.range()));
                }
            }
        } else {
            diags.add(Diagnostic.error("Incorrect JSON value type", "Either a JSON object or a JSON array is required, "
                    + "representing the contents of one or more \"" + type + "\" blocks.", v.range()));
        }
    }

    private static SourceRange endOf(SourceRange r) {
        io.capstan.hcl.diag.Pos e = r.end();
        io.capstan.hcl.diag.Pos s = new io.capstan.hcl.diag.Pos(e.line(), Math.max(1, e.column() - 1),
                Math.max(0, e.byteOffset() - 1));
        return new SourceRange(r.filename(), s, e);
    }

    private static AttributeSchema find(List<AttributeSchema> list, String name) {
        for (AttributeSchema a : list) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    private static BlockHeaderSchema findBlock(List<BlockHeaderSchema> list, String name) {
        for (BlockHeaderSchema b : list) {
            if (b.type().equals(name)) {
                return b;
            }
        }
        return null;
    }

    @Override
    public Result<Map<String, Attribute>> justAttributes() {
        Diagnostics diags = new Diagnostics();
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        for (JsonValue.Prop p : obj.props()) {
            if (p.name().equals("//") || hidden.contains(p.name())) {
                continue;
            }
            Attribute prev = attrs.get(p.name());
            if (prev != null) {
                diags.add(Diagnostic.error("Duplicate argument", "The argument \"" + p.name() + "\" was already set at "
                        + prev.nameRange() + ". Each argument may be set only once.", p.nameRange()));
                continue;
            }
            attrs.put(p.name(), new Attribute(p.name(), new JsonExpression(p.value()),
                    SourceRange.between(p.nameRange(), p.value().range()), p.nameRange()));
        }
        return new Result<>(attrs, diags);
    }
}
