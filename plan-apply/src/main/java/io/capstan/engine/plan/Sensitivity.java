package io.capstan.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.NestedBlock;
import io.capstan.provider.schema.NestedType;
import io.capstan.provider.schema.NestingMode;
import io.capstan.hcl.value.ListType;
import io.capstan.hcl.value.MapType;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.TupleType;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sensitive marks of resource values by path, as Terraform keeps them: the paths a value's
 * sensitive marks sit at, in the JSON form of state v4's {@code sensitive_attributes}
 * ({@code [{"type":"get_attr","value":"a"},{"type":"index","value":{"value":1,"type":"number"}}]}),
 * listed in cty's post-order walk (children before their parent, object attributes and map
 * keys in lexical order); marks put back at such paths (paths that no longer exist are
 * dropped); and the marks a provider schema implies ({@code sensitive = true} attributes,
 * also inside nested blocks and nested attribute types, null values included).
 */
public final class Sensitivity {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Sensitivity() {
    }

    /** The paths of every sensitive mark in {@code v}. */
    public static ArrayNode paths(Value v) {
        ArrayNode out = F.arrayNode();
        if (v != null) {
            walk(v, new ArrayList<>(), out);
        }
        return out;
    }

    private static void walk(Value v, List<JsonNode> path, ArrayNode out) {
        if (!v.isNull() && v.isKnown()) {
            if (v.type() instanceof ObjectType) {
                for (Map.Entry<String, Value> e : v.entries().entrySet()) {
                    path.add(attrStep(e.getKey()));
                    walk(e.getValue(), path, out);
                    path.remove(path.size() - 1);
                }
            } else if (v.type() instanceof MapType) {
                for (Map.Entry<String, Value> e : v.entries().entrySet()) {
                    path.add(indexStep(F.textNode(e.getKey()), "string"));
                    walk(e.getValue(), path, out);
                    path.remove(path.size() - 1);
                }
            } else if (v.type() instanceof ListType || v.type() instanceof TupleType) {
                List<Value> els = v.elements();
                for (int i = 0; i < els.size(); i++) {
                    path.add(indexStep(F.numberNode(i), "number"));
                    walk(els.get(i), path, out);
                    path.remove(path.size() - 1);
                }
            }
        }
        if (v.hasMark(Mark.SENSITIVE)) {
            ArrayNode p = F.arrayNode();
            path.forEach(p::add);
            out.add(p);
        }
    }

    private static ObjectNode attrStep(String name) {
        ObjectNode s = F.objectNode();
        s.put("type", "get_attr");
        s.put("value", name);
        return s;
    }

    private static ObjectNode indexStep(JsonNode key, String type) {
        ObjectNode s = F.objectNode();
        s.put("type", "index");
        ObjectNode k = s.putObject("value");
        k.set("value", key);
        k.put("type", type);
        return s;
    }

    /** {@code v} with a sensitive mark at each of {@code paths} (state JSON form) that exists in it. */
    public static Value mark(Value v, JsonNode paths) {
        if (v == null || paths == null || !paths.isArray() || paths.isEmpty()) {
            return v;
        }
        Value out = v;
        for (JsonNode p : paths) {
            List<JsonNode> steps = new ArrayList<>();
            for (JsonNode s : p) {
                steps.add(s);
            }
            out = markAt(out, steps, 0);
        }
        return out;
    }

    /** {@code target} with sensitive marks wherever {@code source} has them (Terraform's MarkWithPaths). */
    public static Value copyMarks(Value target, Value source) {
        if (source == null || !source.containsMarked()) {
            return target;
        }
        return mark(target, paths(source));
    }

    /** {@code v} with the sensitive marks the schema {@code block} implies. */
    public static Value markSchema(Value v, Block block) {
        if (v == null || block == null || v.isNull() || !v.isKnown() || !(v.type() instanceof ObjectType)) {
            return v;
        }
        Map<String, Value> attrs = new LinkedHashMap<>(v.entries());
        boolean changed = false;
        for (Attribute a : block.attributes().values()) {
            Value av = attrs.get(a.name());
            if (av == null) {
                continue;
            }
            Value nv = a.sensitive() ? av.mark(Mark.SENSITIVE) : av;
            if (a.nestedType() != null) {
                nv = markNested(nv, a.nestedType());
            }
            if (nv != av) {
                attrs.put(a.name(), nv);
                changed = true;
            }
        }
        for (NestedBlock nb : block.blockTypes().values()) {
            Value bv = attrs.get(nb.typeName());
            if (bv == null || bv.isNull() || !bv.isKnown() || !containsSensitive(nb.block())) {
                continue;
            }
            Value nv = nb.nesting() == NestingMode.SINGLE || nb.nesting() == NestingMode.GROUP
                    ? markSchema(bv, nb.block()) : eachElement(bv, e -> markSchema(e, nb.block()));
            if (nv != bv) {
                attrs.put(nb.typeName(), nv);
                changed = true;
            }
        }
        return changed ? Value.object(attrs).withMarks(v.marks()) : v;
    }

    private static Value markNested(Value v, NestedType nt) {
        if (v.isNull() || !v.isKnown()) {
            return v;
        }
        Block b = new Block(nt.attributes(), Map.of(), "", null, false, "");
        return nt.nesting() == NestingMode.SINGLE ? markSchema(v, b) : eachElement(v, e -> markSchema(e, b));
    }

    private static boolean containsSensitive(Block b) {
        for (Attribute a : b.attributes().values()) {
            if (a.sensitive() || a.nestedType() != null
                    && containsSensitive(new Block(a.nestedType().attributes(), Map.of(), "", null, false, ""))) {
                return true;
            }
        }
        for (NestedBlock nb : b.blockTypes().values()) {
            if (containsSensitive(nb.block())) {
                return true;
            }
        }
        return false;
    }

    /** Sets are left alone: cty keeps marks of set elements on the set itself. */
    private static Value eachElement(Value v, java.util.function.UnaryOperator<Value> f) {
        if (v.type() instanceof ListType || v.type() instanceof TupleType) {
            List<Value> els = new ArrayList<>();
            boolean changed = false;
            for (Value e : v.elements()) {
                Value n = f.apply(e);
                changed |= n != e;
                els.add(n);
            }
            return changed ? withElements(v, els) : v;
        }
        if (v.type() instanceof MapType || v.type() instanceof ObjectType) {
            Map<String, Value> m = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<String, Value> e : v.entries().entrySet()) {
                Value n = f.apply(e.getValue());
                changed |= n != e.getValue();
                m.put(e.getKey(), n);
            }
            return changed ? withEntries(v, m) : v;
        }
        return v;
    }

    private static Value markAt(Value v, List<JsonNode> steps, int i) {
        if (i == steps.size()) {
            return v.mark(Mark.SENSITIVE);
        }
        if (v.isNull() || !v.isKnown()) {
            return v;
        }
        JsonNode step = steps.get(i);
        String kind = step.path("type").asText();
        if ("get_attr".equals(kind) && v.type() instanceof ObjectType) {
            return markEntry(v, step.path("value").asText(), steps, i);
        }
        if (!"index".equals(kind)) {
            return v;
        }
        JsonNode key = step.path("value").path("value");
        if (v.type() instanceof MapType || v.type() instanceof ObjectType && key.isTextual()) {
            return markEntry(v, key.asText(), steps, i);
        }
        if ((v.type() instanceof ListType || v.type() instanceof TupleType) && key.isNumber()) {
            int ix = key.asInt();
            List<Value> els = new ArrayList<>(v.elements());
            if (ix < 0 || ix >= els.size()) {
                return v;
            }
            Value n = markAt(els.get(ix), steps, i + 1);
            if (n == els.get(ix)) {
                return v;
            }
            els.set(ix, n);
            return withElements(v, els);
        }
        return v;
    }

    /** {@code v} (an object or map) with the rest of the path marked inside its entry {@code key}, if it has one. */
    private static Value markEntry(Value v, String key, List<JsonNode> steps, int i) {
        Value child = v.entries().get(key);
        if (child == null) {
            return v;
        }
        Value n = markAt(child, steps, i + 1);
        return n == child ? v : withChild(v, key, n);
    }

    /** {@code v} (an object or map) with its entry {@code key} replaced by {@code n}, keeping {@code v}'s own marks. */
    private static Value withChild(Value v, String key, Value n) {
        Map<String, Value> m = new LinkedHashMap<>(v.entries());
        m.put(key, n);
        return withEntries(v, m);
    }

    /** An object or map of {@code v}'s kind with these entries and {@code v}'s own marks. */
    private static Value withEntries(Value v, Map<String, Value> entries) {
        return (v.type() instanceof MapType mt ? Value.map(mt.element(), entries) : Value.object(entries))
                .withMarks(v.marks());
    }

    /** A list or tuple of {@code v}'s kind with these elements and {@code v}'s own marks. */
    private static Value withElements(Value v, List<Value> elements) {
        return (v.type() instanceof ListType lt ? Value.list(lt.element(), elements) : Value.tuple(elements))
                .withMarks(v.marks());
    }

    /** Whether two lists of paths name the same set of paths (order aside). */
    public static boolean samePaths(JsonNode a, JsonNode b) {
        return pathSet(a).equals(pathSet(b));
    }

    // a loop rather than forEach(set::add): each lambda call site costs every CLI run its bootstrap (#6)
    private static Set<JsonNode> pathSet(JsonNode paths) {
        Set<JsonNode> s = new HashSet<>();
        if (paths != null) {
            for (JsonNode p : paths) {
                s.add(p);
            }
        }
        return s;
    }
}
