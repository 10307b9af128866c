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
        write(new Chars(sb), n, depth);
    }

    /**
     * {@link #indent} followed by a newline, in UTF-8: written as bytes in blocks and copied once into
     * the result, never held as text (a state of 600 KB took a 1 MB StringBuilder, grown by doubling,
     * and then its bytes: about 2 MB at once at the end of an apply, against 1.2 MB now).
     */
    static byte[] indentedLineUtf8(JsonNode node) {
        Utf8 out = new Utf8();
        write(out, node, 0);
        out.ascii('\n');
        return out.toByteArray();
    }

    /** Where {@link #write} puts its text. */
    private abstract static class Sink {
        abstract void ascii(char c);

        abstract void ascii(String s);

        /** {@code s} quoted as Go's encoding/json quotes (see {@code ValueJson.quote}). */
        abstract void quoted(String s);
    }

    private static final class Chars extends Sink {
        private final StringBuilder sb;

        Chars(StringBuilder sb) {
            this.sb = sb;
        }

        @Override
        void ascii(char c) {
            sb.append(c);
        }

        @Override
        void ascii(String s) {
            sb.append(s);
        }

        @Override
        void quoted(String s) {
            io.capstan.hcl.value.ValueJson.quote(s, sb);
        }
    }

    /** UTF-8 bytes in blocks of {@link #BLOCK}: growing never copies what is written. */
    private static final class Utf8 extends Sink {
        private static final int BLOCK = 16 * 1024;
        private final java.util.List<byte[]> full = new java.util.ArrayList<>();
        private byte[] block = new byte[BLOCK];
        private int pos;

        private void put(byte b) {
            if (pos == BLOCK) {
                full.add(block);
                block = new byte[BLOCK];
                pos = 0;
            }
            block[pos++] = b;
        }

        @Override
        void ascii(char c) {
            put((byte) c);
        }

        @Override
        void ascii(String s) {
            for (int i = 0, n = s.length(); i < n; i++) {
                put((byte) s.charAt(i));
            }
        }

        @Override
        void quoted(String s) {
            put((byte) '"');
            for (int i = 0, n = s.length(); i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&') {
                    // the rest as ValueJson.quote writes it (escapes, non-ASCII: per char, so a suffix
                    // quotes as it would within the whole), then in UTF-8, without its opening quote
                    StringBuilder rest = new StringBuilder(n - i + 8);
                    io.capstan.hcl.value.ValueJson.quote(s.substring(i), rest);
                    byte[] b = rest.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    for (int k = 1; k < b.length; k++) {
                        put(b[k]);
                    }
                    return;
                }
                put((byte) c);
            }
            put((byte) '"');
        }

        byte[] toByteArray() {
            byte[] out = new byte[full.size() * BLOCK + pos];
            int at = 0;
            for (byte[] b : full) {
                System.arraycopy(b, 0, out, at, BLOCK);
                at += BLOCK;
            }
            System.arraycopy(block, 0, out, at, pos);
            return out;
        }
    }

    private static void write(Sink sb, JsonNode n, int depth) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            sb.ascii("null");
        } else if (n.isTextual()) {
            sb.quoted(n.asText());
        } else if (n.isNumber()) {
            sb.ascii(number(n));
        } else if (n.isBoolean()) {
            sb.ascii(n.booleanValue() ? "true" : "false");
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                sb.ascii("[]");
                return;
            }
            sb.ascii('[');
            boolean first = true;
            for (JsonNode e : n) {
                if (!first) {
                    sb.ascii(',');
                }
                first = false;
                newline(sb, depth < 0 ? -1 : depth + 1);
                write(sb, e, depth < 0 ? -1 : depth + 1);
            }
            newline(sb, depth);
            sb.ascii(']');
        } else if (n.isObject()) {
            if (n.isEmpty()) {
                sb.ascii("{}");
                return;
            }
            sb.ascii('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) {
                    sb.ascii(',');
                }
                first = false;
                newline(sb, depth < 0 ? -1 : depth + 1);
                sb.quoted(e.getKey());
                sb.ascii(depth < 0 ? ":" : ": ");
                write(sb, e.getValue(), depth < 0 ? -1 : depth + 1);
            }
            newline(sb, depth);
            sb.ascii('}');
        } else {
            sb.quoted(n.asText());
        }
    }

    private static void newline(Sink sb, int depth) {
        if (depth < 0) {
            return;
        }
        sb.ascii('\n');
        for (int i = 0; i < depth; i++) {
            sb.ascii("  ");
        }
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
