package io.capstan.provider.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The two views {@code terraform show -json} gives of a planned value: {@code planned_values}
 * (unknown attributes omitted, unknown sequence elements null) and {@code after_unknown}
 * (reduced here to the set of paths that are unknown).
 */
final class PlanJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PlanJson() {
    }

    static JsonNode knownParts(Value v) {
        if (!v.isKnown() || v.isNull()) {
            return F.nullNode();
        }
        Type t = v.type();
        if (t == Type.STRING) {
            return F.textNode(v.asString());
        } else if (t == Type.NUMBER) {
            return v.asNumber().isInteger() ? F.numberNode(v.asNumber().toBigInteger())
                    : F.numberNode(v.asNumber().toBigDecimal());
        } else if (t == Type.BOOL) {
            return F.booleanNode(v.asBool());
        } else if (v.isSequence()) {
            ArrayNode a = F.arrayNode();
            v.elements().forEach(e -> a.add(knownParts(e)));
            return a;
        }
        ObjectNode o = F.objectNode();
        for (Map.Entry<String, Value> e : v.entries().entrySet()) {
            if (e.getValue().isKnown()) {
                o.set(e.getKey(), knownParts(e.getValue()));
            }
        }
        return o;
    }

    static void unknownPaths(Value v, String path, Set<String> out) {
        if (!v.isKnown()) {
            out.add(path);
        } else if (v.isNull()) {
            return;
        } else if (v.isSequence()) {
            for (int i = 0; i < v.elements().size(); i++) {
                unknownPaths(v.elements().get(i), path + "/" + i, out);
            }
        } else if (v.isMapping()) {
            v.entries().forEach((k, e) -> unknownPaths(e, path + "/" + k, out));
        }
    }

    static void truePaths(JsonNode n, String path, Set<String> out) {
        if (n.isBoolean() && n.booleanValue()) {
            out.add(path);
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                truePaths(n.get(i), path + "/" + i, out);
            }
        } else if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                truePaths(e.getValue(), path + "/" + e.getKey(), out);
            }
        }
    }
}
