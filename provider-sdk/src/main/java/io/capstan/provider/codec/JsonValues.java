package io.capstan.provider.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.DynamicType;
import io.capstan.hcl.value.ListType;
import io.capstan.hcl.value.MapType;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.SetType;
import io.capstan.hcl.value.TupleType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.TypeJson;
import io.capstan.hcl.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of values (object-wire-format.md), used by providers that answer in JSON
 * and by {@code RawState.json} in UpgradeResourceState: nulls as null, numbers as JSON
 * numbers of any precision, dynamic values as {@code {"type":T,"value":V}}. JSON has no
 * unknowns, so encoding an unknown value fails.
 */
public final class JsonValues {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private JsonValues() {
    }

    public static byte[] encode(Value value, Type type) {
        JsonNode n = toJson(value.unmarkDeep().value(), type, new WirePath());
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Value decode(byte[] json, Type type) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
        return fromJson(n == null ? F.nullNode() : n, type, new WirePath());
    }

    public static Value decode(String json, Type type) {
        return decode(json.getBytes(StandardCharsets.UTF_8), type);
    }

    static JsonNode toJson(Value v, Type type, WirePath path) {
        if (!v.isKnown()) {
            throw path.error("unknown values cannot be encoded as JSON");
        }
        if (v.isNull()) {
            return F.nullNode();
        }
        if (type instanceof DynamicType) {
            ObjectNode o = F.objectNode();
            o.set("type", TypeJson.toJson(v.type()));
            o.set("value", toJson(v, v.type(), path));
            return o;
        }
        if (type == Type.STRING) {
            return F.textNode(v.asString());
        } else if (type == Type.NUMBER) {
            BigNumber n = v.asNumber();
            if (n.isInfinite()) {
                throw path.error("cannot encode infinity as JSON");
            }
            return n.isInteger() ? F.numberNode(n.toBigInteger()) : F.numberNode(n.toBigDecimal());
        } else if (type == Type.BOOL) {
            return F.booleanNode(v.asBool());
        } else if (type instanceof ListType || type instanceof SetType || type instanceof TupleType) {
            ArrayNode a = F.arrayNode();
            List<Value> elems = v.elements();
            for (int i = 0; i < elems.size(); i++) {
                Type et = type instanceof TupleType t ? t.elements().get(i) : type.elementType();
                a.add(toJson(elems.get(i), et, path.index(i)));
            }
            return a;
        } else if (type instanceof MapType m) {
            ObjectNode o = F.objectNode();
            v.entries().forEach((k, e) -> o.set(k, toJson(e, m.element(), path.key(k))));
            return o;
        } else if (type instanceof ObjectType ot) {
            ObjectNode o = F.objectNode();
            new TreeMap<>(ot.attributes()).forEach((k, at) -> {
                Value av = v.entries().get(k);
                o.set(k, toJson(av == null ? Value.nullOf(at) : av, at, path.attr(k)));
            });
            return o;
        }
        throw path.error("cannot encode type " + type.friendlyName());
    }

    static Value fromJson(JsonNode n, Type type, WirePath path) {
        if (n.isNull()) {
            return Value.nullOf(type);
        }
        if (type instanceof DynamicType) {
            if (!n.isObject() || !n.has("type") || !n.has("value")) {
                throw path.error("dynamic value must be an object with \"type\" and \"value\"");
            }
            Type actual;
            try {
                actual = TypeJson.fromJson(n.get("type"));
            } catch (RuntimeException e) {
                throw path.error("invalid type: " + e.getMessage());
            }
            return fromJson(n.get("value"), actual, path);
        }
        if (type == Type.STRING) {
            if (!n.isTextual()) {
                throw path.error("string expected");
            }
            return Value.of(n.textValue());
        } else if (type == Type.NUMBER) {
            if (n.isTextual()) {
                return Value.of(WireCollections.parseNumber(n.textValue(), path));
            }
            if (!n.isNumber()) {
                throw path.error("number expected");
            }
            return Value.of(n.isBigInteger() || n.isIntegralNumber() ? BigNumber.of(n.bigIntegerValue())
                    : BigNumber.of(n.decimalValue()));
        } else if (type == Type.BOOL) {
            if (!n.isBoolean()) {
                throw path.error("bool expected");
            }
            return Value.of(n.booleanValue());
        } else if (type instanceof ListType || type instanceof SetType || type instanceof TupleType) {
            if (!n.isArray()) {
                throw path.error(type.friendlyName() + " expected");
            }
            List<Value> elems = new ArrayList<>(n.size());
            if (type instanceof TupleType t && t.elements().size() != n.size()) {
                throw path.error("tuple of " + t.elements().size() + " elements expected, got " + n.size());
            }
            for (int i = 0; i < n.size(); i++) {
                Type et = type instanceof TupleType t ? t.elements().get(i) : type.elementType();
                elems.add(fromJson(n.get(i), et, path.index(i)));
            }
            return type instanceof TupleType ? Value.tuple(elems) : WireCollections.collection(type, elems, path);
        } else if (type instanceof MapType || type instanceof ObjectType) {
            if (!n.isObject()) {
                throw path.error(type.friendlyName() + " expected");
            }
            Map<String, Value> out = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (type instanceof MapType m) {
                    out.put(e.getKey(), fromJson(e.getValue(), m.element(), path.key(e.getKey())));
                } else {
                    Type at = ((ObjectType) type).attributes().get(e.getKey());
                    if (at == null) {
                        throw path.error("unsupported attribute \"" + e.getKey() + "\"");
                    }
                    out.put(e.getKey(), fromJson(e.getValue(), at, path.attr(e.getKey())));
                }
            }
            return type instanceof MapType m ? WireCollections.map(m, out)
                    : WireCollections.object((ObjectType) type, out);
        }
        throw path.error("cannot decode type " + type.friendlyName());
    }
}
