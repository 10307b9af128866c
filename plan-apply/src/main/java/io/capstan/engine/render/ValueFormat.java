package io.capstan.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Formats a typed value as Terraform shows output values and console results: strings quoted
 * (multi-line ones as heredocs), objects and maps as {@code {"k" = v}}, tuples and lists as
 * {@code [v,]} with two-space indentation, lists/sets/maps wrapped in
 * {@code tolist(...)}/{@code toset(...)}/{@code tomap(...)}, typed nulls as {@code tostring(null)}.
 */
final class ValueFormat {
    private ValueFormat() {
    }

    static String format(JsonNode type, JsonNode value, int indent) {
        boolean isNull = value == null || value.isNull();
        String kind = type == null ? "dynamic" : type.isTextual() ? type.asText() : type.get(0).asText();
        if (isNull) {
            return switch (kind) {
                case "dynamic" -> "null";
                case "string" -> "tostring(null)";
                case "number" -> "tonumber(null)";
                case "bool" -> "tobool(null)";
                case "list" -> "tolist(null) /* of " + friendly(type.get(1)) + " */";
                case "set" -> "toset(null) /* of " + friendly(type.get(1)) + " */";
                case "map" -> "tomap(null) /* of " + friendly(type.get(1)) + " */";
                default -> "null /* " + friendly(type) + " */";
            };
        }
        switch (kind) {
            case "string" -> {
                String s = value.asText();
                String[] lines = s.split("\n", -1);
                if (lines.length < 2) {
                    return GoText.quote(s);
                }
                String delimiter = "EOT";
                boolean clash = true;
                while (clash) {
                    clash = false;
                    for (String l : lines) {
                        if (l.strip().equals(delimiter)) {
                            delimiter += "_";
                            clash = true;
                            break;
                        }
                    }
                }
                StringBuilder b = new StringBuilder(indent > 0 ? "<<-" : "<<").append(delimiter);
                for (String l : lines) {
                    b.append('\n').append(" ".repeat(indent)).append(l);
                }
                return b.append('\n').append(" ".repeat(indent)).append(delimiter).toString();
            }
            case "number" -> {
                BigDecimal d = value.decimalValue();
                return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            }
            case "bool" -> {
                return value.asBoolean() ? "true" : "false";
            }
            case "object" -> {
                Map<String, JsonNode> attrs = new TreeMap<>();
                type.get(1).fields().forEachRemaining(e -> attrs.put(e.getKey(), e.getValue()));
                return mapping(attrs, value, indent);
            }
            case "map" -> {
                Map<String, JsonNode> attrs = new TreeMap<>();
                value.fieldNames().forEachRemaining(k -> attrs.put(k, type.get(1)));
                return "tomap(" + mapping(attrs, value, indent) + ")";
            }
            case "tuple" -> {
                return sequence(i -> type.get(1).get(i), value, indent);
            }
            case "list" -> {
                return "tolist(" + sequence(i -> type.get(1), value, indent) + ")";
            }
            case "set" -> {
                return "toset(" + sequence(i -> type.get(1), value, indent) + ")";
            }
            default -> {
                return format(inferType(value), value, indent);
            }
        }
    }

    /** The type of a JSON value whose declared type is dynamic. */
    static JsonNode inferType(JsonNode v) {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        if (v == null || v.isNull()) {
            return f.textNode("dynamic");
        }
        if (v.isTextual()) {
            return f.textNode("string");
        }
        if (v.isNumber()) {
            return f.textNode("number");
        }
        if (v.isBoolean()) {
            return f.textNode("bool");
        }
        var arr = f.arrayNode();
        if (v.isArray()) {
            arr.add("tuple");
            var elems = arr.addArray();
            v.forEach(x -> elems.add(inferType(x)));
        } else {
            arr.add("object");
            var attrs = arr.addObject();
            v.fields().forEachRemaining(e -> attrs.set(e.getKey(), inferType(e.getValue())));
        }
        return arr;
    }

    private static String mapping(Map<String, JsonNode> attrTypes, JsonNode value, int indent) {
        StringBuilder b = new StringBuilder("{");
        int inner = indent + 2;
        for (Map.Entry<String, JsonNode> e : attrTypes.entrySet()) {
            b.append('\n').append(" ".repeat(inner)).append(GoText.quote(e.getKey())).append(" = ")
                    .append(format(e.getValue(), value.get(e.getKey()), inner));
        }
        if (!attrTypes.isEmpty()) {
            b.append('\n').append(" ".repeat(indent));
        }
        return b.append('}').toString();
    }

    private static String sequence(java.util.function.IntFunction<JsonNode> elementType, JsonNode value, int indent) {
        StringBuilder b = new StringBuilder("[");
        int inner = indent + 2;
        for (int i = 0; i < value.size(); i++) {
            b.append('\n').append(" ".repeat(inner)).append(format(elementType.apply(i), value.get(i), inner)).append(',');
        }
        if (value.size() > 0) {
            b.append('\n').append(" ".repeat(indent));
        }
        return b.append(']').toString();
    }

    /** cty's friendly type names, used in typed-null comments. */
    static String friendly(JsonNode type) {
        if (type == null) {
            return "dynamic";
        }
        if (type.isTextual()) {
            return type.asText();
        }
        String kind = type.get(0).asText();
        return switch (kind) {
            case "list", "set", "map" -> kind + " of " + friendly(type.get(1));
            default -> kind;
        };
    }
}
