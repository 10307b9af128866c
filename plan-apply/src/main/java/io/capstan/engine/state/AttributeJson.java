package io.capstan.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.DynamicType;
import io.capstan.hcl.value.ListType;
import io.capstan.hcl.value.MapType;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.PrimitiveType;
import io.capstan.hcl.value.SetType;
import io.capstan.hcl.value.TupleType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.TypeJson;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Converts a resource object between Capstan values and the JSON of state's
 * {@code attributes}, given the schema's type, as go-cty's JSON encoding does: a value of
 * dynamic schema type is written as {@code {"value": ..., "type": ...}}, object attributes
 * and map keys in sorted order, and every attribute of an object type present (null when
 * unset). Only wholly known values can be recorded.
 */
public final class AttributeJson {
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private AttributeJson() {
    }

    public static JsonNode toJson(Value v, Type t) {
        Value u = v.unmarkDeep().value();
        if (!u.isWhollyKnown()) {
            throw new IllegalArgumentException("unknown values cannot be recorded in state");
        }
        return write(u, t);
    }

    private static JsonNode write(Value v, Type t) {
        if (v.isNull()) {
            return F.nullNode();
        }
        if (t instanceof DynamicType) {
            ObjectNode o = F.objectNode();
            o.set("value", write(v, v.type()));
            o.set("type", TypeJson.toJson(v.type()));
            return o;
        }
        if (t instanceof PrimitiveType pt) {
            return switch (pt) {
                case STRING -> F.textNode(v.asString());
                case BOOL -> F.booleanNode(v.asBool());
                case NUMBER -> v.asNumber().isInteger()
                        ? F.numberNode(v.asNumber().toBigInteger()) : F.numberNode(v.asNumber().toBigDecimal());
            };
        }
        if (t instanceof ListType || t instanceof SetType || t instanceof TupleType) {
            ArrayNode a = F.arrayNode();
            List<Value> els = v.elements();
            for (int i = 0; i < els.size(); i++) {
                a.add(write(els.get(i), elementType(t, i)));
            }
            return a;
        }
        if (t instanceof MapType mt) {
            ObjectNode o = F.objectNode();
            v.entries().forEach((k, e) -> o.set(k, write(e, mt.element())));
            return o;
        }
        if (t instanceof ObjectType ot) {
            ObjectNode o = F.objectNode();
            for (String name : new TreeSet<>(ot.attributes().keySet())) {
                Value a = v.type() instanceof ObjectType vt && vt.hasAttribute(name)
                        ? v.attr(name) : Value.nullOf(ot.attribute(name));
                o.set(name, write(a, ot.attribute(name)));
            }
            return o;
        }
        throw new IllegalArgumentException("cannot record type " + t);
    }

    public static Value fromJson(JsonNode n, Type t) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return Value.nullOf(t);
        }
        if (t instanceof DynamicType) {
            Type actual = TypeJson.fromJson(n.get("type"));
            return fromJson(n.get("value"), actual);
        }
        if (t instanceof PrimitiveType pt) {
            return switch (pt) {
                case STRING -> Value.of(n.isTextual() ? n.asText() : n.toString());
                case BOOL -> Value.of(n.asBoolean());
                case NUMBER -> Value.of(n.isTextual() ? BigNumber.parse(n.asText()) : BigNumber.of(n.decimalValue()));
            };
        }
        if (t instanceof ListType || t instanceof SetType || t instanceof TupleType) {
            List<Value> els = new ArrayList<>();
            int i = 0;
            for (JsonNode e : n) {
                els.add(fromJson(e, elementType(t, i++)));
            }
            if (t instanceof ListType lt) {
                return Value.list(lt.element(), els);
            }
            if (t instanceof SetType st) {
                return Value.set(st.element(), els);
            }
            return Value.tuple(els);
        }
        if (t instanceof MapType mt) {
            Map<String, Value> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), fromJson(e.getValue(), mt.element()));
            }
            return Value.map(mt.element(), m);
        }
        if (t instanceof ObjectType ot) {
            Map<String, Value> m = new LinkedHashMap<>();
            for (Map.Entry<String, Type> a : ot.attributes().entrySet()) {
                m.put(a.getKey(), fromJson(n.get(a.getKey()), a.getValue()));
            }
            return Value.object(m);
        }
        throw new IllegalArgumentException("cannot read type " + t);
    }

    private static Type elementType(Type t, int i) {
        if (t instanceof ListType lt) {
            return lt.element();
        }
        if (t instanceof SetType st) {
            return st.element();
        }
        return ((TupleType) t).elements().get(i);
    }
}
