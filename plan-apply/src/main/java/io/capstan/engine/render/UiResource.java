package io.capstan.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A resource instance address decomposed as the machine-readable UI's {@code resource} object
 * wants it: full address, module path, module-relative address, type, name, instance key and
 * the provider implied by the type. Also the display form used in human progress lines.
 */
public record UiResource(String addr, String module, String resource, String type, String name, JsonNode key) {
    public UiResource {
        Objects.requireNonNull(addr, "addr");
    }

    /** Parses an absolute instance address such as {@code module.a["x"].aws_vpc.main[0]}. */
    public static UiResource parse(String addr) {
        int i = 0;
        String module = "";
        // Skip "module.NAME[key]" steps.
        while (addr.startsWith("module.", i)) {
            int end = scanStep(addr, i + "module.".length());
            module = addr.substring(0, end);
            i = end + 1;
        }
        String rel = addr.substring(i);
        boolean data = rel.startsWith("data.");
        String r = data ? rel.substring(5) : rel;
        int dot = r.indexOf('.');
        String type = r.substring(0, dot);
        String rest = r.substring(dot + 1);
        int br = rest.indexOf('[');
        String name = br < 0 ? rest : rest.substring(0, br);
        JsonNode key = JsonNodeFactory.instance.nullNode();
        if (br >= 0) {
            String k = rest.substring(br + 1, rest.length() - 1);
            if (k.startsWith("\"")) {
                key = JsonNodeFactory.instance.textNode(unquote(k));
            } else {
                key = JsonNodeFactory.instance.numberNode(plainInt(k) ? Integer.parseInt(k) : new BigDecimal(k).intValueExact());
            }
        }
        return new UiResource(addr, module, rel, type, name, key);
    }

    /** Whether {@code k} is a plain decimal integer that fits an int (what an instance key in an address is). */
    private static boolean plainInt(String k) {
        if (k.isEmpty() || k.length() > 9) {
            return false;
        }
        for (int i = 0; i < k.length(); i++) {
            char ch = k.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    private static int scanStep(String s, int from) {
        int i = from;
        boolean inString = false;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (inString) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    inString = false;
                }
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '.') {
                return i;
            }
            i++;
        }
        return i;
    }

    private static String unquote(String q) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < q.length() - 1; i++) {
            char ch = q.charAt(i);
            if (ch == '\\' && i + 1 < q.length() - 1) {
                char n = q.charAt(++i);
                b.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /** The provider local name implied by the resource type: its prefix before the first '_'. */
    public String impliedProvider() {
        int u = type.indexOf('_');
        return u < 0 ? type : type.substring(0, u);
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("addr", addr);
        o.put("module", module);
        o.put("resource", resource);
        o.put("implied_provider", impliedProvider());
        o.put("resource_type", type);
        o.put("resource_name", name);
        o.set("resource_key", key);
        return o;
    }
}
