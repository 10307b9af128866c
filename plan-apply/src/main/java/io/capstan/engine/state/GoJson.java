package io.capstan.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON byte-for-byte as Go's {@code json.MarshalIndent(v, "", "  ")} does, which is
 * how Terraform writes state: two-space indent, {@code "key": value}, empty containers as
 * {@code []} / {@code {}}, and HTML-sensitive characters escaped ({@code <} as
 * {@code \u003c}, likewise {@code >}, {@code &}, U+2028, U+2029).
 */
public final class GoJson {
    private GoJson() {
    }

    /** Pretty-prints a node; object keys stay in the node's order. */
    public static String indent(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(sb, node, 0);
        return sb.toString();
    }

    /** Compact form, as Go's {@code json.Marshal}. */
    public static String compact(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(sb, node, -1);
        return sb.toString();
    }

    static void write(StringBuilder sb, JsonNode n, int depth) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            sb.append("null");
        } else if (n.isTextual()) {
            io.capstan.hcl.value.ValueJson.quote(n.asText(), sb);
        } else if (n.isNumber()) {
            sb.append(number(n));
        } else if (n.isBoolean()) {
            sb.append(n.booleanValue());
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            boolean first = true;
            for (JsonNode e : n) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                newline(sb, depth < 0 ? -1 : depth + 1);
                write(sb, e, depth < 0 ? -1 : depth + 1);
            }
            newline(sb, depth);
            sb.append(']');
        } else if (n.isObject()) {
            if (n.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) {
                    sb.append(',');
                }
                first = false;
                newline(sb, depth < 0 ? -1 : depth + 1);
                io.capstan.hcl.value.ValueJson.quote(e.getKey(), sb);
                sb.append(depth < 0 ? ":" : ": ");
                write(sb, e.getValue(), depth < 0 ? -1 : depth + 1);
            }
            newline(sb, depth);
            sb.append('}');
        } else {
            sb.append(quote(n.asText()));
        }
    }

    private static void newline(StringBuilder sb, int depth) {
        if (depth < 0) {
            return;
        }
        sb.append('\n');
        for (int i = 0; i < depth; i++) {
            sb.append("  ");
        }
    }

    /**
     * The text in UTF-8, copied once (a String of it first would be one copy more). The chars are
     * taken in blocks through {@code getChars}: one {@code charAt} call per char (a bounds and a
     * coder check each, not inlined by the C1-only JIT the launcher runs) was 7% of the CPU
     * samples of an apply of count 1,000.
     */
    static byte[] utf8(CharSequence text) {
        if (!(text instanceof StringBuilder sb)) {
            return text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        int n = sb.length();
        byte[] out = new byte[n];
        char[] block = new char[Math.min(n, 8192)];
        for (int start = 0; start < n; start += block.length) {
            int len = Math.min(block.length, n - start);
            sb.getChars(start, start + len, block, 0);
            for (int i = 0; i < len; i++) {
                char c = block[i];
                if (c >= 0x80) {
                    return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                out[start + i] = (byte) c;
            }
        }
        return out;
    }

    private static String number(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        java.math.BigDecimal d = n.decimalValue().stripTrailingZeros();
        if (d.scale() <= 0) {
            return d.toBigInteger().toString();
        }
        return d.toPlainString();
    }
    /** Go's encoding/json quoting, as Terraform writes JSON. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        io.capstan.hcl.value.ValueJson.quote(s, sb);
        return sb.toString();
    }
}
