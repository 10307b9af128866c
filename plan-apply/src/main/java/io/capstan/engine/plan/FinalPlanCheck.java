package io.capstan.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.value.GoFormat;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.SetType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * terraform's check of an instance's final plan against the plan being applied: while applying, it
 * plans each instance again with what is known by then, and every value the applied plan knew must
 * be the same (its {@code AssertObjectCompatible}), else "Provider produced inconsistent final plan"
 * and the instance is not applied. Capstan applies a plan file by planning again from its inputs, so
 * what the plan depended on outside them (a {@code file()} whose file changed since) is compared here
 * with the planned values the plan file recorded ({@code after}, {@code after_unknown} of its
 * resource changes). Values are shown as terraform shows them (cty's Go syntax).
 */
final class FinalPlanCheck {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FinalPlanCheck() {
    }

    /**
     * A recorded planned value: the known parts and which are unknown ({@code true} for the whole value), and the
     * change's action (null when not one Capstan knows).
     */
    record Recorded(JsonNode after, JsonNode afterUnknown, Action action) {
    }

    /** The errors for {@code now} (the instance's final plan) against {@code recorded}; none when compatible. */
    static List<Diagnostic> check(String address, String provider, Recorded recorded, Value now) {
        List<String> errs = new ArrayList<>();
        compare("", recorded.after(), recorded.afterUnknown(), now.unmarkDeep().value(), errs);
        List<Diagnostic> out = new ArrayList<>();
        for (String e : errs) {
            out.add(Diagnostic.error("Provider produced inconsistent final plan", "When expanding the plan for "
                    + address + " to include new values learned so far during apply, provider \"" + provider
                    + "\" produced an invalid new value for " + e + ".\n\nThis is a bug in the provider, which should "
                    + "be reported in the provider's own issue tracker.", null));
        }
        return out;
    }

    private static void compare(String path, JsonNode was, JsonNode unknown, Value now, List<String> errs) {
        if (unknown != null && unknown.isBoolean() && unknown.asBoolean()) {
            return;
        }
        boolean wasNull = was == null || was.isNull();
        if (!now.isKnown()) {
            errs.add(where(path) + "was " + go(was, now.type()) + ", but now cty.UnknownVal(" + goType(now.type()) + ")");
            return;
        }
        if (wasNull || now.isNull()) {
            if (wasNull != now.isNull()) {
                errs.add(where(path) + "was " + go(was, now.type()) + ", but now " + go(now));
            }
            return;
        }
        if (now.type() instanceof SetType || now.type().isPrimitive()) {
            if (!sameJson(was, now)) {
                errs.add(where(path) + "was " + go(was, now.type()) + ", but now " + go(now));
            }
            return;
        }
        if (now.isMapping()) {
            boolean object = now.type() instanceof ObjectType;
            Map<String, Value> entries = now.entries();
            // a map with unknown elements at plan time records only its known keys in after (the others in
            // after_unknown): its keys are compared element by element below
            boolean partlyUnknown = unknown != null && unknown.isObject() && unknown.size() > 0;
            if (!object && !partlyUnknown && !sameKeys(was, entries)) {
                errs.add(where(path) + "was " + go(was, now.type()) + ", but now " + go(now));
                return;
            }
            for (Map.Entry<String, Value> e : entries.entrySet()) {
                String step = object ? "." + e.getKey() : "[" + GoFormat.quote(e.getKey()) + "]";
                compare(path + step, was.get(e.getKey()), unknown == null ? null : unknown.get(e.getKey()),
                        e.getValue(), errs);
            }
            return;
        }
        if (now.isSequence()) {
            List<Value> elems = now.elements();
            if (!was.isArray() || was.size() != elems.size()) {
                errs.add(where(path) + "was " + go(was, now.type()) + ", but now " + go(now));
                return;
            }
            for (int i = 0; i < elems.size(); i++) {
                compare(path + "[" + i + "]", was.get(i), unknown == null || !unknown.isArray() ? null : unknown.get(i),
                        elems.get(i), errs);
            }
            return;
        }
        if (!sameJson(was, now)) {
            errs.add(where(path) + "was " + go(was, now.type()) + ", but now " + go(now));
        }
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    private static boolean sameKeys(JsonNode was, Map<String, Value> entries) {
        if (!was.isObject() || was.size() != entries.size()) {
            return false;
        }
        for (Iterator<String> it = was.fieldNames(); it.hasNext(); ) {
            if (!entries.containsKey(it.next())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameJson(JsonNode was, Value now) {
        try {
            JsonNode n = MAPPER.readTree(ValueJson.encode(now));
            if (was.isNumber() && n.isNumber()) {
                return was.decimalValue().compareTo(n.decimalValue()) == 0;
            }
            return was.equals(n);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The recorded value, read as {@code type}, in cty's Go syntax. */
    private static String go(JsonNode was, Type type) {
        if (was == null || was.isNull()) {
            return "cty.NullVal(" + goType(type) + ")";
        }
        try {
            return go(ValueJson.decode(was.toString(), type));
        } catch (RuntimeException e) {
            return was.toString();
        }
    }

    /** A value in cty's Go syntax ({@code %#v}), for primitives as cty writes them; others briefly. */
    static String go(Value v) {
        Type t = v.type();
        if (!v.isKnown()) {
            return "cty.UnknownVal(" + goType(t) + ")";
        }
        if (v.isNull()) {
            return "cty.NullVal(" + goType(t) + ")";
        }
        if (t.equals(Type.STRING)) {
            return "cty.StringVal(" + GoFormat.quote(v.asString()) + ")";
        }
        if (t.equals(Type.BOOL)) {
            return v.asBool() ? "cty.True" : "cty.False";
        }
        if (t.equals(Type.NUMBER)) {
            java.math.BigDecimal d = new java.math.BigDecimal(ValueJson.encode(v));
            try {
                return "cty.NumberIntVal(" + d.longValueExact() + ")";
            } catch (ArithmeticException e) {
                return "cty.NumberFloatVal(" + d.doubleValue() + ")";
            }
        }
        StringBuilder sb = new StringBuilder();
        if (v.isMapping()) {
            sb.append(t instanceof ObjectType ? "cty.ObjectVal" : "cty.MapVal").append("(map[string]cty.Value{");
            boolean first = true;
            for (Map.Entry<String, Value> e : v.entries().entrySet()) {
                sb.append(first ? "" : ", ").append(GoFormat.quote(e.getKey())).append(':').append(go(e.getValue()));
                first = false;
            }
            return sb.append("})").toString();
        }
        String kind = t instanceof SetType ? "cty.SetVal" : t instanceof io.capstan.hcl.value.ListType ? "cty.ListVal"
                : "cty.TupleVal";
        sb.append(kind).append("([]cty.Value{");
        List<Value> elems = v.elements();
        for (int i = 0; i < elems.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(go(elems.get(i)));
        }
        return sb.append("})").toString();
    }

    private static String goType(Type t) {
        if (t.equals(Type.STRING)) {
            return "cty.String";
        }
        if (t.equals(Type.NUMBER)) {
            return "cty.Number";
        }
        if (t.equals(Type.BOOL)) {
            return "cty.Bool";
        }
        return "cty.DynamicPseudoType";
    }
}
