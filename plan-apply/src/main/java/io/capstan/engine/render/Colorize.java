package io.capstan.engine.render;

import java.util.Map;

/**
 * Terraform's colour markup ({@code [bold]}, {@code [green]}, {@code [reset]}...): replaced by
 * ANSI codes, with a trailing reset after any coloured text, or removed when colour is off.
 * Bracketed words that are not colour names are kept verbatim.
 */
record Colorize(boolean enabled) {
    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("default", "39"), Map.entry("_default_", "49"),
            Map.entry("black", "30"), Map.entry("red", "31"), Map.entry("green", "32"),
            Map.entry("yellow", "33"), Map.entry("blue", "34"), Map.entry("magenta", "35"),
            Map.entry("cyan", "36"), Map.entry("light_gray", "37"), Map.entry("dark_gray", "90"),
            Map.entry("light_red", "91"), Map.entry("light_green", "92"), Map.entry("light_yellow", "93"),
            Map.entry("light_blue", "94"), Map.entry("light_magenta", "95"), Map.entry("light_cyan", "96"),
            Map.entry("white", "97"), Map.entry("bold", "1"), Map.entry("dim", "2"),
            Map.entry("underline", "4"), Map.entry("blink_slow", "5"), Map.entry("blink_fast", "6"),
            Map.entry("invert", "7"), Map.entry("hidden", "8"), Map.entry("reset", "0"),
            Map.entry("reset_bold", "21"));

    String color(String s) {
        int open = s.indexOf('[');
        if (open < 0) {
            return s;
        }
        // a hand scan for [word] (what CODE matches): this runs for every line of a plan
        StringBuilder out = new StringBuilder(s.length() + 16);
        out.append(s, 0, open);
        boolean colored = false;
        int i = open;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c != '[') {
                out.append(c);
                i++;
                continue;
            }
            int j = i + 1;
            while (j < n && isCodeChar(s.charAt(j))) {
                j++;
            }
            if (j == i + 1 || j >= n || s.charAt(j) != ']') {
                out.append('[');
                i++;
                continue;
            }
            String code = CODES.get(s.substring(i + 1, j));
            if (code == null) {
                out.append(s, i, j + 1);
            } else {
                colored = true;
                if (enabled) {
                    out.append("\033[").append(code).append('m');
                }
            }
            i = j + 1;
        }
        if (colored && enabled) {
            out.append("\033[0m");
        }
        return out.toString();
    }

    private static boolean isCodeChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }
}
