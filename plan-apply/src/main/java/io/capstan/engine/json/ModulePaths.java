package io.capstan.engine.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a module instance address as state writes it ({@code module.a["k"].module.b[0]})
 * into its steps ({@code module.a["k"]}, {@code module.b[0]}), honouring quoted keys that
 * contain dots or brackets.
 */
public final class ModulePaths {
    private ModulePaths() {
    }

    /** The steps of {@code module}, empty for the root module (null or ""). */
    public static List<String> split(String module) {
        List<String> out = new ArrayList<>();
        if (module == null || module.isEmpty()) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < module.length(); i++) {
            char c = module.charAt(i);
            if (quoted) {
                cur.append(c);
                if (c == '\\' && i + 1 < module.length()) {
                    cur.append(module.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
                cur.append(c);
            } else if (c == '.' && module.startsWith("module.", i + 1)) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }
}
