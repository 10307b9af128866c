package io.capstan.hcl.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.capstan.hcl.json.JsonTrees;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Terraform's JSON type notation, used by {@code output -json}, state and the provider
 * protocol: {@code "string"}, {@code ["list","string"]}, {@code ["object",{"a":"number"}]}
 * (with a third element listing optional attributes), {@code ["tuple",[...]]},
 * {@code "dynamic"}.
 */
public final class TypeJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TypeJson() {
    }

    public static JsonNode toJson(Type t) {
        if (t instanceof PrimitiveType || t == Type.DYNAMIC) {
            return TextNode.valueOf(t.friendlyName());
        }
        ArrayNode a = F.arrayNode();
        if (t instanceof ListType l) {
            a.add("list").add(toJson(l.element()));
        } else if (t instanceof SetType s) {
            a.add("set").add(toJson(s.element()));
        } else if (t instanceof MapType m) {
            a.add("map").add(toJson(m.element()));
        } else if (t instanceof TupleType tt) {
            ArrayNode els = F.arrayNode();
            tt.elements().forEach(e -> els.add(toJson(e)));
            a.add("tuple").add(els);
        } else if (t instanceof ObjectType o) {
            ObjectNode attrs = F.objectNode();
            o.attributes().forEach((k, v) -> attrs.set(k, toJson(v)));
            a.add("object").add(attrs);
            if (!o.optional().isEmpty()) {
                ArrayNode opt = F.arrayNode();
                o.optional().forEach(opt::add);
                a.add(opt);
            }
        }
        return a;
    }

    /**
     * The compact text of {@link #toJson}, what {@code toJson(t).toString()} gives, written with
     * Jackson's generator: {@code JsonNode.toString()} initialises an ObjectMapper (Jackson's date
     * format, a calendar, the JDK's locale tables: about 0.05 s of CPU in a cold JVM), and every
     * plan that refreshes a {@code terraform_data} (dynamic attributes) or sends one to a provider
     * encodes type JSON.
     */
    public static String toJsonString(Type t) {
        java.io.StringWriter out = new java.io.StringWriter(32);
        try (com.fasterxml.jackson.core.JsonGenerator g = JsonTrees.generator(out)) {
            write(toJson(t), g);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does no I/O
        }
        return out.toString();
    }

    /** Type JSON holds only strings, arrays and objects. */
    private static void write(JsonNode n, com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
        if (n.isTextual()) {
            g.writeString(n.textValue());
        } else if (n.isArray()) {
            g.writeStartArray();
            for (JsonNode e : n) {
                write(e, g);
            }
            g.writeEndArray();
        } else if (n.isObject()) {
            g.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                g.writeFieldName(e.getKey());
                write(e.getValue(), g);
            }
            g.writeEndObject();
        } else {
            throw new IllegalStateException("not type JSON: " + n.getNodeType());
        }
    }

    /** Parses type JSON; throws IllegalArgumentException with a reason when it is not valid. */
    public static Type fromJson(JsonNode n) {
        if (n.isTextual()) {
            return switch (n.asText()) {
                case "string" -> Type.STRING;
                case "number" -> Type.NUMBER;
                case "bool" -> Type.BOOL;
                case "dynamic" -> Type.DYNAMIC;
                default -> throw new IllegalArgumentException("invalid primitive type name " + GoFormat.quote(n.asText()));
            };
        }
        if (!n.isArray() || n.size() < 2 || !n.get(0).isTextual()) {
            throw new IllegalArgumentException("invalid complex type description");
        }
        String kind = n.get(0).asText();
        JsonNode arg = n.get(1);
        switch (kind) {
            case "list":
                return Type.list(fromJson(arg));
            case "set":
                return Type.set(fromJson(arg));
            case "map":
                return Type.map(fromJson(arg));
            case "tuple": {
                List<Type> els = new ArrayList<>();
                arg.forEach(e -> els.add(fromJson(e)));
                return Type.tuple(els);
            }
            case "object": {
                Map<String, Type> attrs = new TreeMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = arg.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    attrs.put(e.getKey(), fromJson(e.getValue()));
                }
                Set<String> opt = new TreeSet<>();
                if (n.size() > 2) {
                    n.get(2).forEach(o -> opt.add(o.asText()));
                }
                return new ObjectType(attrs, opt);
            }
            default:
                throw new IllegalArgumentException("invalid complex type kind " + GoFormat.quote(kind));
        }
    }

    /**
     * Parses type JSON text, read with the shared streaming reader ({@link JsonTrees}) rather than
     * an ObjectMapper: an ObjectMapper's initialisation cost a cold no-change plan about 0.05 s of
     * CPU, and every refresh of a {@code terraform_data} decodes type JSON.
     */
    public static Type fromJsonString(String json) {
        try {
            return fromJson(JsonTrees.read(json, false));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("invalid type JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // reading a String does no I/O
        }
    }
}
