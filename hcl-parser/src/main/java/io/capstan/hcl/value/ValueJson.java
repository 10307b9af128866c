package io.capstan.hcl.value;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of values as Terraform writes it (cty's json package): {@code jsonencode},
 * {@code output -json}, state attributes. Encoding escapes {@code <}, {@code >}, {@code &},
 * U+2028 and U+2029 like Go's encoder and prints numbers with every significant digit.
 * Decoding is either type-directed (state, outputs) or inferring (jsondecode: objects become
 * objects, arrays tuples). Errors are reported as {@link ConversionException}.
 */
public final class ValueJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ValueJson() {
    }

    /** JSON text of a wholly known value (marks are ignored; callers handle them). */
    public static String encode(Value v) {
        StringBuilder sb = new StringBuilder();
        encode(v, sb);
        return sb.toString();
    }

    private static void encode(Value v, StringBuilder sb) {
        if (!v.isKnown()) {
            throw new ConversionException("value is not known");
        }
        if (v.isNull()) {
            sb.append("null");
            return;
        }
        Type t = v.type();
        if (t == Type.STRING) {
            quote(v.asString(), sb);
        } else if (t == Type.NUMBER) {
            BigNumber n = v.asNumber();
            if (n.isInfinite()) {
                throw new ConversionException("cannot serialize infinity as JSON");
            }
            sb.append(n);
        } else if (t == Type.BOOL) {
            sb.append(v.asBool());
        } else if (v.isSequence()) {
            sb.append('[');
            boolean first = true;
            for (Value e : v.elements()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                encode(e, sb);
            }
            sb.append(']');
        } else {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Value> e : v.entries().entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(e.getKey(), sb);
                sb.append(':');
                encode(e.getValue(), sb);
            }
            sb.append('}');
        }
    }

    /** Go's encoding/json string quoting (HTML-safe). */
    public static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * The form {@code terraform output -json} and state outputs use:
     * {@code {"sensitive":false,"type":<type JSON>,"value":<value JSON>}}.
     */
    public static String encodeTyped(Value v) {
        Value.Unmarked u = v.unmarkDeep();
        StringBuilder sb = new StringBuilder("{\"sensitive\":");
        sb.append(u.marks().contains(Mark.SENSITIVE)).append(",\"type\":").append(TypeJson.toJsonString(u.value().type()))
                .append(",\"value\":");
        encode(u.value(), sb);
        return sb.append('}').toString();
    }

    /** Reads the {@link #encodeTyped} form back (sensitive values come back marked). */
    public static Value decodeTyped(String json) {
        com.fasterxml.jackson.databind.JsonNode n;
        try {
            n = new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(json);
        } catch (IOException e) {
            throw new ConversionException(jsonMessage(e));
        }
        Type t = TypeJson.fromJson(n.get("type"));
        Value v = decode(n.get("value").toString(), t);
        return n.path("sensitive").asBoolean(false) ? v.mark(Mark.SENSITIVE) : v;
    }

    /** Decodes JSON as a value of type {@code t} (dynamic: inferred, as jsondecode). */
    public static Value decode(String json, Type t) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken tok = p.nextToken();
            if (tok == null) {
                throw new ConversionException("empty JSON input");
            }
            Value v = t == Type.DYNAMIC ? infer(p) : typed(p, t);
            if (p.nextToken() != null) {
                throw new ConversionException("extraneous data after JSON value");
            }
            return v;
        } catch (IOException e) {
            throw new ConversionException(jsonMessage(e));
        }
    }

    /** jsondecode: the type is implied by the JSON. */
    public static Value decodeInfer(String json) {
        return decode(json, Type.DYNAMIC);
    }

    private static String jsonMessage(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            return j.getOriginalMessage();
        }
        return e.getMessage();
    }

    private static Value infer(JsonParser p) throws IOException {
        JsonToken tok = p.currentToken();
        switch (tok) {
            case VALUE_NULL:
                return Value.DYNAMIC_NULL;
            case VALUE_TRUE:
                return Value.TRUE;
            case VALUE_FALSE:
                return Value.FALSE;
            case VALUE_STRING:
                return Value.of(p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return Value.of(BigNumber.parse(p.getText()));
            case START_ARRAY: {
                List<Value> els = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    els.add(infer(p));
                }
                return Value.tuple(els);
            }
            case START_OBJECT: {
                Map<String, Value> attrs = new LinkedHashMap<>();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String name = p.currentName();
                    p.nextToken();
                    attrs.put(name, infer(p));
                }
                return Value.object(attrs);
            }
            default:
                throw new ConversionException("unexpected JSON token " + tok);
        }
    }

    private static Value typed(JsonParser p, Type t) throws IOException {
        JsonToken tok = p.currentToken();
        if (tok == JsonToken.VALUE_NULL) {
            return Value.nullOf(t);
        }
        if (t == Type.DYNAMIC) {
            return infer(p);
        }
        if (t == Type.STRING) {
            if (tok == JsonToken.VALUE_STRING || tok.isNumeric() || tok.isBoolean()) {
                return Convert.convert(scalar(p), Type.STRING);
            }
            throw new ConversionException("string required");
        }
        if (t == Type.NUMBER) {
            if (tok.isNumeric() || tok == JsonToken.VALUE_STRING) {
                return Convert.convert(scalar(p), Type.NUMBER);
            }
            throw new ConversionException("number required");
        }
        if (t == Type.BOOL) {
            if (tok.isBoolean() || tok == JsonToken.VALUE_STRING) {
                return Convert.convert(scalar(p), Type.BOOL);
            }
            throw new ConversionException("bool required");
        }
        if (t instanceof ListType || t instanceof SetType || t instanceof TupleType) {
            if (tok != JsonToken.START_ARRAY) {
                throw new ConversionException("array required");
            }
            List<Value> els = new ArrayList<>();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                Type et;
                if (t instanceof TupleType tt) {
                    if (i >= tt.elements().size()) {
                        throw new ConversionException("too many tuple elements");
                    }
                    et = tt.elements().get(i);
                } else {
                    et = t.elementType();
                }
                try {
                    els.add(typed(p, et));
                } catch (ConversionException e) {
                    throw e.under("[" + i + "]");
                }
                i++;
            }
            if (t instanceof ListType l) {
                return Value.list(l.element(), els);
            } else if (t instanceof SetType s) {
                return Value.set(s.element(), els);
            }
            if (els.size() != ((TupleType) t).elements().size()) {
                throw new ConversionException("not enough tuple elements");
            }
            return Value.tuple(els);
        }
        if (tok != JsonToken.START_OBJECT) {
            throw new ConversionException("object required");
        }
        Map<String, Value> attrs = new TreeMap<>();
        while (p.nextToken() != JsonToken.END_OBJECT) {
            String name = p.currentName();
            p.nextToken();
            Type et;
            if (t instanceof MapType m) {
                et = m.element();
            } else {
                et = ((ObjectType) t).attribute(name);
                if (et == null) {
                    throw new ConversionException("unsupported attribute " + GoFormat.quote(name));
                }
            }
            try {
                attrs.put(name, typed(p, et));
            } catch (ConversionException e) {
                throw e.under("." + name);
            }
        }
        if (t instanceof MapType m) {
            return Value.map(m.element(), attrs);
        }
        ObjectType o = (ObjectType) t;
        for (Map.Entry<String, Type> a : o.attributes().entrySet()) {
            attrs.putIfAbsent(a.getKey(), Value.nullOf(a.getValue()));
        }
        return Value.object(attrs);
    }

    private static Value scalar(JsonParser p) throws IOException {
        JsonToken tok = p.currentToken();
        if (tok.isBoolean()) {
            return Value.of(tok == JsonToken.VALUE_TRUE);
        }
        if (tok.isNumeric()) {
            return Value.of(BigNumber.parse(p.getText()));
        }
        return Value.of(p.getText());
    }
}
