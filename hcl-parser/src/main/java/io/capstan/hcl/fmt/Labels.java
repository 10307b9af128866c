package io.capstan.hcl.fmt;

/**
 * Block-label normalisation as {@code terraform fmt} does it: a label is re-emitted as a
 * quoted string; its value is read back only when the quoted label is at most one literal
 * segment in HCL's scanner (a lone {@code $}, {@code %}, {@code $${} or {@code %%{} starts a
 * segment of its own), and Terraform silently drops labels it cannot read that way.
 */
final class Labels {
    private Labels() {
    }

    /** The label's value, or null when Terraform would drop it (more than one segment). */
    static String decodeSingleLiteral(String lit) {
        if (lit.isEmpty()) {
            return "";
        }
        if (segments(lit) != 1) {
            return null;
        }
        if (lit.equals("$${")) {
            return "${";
        }
        if (lit.equals("%%{")) {
            return "%{";
        }
        StringBuilder sb = new StringBuilder(lit.length());
        for (int i = 0; i < lit.length(); i++) {
            char c = lit.charAt(i);
            if (c != '\\' || i + 1 >= lit.length()) {
                sb.append(c);
                continue;
            }
            char e = lit.charAt(++i);
            switch (e) {
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case 'u': case 'U': {
                    int len = e == 'u' ? 4 : 8;
                    if (isHex(lit, i + 1, len)) {
                        sb.appendCodePoint(Integer.parseInt(lit.substring(i + 1, i + 1 + len), 16));
                        i += len;
                    } else {
                        sb.append('\\').append(e);
                    }
                    break;
                }
                default:
                    sb.append('\\').append(e);
            }
        }
        return sb.toString();
    }

    private static boolean isHex(String s, int from, int len) {
        if (from + len > s.length()) {
            return false;
        }
        for (int i = from; i < from + len; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Number of literal tokens HCL's scanner makes of this quoted-string text. */
    static int segments(String lit) {
        int n = 0;
        int i = 0;
        int len = lit.length();
        while (i < len) {
            char c = lit.charAt(i);
            if ((c == '$' || c == '%') && lit.startsWith(c == '$' ? "$${" : "%%{", i)) {
                i += 3;
            } else if (c == '$' || c == '%') {
                i++;
            } else {
                while (i < len && lit.charAt(i) != '$' && lit.charAt(i) != '%') {
                    i += lit.charAt(i) == '\\' ? 2 : 1;
                }
            }
            n++;
        }
        return n;
    }

    /** Quotes a label value the way Terraform writes string literals. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '$': case '%':
                    sb.appendCodePoint(cp);
                    if (i < s.length() && s.charAt(i) == '{') {
                        sb.appendCodePoint(cp);
                    }
                    break;
                default:
                    if (isPrint(cp)) {
                        sb.appendCodePoint(cp);
                    } else if (cp < 0x10000) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.append(String.format("\\U%08x", cp));
                    }
            }
        }
        return sb.toString();
    }

    /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER: case Character.LOWERCASE_LETTER: case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER: case Character.OTHER_LETTER:
            case Character.NON_SPACING_MARK: case Character.ENCLOSING_MARK: case Character.COMBINING_SPACING_MARK:
            case Character.DECIMAL_DIGIT_NUMBER: case Character.LETTER_NUMBER: case Character.OTHER_NUMBER:
            case Character.CONNECTOR_PUNCTUATION: case Character.DASH_PUNCTUATION: case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION: case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION: case Character.OTHER_PUNCTUATION:
            case Character.MATH_SYMBOL: case Character.CURRENCY_SYMBOL: case Character.MODIFIER_SYMBOL:
            case Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }
}
