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
 * A body in the JSON syntax (HCL's json body). Its value is normally a JSON object whose
 * properties become arguments or blocks depending on the schema; as in HCL it may also be an
 * array of objects (their properties taken together, in order) or null (no properties), and any
 * other value is reported when the content is asked for. A property named "//" is a comment
 * where the body's arguments are read (not where block labels are). Block labels are nested
 * object keys; at each label level and for the block itself the value may be an object or an
 * array, and a block whose value is null is absent.
 */
public final class JsonBody implements Body {
    private final JsonValue val;
    private final Set<String> hidden;

    public JsonBody(JsonValue val) {
        this(val, Set.of());
    }

    private JsonBody(JsonValue val, Set<String> hidden) {
        this.val = Objects.requireNonNull(val, "val");
        this.hidden = hidden;
    }

    /** The JSON value of this body (an object for a whole file). */
    public JsonValue value() {
        return val;
    }

    @Override
    public SourceRange missingItemRange() {
        if (val instanceof JsonValue.Obj o) {
            return closeRange(o.range());
        }
        return startRange(val);
    }

    @Override
    public Result<BodyContent> content(BodySchema schema) {
        Result<PartialContent> partial = partialContent(schema);
        Diagnostics diags = new Diagnostics().addAll(partial.diagnostics());
        Set<String> used = ((JsonBody) partial.value().remain()).hidden;
        List<String> options = new ArrayList<>();
        for (AttributeSchema a : schema.attributes()) {
            if (!used.contains(a.name())) {
                options.add(a.name()); // an argument already set is no suggestion; a block may repeat
            }
        }
        for (BlockHeaderSchema b : schema.blocks()) {
            options.add(b.type());
        }
        // HCL reads the properties a second time here, so a badly typed body is reported twice
        for (JsonValue.Prop p : deepProps(val, null, diags)) {
            String name = p.name();
            if (name.equals("//") || used.contains(name)) {
                continue;
            }
            String s = Suggestions.nameSuggestion(name, options);
            diags.add(new Diagnostic(Severity.ERROR, "Extraneous JSON object property", "No argument or block type is "
                    + "named \"" + name + "\"." + (s != null ? " Did you mean \"" + s + "\"?" : ""), p.nameRange(),
                    range(p)));
        }
        return new Result<>(partial.value().content(), diags);
    }

    @Override
    public Result<PartialContent> partialContent(BodySchema schema) {
        Diagnostics diags = new Diagnostics();
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        List<Block> blocks = new ArrayList<>();
        Set<String> used = new HashSet<>(hidden);
        for (JsonValue.Prop p : deepProps(val, null, diags)) {
            String name = p.name();
            if (hidden.contains(name)) {
                continue;
            }
            AttributeSchema as = find(schema.attributes(), name);
            BlockHeaderSchema bs = as != null ? null : findBlock(schema.blocks(), name);
            if (as != null) {
                Attribute prev = attrs.get(name);
                if (prev != null) {
                    diags.add(new Diagnostic(Severity.ERROR, "Duplicate argument", "The argument \"" + name
                            + "\" was already set at " + prev.range() + ".", p.nameRange(), range(p)));
                    continue;
                }
                attrs.put(name, new Attribute(name, new JsonExpression(p.value()), range(p), p.nameRange()));
                used.add(name);
            } else if (bs != null) {
                unpackBlock(p.value(), bs, 0, p.nameRange(), new ArrayList<>(), new ArrayList<>(), blocks, diags);
                used.add(name);
            }
            // anything else is for the remaining body (content() reports it)
        }
        for (AttributeSchema a : schema.attributes()) {
            if (a.required() && !attrs.containsKey(a.name())) {
                diags.add(Diagnostic.error("Missing required argument",
                        "The argument \"" + a.name() + "\" is required, but no definition was found.", missingItemRange()));
            }
        }
        BodyContent content = new BodyContent(attrs, blocks, missingItemRange());
        return new Result<>(new PartialContent(content, new JsonBody(val, Set.copyOf(used))), diags);
    }

    /**
     * The blocks of one property: {@code labels} names taken so far. At a label level the value
     * is an object (or an array of objects) whose keys are the next label; then the block's
     * content is an object, an array (one block per element) or null (no block).
     */
    private static void unpackBlock(JsonValue v, BlockHeaderSchema bs, int level, SourceRange typeRange,
                                    List<String> labels, List<SourceRange> labelRanges, List<Block> out,
                                    Diagnostics diags) {
        String type = bs.type();
        if (level < bs.labelNames().size()) {
            String labelName = bs.labelNames().get(level);
            List<JsonValue.Prop> props = deepProps(v, labelName, diags);
            if (props.isEmpty()) {
                diags.add(Diagnostic.error("Missing block label", "At least one object property is required, whose "
                        + "name represents the " + type + " block's " + labelName + ".", startRange(v)));
                return;
            }
            for (JsonValue.Prop p : props) {
                List<String> l = new ArrayList<>(labels);
                l.add(p.name());
                List<SourceRange> lr = new ArrayList<>(labelRanges);
                lr.add(p.nameRange());
                unpackBlock(p.value(), bs, level + 1, typeRange, l, lr, out, diags);
            }
            return;
        }
        if (v instanceof JsonValue.Null) {
            return;
        }
        if (v instanceof JsonValue.Obj o) {
            out.add(new Block(type, labels, new JsonBody(o), typeRange, labelRanges, o.openRange(),
                    closeRange(o.range()), o.openRange()));
        } else if (v instanceof JsonValue.Arr a) {
            for (JsonValue item : a.items()) {
                // a mistyped element is reported when the block's content is asked for
                SourceRange end = item instanceof JsonValue.Obj || item instanceof JsonValue.Arr
                        ? closeRange(item.range()) : item.range();
                out.add(new Block(type, labels, new JsonBody(item), typeRange, labelRanges, startRange(item), end,
                        a.openRange()));
            }
        } else {
            diags.add(Diagnostic.error("Incorrect JSON value type", "Either a JSON object or a JSON array is required, "
                    + "representing the contents of one or more \"" + type + "\" blocks.", startRange(v)));
        }
    }

    /**
     * The properties of an object, or of the objects of an array in order; null has none. Other
     * values are errors worded for a label level ({@code labelName}) or for a body (null).
     */
    private static List<JsonValue.Prop> deepProps(JsonValue v, String labelName, Diagnostics diags) {
        List<JsonValue.Prop> props = new ArrayList<>();
        if (v instanceof JsonValue.Obj o) {
            props.addAll(o.props());
        } else if (v instanceof JsonValue.Arr a) {
            for (JsonValue item : a.items()) {
                if (item instanceof JsonValue.Obj o) {
                    props.addAll(o.props());
                } else {
                    diags.add(Diagnostic.error("Incorrect JSON value type", labelName != null
                            ? "A JSON object is required here, to specify " + labelName + " labels for this block."
                            : "A JSON object is required here, to define arguments and child blocks.", startRange(item)));
                }
            }
        } else if (!(v instanceof JsonValue.Null)) {
            diags.add(Diagnostic.error("Incorrect JSON value type", labelName != null
                    ? "Either a JSON object or JSON array of objects is required here, to specify " + labelName
                    + " labels for this block."
                    : "Either a JSON object or JSON array of objects is required here, to define arguments and child "
                    + "blocks.", startRange(v)));
        }
        return props;
    }

    /** HCL's start range of a value: the opening brace or bracket of a container, else the whole value. */
    private static SourceRange startRange(JsonValue v) {
        if (v instanceof JsonValue.Obj o) {
            return o.openRange();
        }
        if (v instanceof JsonValue.Arr a) {
            return a.openRange();
        }
        return v.range();
    }

    /** The last byte of a container's range: its closing brace or bracket. */
    private static SourceRange closeRange(SourceRange r) {
        io.capstan.hcl.diag.Pos e = r.end();
        io.capstan.hcl.diag.Pos s = new io.capstan.hcl.diag.Pos(e.line(), Math.max(1, e.column() - 1),
                Math.max(0, e.byteOffset() - 1));
        return new SourceRange(r.filename(), s, e);
    }

    /** A property's range as an argument: from its name to the end of its value. */
    private static SourceRange range(JsonValue.Prop p) {
        return SourceRange.between(p.nameRange(), p.value().range());
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
        if (!(val instanceof JsonValue.Obj obj)) {
            diags.add(Diagnostic.error("Incorrect JSON value type",
                    "A JSON object is required here, setting the arguments for this block.", startRange(val)));
            return new Result<>(attrs, diags);
        }
        for (JsonValue.Prop p : obj.props()) {
            if (p.name().equals("//") || hidden.contains(p.name())) {
                continue;
            }
            Attribute prev = attrs.get(p.name());
            if (prev != null) {
                diags.add(Diagnostic.error("Duplicate attribute definition", "The argument \"" + p.name()
                        + "\" was already set at " + prev.range() + ".", p.nameRange()));
                continue;
            }
            attrs.put(p.name(), new Attribute(p.name(), new JsonExpression(p.value()), range(p), p.nameRange()));
        }
        return new Result<>(attrs, diags);
    }
}
