package io.capstan.engine.render;

/**
 * Text helpers that reproduce Go's formatting where Terraform's output depends on it:
 * {@code strconv.Quote} ({@code %q}), HCL identifier validity, and word wrapping as the
 * terraform CLI does it (its {@code format.WordWrap}, public: the CLI wraps its own notes with it).
 */
public final class GoText {
    /** Terraform wraps at the terminal width, 78 columns when output is not a terminal. */
    static final int COLUMNS = 78;

    private GoText() {
    }

    /** Go's {@code strconv.Quote}. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case 7 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 11 -> b.append("\\v");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        b.append(String.format("\\x%02x", cp));
                    } else if (cp < 0x80 || printable(cp)) {
                        b.appendCodePoint(cp);
                    } else if (cp < 0x10000) {
                        b.append(String.format("\\u%04x", cp));
                    } else {
                        b.append(String.format("\\U%08x", cp));
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static boolean printable(int cp) {
        int t = Character.getType(cp);
        return !(t == Character.CONTROL || t == Character.FORMAT || t == Character.UNASSIGNED
                || t == Character.SURROGATE || t == Character.PRIVATE_USE || t == Character.LINE_SEPARATOR
                || t == Character.PARAGRAPH_SEPARATOR || (t == Character.SPACE_SEPARATOR && cp != ' '));
    }

    /** HCL's {@code ValidIdentifier}: a letter or underscore, then letters, digits, '_' or '-'. */
    public static boolean validIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int first = s.codePointAt(0);
        if (!(Character.isLetter(first) || first == '_')) {
            return false;
        }
        for (int i = Character.charCount(first); i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!(Character.isLetterOrDigit(cp) || cp == '_' || cp == '-')) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** An attribute name as Terraform shows it: bare when a valid identifier, else quoted. */
    static String attributeName(String s) {
        return validIdentifier(s) ? s : quote(s);
    }

    /** Terraform's {@code format.WordWrap}: unindented lines wrap at {@code width - 1}. */
    public static String wordWrap(String s, int width) {
        String[] lines = s.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            String line = lines[i];
            out.append(line.startsWith(" ") ? line : wrap(line, width - 1));
        }
        return out.toString();
    }

    private static String wrap(String line, int limit) {
        StringBuilder out = new StringBuilder();
        int lineLen = 0;
        boolean first = true;
        for (String word : line.split(" ", -1)) {
            if (first) {
                out.append(word);
                lineLen = word.codePointCount(0, word.length());
                first = false;
                continue;
            }
            int len = word.codePointCount(0, word.length());
            if (lineLen + 1 + len > limit && lineLen > 0) {
                out.append('\n').append(word);
                lineLen = len;
            } else {
                out.append(' ').append(word);
                lineLen += 1 + len;
            }
        }
        return out.toString();
    }
}
