package io.capstan.hcl.value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;

/**
 * Terraform's set element order, which users see in output: strings lexically (by code
 * point), numbers numerically, false before true, nulls and unknowns last; elements of
 * other types by the bytes of cty's set-hash rendering of the value (so {@code [1,2]}
 * sorts before {@code [1]}). Duplicates are dropped.
 */
final class SetOrder {
    private SetOrder() {
    }

    static List<Value> normalize(List<Value> elements) {
        // A hash set, not a scan per element: setproduct and friends build sets of 10^5 values.
        List<Value> out = new ArrayList<>(new LinkedHashSet<>(elements));
        if (out.size() < 2) {
            return List.copyOf(out);
        }
        Type t = out.get(0).type();
        if (t == Type.STRING || t == Type.NUMBER || t == Type.BOOL) {
            out.sort(SetOrder::compare);
            return Collections.unmodifiableList(out);
        }
        // Other element types sort by their hash rendering: compute it once per element.
        Map<Value, byte[]> hashes = new IdentityHashMap<>();
        out.sort((a, b) -> {
            if (a.isNull() || b.isNull() || !a.isKnown() || !b.isKnown()) {
                return compare(a, b);
            }
            return Arrays.compareUnsigned(hashes.computeIfAbsent(a, SetOrder::hashBytes),
                    hashes.computeIfAbsent(b, SetOrder::hashBytes));
        });
        return Collections.unmodifiableList(out);
    }

    /** cty's set "Less": nulls then unknowns last, primitives by value, others by hash text. */
    static int compare(Value a, Value b) {
        if (a.isNull() != b.isNull()) {
            return a.isNull() ? 1 : -1;
        }
        if (a.isKnown() != b.isKnown()) {
            return a.isKnown() ? -1 : 1;
        }
        if (a.isNull() || !a.isKnown()) {
            return 0;
        }
        Type t = a.type();
        if (t == Type.STRING) {
            return GoFormat.compareStrings(a.asString(), b.asString());
        } else if (t == Type.NUMBER) {
            return a.asNumber().compareTo(b.asNumber());
        } else if (t == Type.BOOL) {
            return Boolean.compare(a.asBool(), b.asBool());
        }
        return Arrays.compareUnsigned(hashBytes(a), hashBytes(b));
    }

    static byte[] hashBytes(Value v) {
        StringBuilder sb = new StringBuilder();
        appendHash(v, sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendHash(Value v, StringBuilder sb) {
        v = v.unmark();
        if (!v.isKnown()) {
            sb.append('?');
            return;
        }
        if (v.isNull()) {
            sb.append('~');
            return;
        }
        Type t = v.type();
        if (t == Type.NUMBER) {
            sb.append(GoFormat.gWithPrecision(v.asNumber(), 10));
        } else if (t == Type.BOOL) {
            sb.append(v.asBool() ? 'T' : 'F');
        } else if (t == Type.STRING) {
            sb.append(GoFormat.quote(v.asString()));
        } else if (t instanceof MapType) {
            sb.append('{');
            v.entries().forEach((k, e) -> {
                sb.append(GoFormat.quote(k)).append(':');
                appendHash(e, sb);
                sb.append(';');
            });
            sb.append('}');
        } else if (t instanceof ListType || t instanceof SetType) {
            sb.append('[');
            for (Value e : v.elements()) {
                appendHash(e, sb);
                sb.append(';');
            }
            sb.append(']');
        } else if (t instanceof ObjectType) {
            sb.append('<');
            for (Value e : v.entries().values()) {
                appendHash(e, sb);
                sb.append(';');
            }
            sb.append('>');
        } else if (t instanceof TupleType) {
            sb.append('<');
            for (Value e : v.elements()) {
                appendHash(e, sb);
                sb.append(';');
            }
            sb.append('>');
        }
    }
}
