package io.capstan.engine.render;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Terraform's colour markup ({@code [bold]}, {@code [green]}, {@code [reset]}...): replaced by
 * ANSI codes, with a trailing reset after any coloured text, or removed when colour is off.
 * Bracketed words that are not colour names are kept verbatim.
 */
record Colorize(boolean enabled) {
    private static final Pattern CODE = Pattern.compile("(?i)\\[[a-z0-9_-]+\\]");
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
        Matcher m = CODE.matcher(s);
        StringBuilder out = new StringBuilder(s.length() + 16);
        int last = 0;
        boolean colored = false;
        while (m.find()) {
            out.append(s, last, m.start());
            last = m.end();
            String code = CODES.get(s.substring(m.start() + 1, m.end() - 1));
            if (code == null) {
                out.append(s, m.start(), m.end());
                continue;
            }
            colored = true;
            if (enabled) {
                out.append("\033[").append(code).append('m');
            }
        }
        out.append(s, last, s.length());
        if (colored && enabled) {
            out.append("\033[0m");
        }
        return out.toString();
    }
}
