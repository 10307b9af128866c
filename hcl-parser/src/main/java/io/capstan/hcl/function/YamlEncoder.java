package io.capstan.hcl.function;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.List;
import java.util.Map;

/**
 * yamlencode's output, byte for byte as Terraform's YAML emitter writes it: block style,
 * every string double-quoted (or a literal block when it holds a newline), keys quoted,
 * sequences not indented under their key, a {@code ...} document end after a bare scalar.
 */
final class YamlEncoder {
    private final StringBuilder sb = new StringBuilder();

    private YamlEncoder() {
    }

    static String encode(Value v) {
        YamlEncoder e = new YamlEncoder();
        if (isScalar(v)) {
            String s = e.scalar(v, 0);
            e.sb.append(s).append('\n');
            if (!s.startsWith("\"") && !s.startsWith("|")) {
                e.sb.append("...\n");
            }
        } else if (isEmpty(v)) {
            e.sb.append(v.isSequence() ? "[]" : "{}").append('\n');
        } else {
            e.block(v, 0);
        }
        return e.sb.toString();
    }

    private static boolean isScalar(Value v) {
        return v.isNull() || v.type().isPrimitive();
    }

    private static boolean isEmpty(Value v) {
        return !isScalar(v) && v.length() == 0;
    }

    /** Writes a non-empty collection starting at the current line position, indented by {@code indent}. */
    private void block(Value v, int indent) {
        boolean first = true;
        if (v.isSequence()) {
            for (Value e : v.elements()) {
                if (!first) {
                    sb.append(" ".repeat(indent));
                }
                first = false;
                sb.append("- ");
                item(e, indent + 2, false);
            }
        } else {
            for (Map.Entry<String, Value> e : v.entries().entrySet()) {
                if (!first) {
                    sb.append(" ".repeat(indent));
                }
                first = false;
                sb.append(quote(e.getKey())).append(':');
                Value x = e.getValue();
                if (isScalar(x) || isEmpty(x)) {
                    sb.append(' ');
                    item(x, indent + 2, true);
                } else if (x.isSequence()) {
                    sb.append('\n').append(" ".repeat(indent));
                    block(x, indent);
                } else {
                    sb.append('\n').append(" ".repeat(indent + 2));
                    block(x, indent + 2);
                }
            }
        }
    }

    private void item(Value x, int indent, boolean inMap) {
        if (isScalar(x)) {
            sb.append(scalar(x, inMap ? indent : indent)).append('\n');
        } else if (isEmpty(x)) {
            sb.append(x.isSequence() ? "[]" : "{}").append('\n');
        } else {
            block(x, indent);
        }
    }

    private String scalar(Value v, int indent) {
        if (v.isNull()) {
            return "null";
        }
        Type t = v.type();
        if (t == Type.BOOL) {
            return v.asBool() ? "true" : "false";
        }
        if (t == Type.NUMBER) {
            return v.asNumber().toString();
        }
        String s = v.asString();
        if (s.contains("\n")) {
            return literal(s, Math.max(indent, 2));
        }
        return quote(s);
    }

    private static String literal(String s, int indent) {
        String chomp;
        String body = s;
        if (s.endsWith("\n")) {
            body = s.substring(0, s.length() - 1);
            chomp = body.endsWith("\n") ? "+" : "";
        } else {
            chomp = "-";
        }
        StringBuilder b = new StringBuilder("|");
        if (!body.isEmpty() && body.charAt(0) == ' ') {
            b.append(2);
        }
        b.append(chomp);
        String pad = " ".repeat(indent);
        for (String line : List.of(body.split("\n", -1))) {
            b.append('\n');
            if (!line.isEmpty()) {
                b.append(pad).append(line);
            }
        }
        return b.toString();
    }

    /** YAML double-quoted style as libyaml writes it. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case 0 -> b.append("\\0");
                case 7 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case 0x0B -> b.append("\\v");
                case '\f' -> b.append("\\f");
                case '\r' -> b.append("\\r");
                case 0x1B -> b.append("\\e");
                case 0x85 -> b.append("\\N");
                case 0xA0 -> b.append("\\_");
                case 0x2028 -> b.append("\\L");
                case 0x2029 -> b.append("\\P");
                default -> {
                    if (c < 0x20 || c == 0x7F || c >= 0x80 && c < 0xA0 || c == 0xFEFF) {
                        b.append(c <= 0xFF ? String.format("\\x%02X", c) : String.format("\\u%04X", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }
}
