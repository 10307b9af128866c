package io.capstan.hcl.parser;

/**
 * HCL's {@code hclsyntax.ValidIdentifier}: whether a whole string scans as one identifier token —
 * an {@code ID_Start} character or underscore, then {@code ID_Continue} characters or dashes. The
 * character sets are the lexer's own ({@link IdentifierChars}), so the configuration language, the
 * places that decide whether a name needs quoting and the places that validate a label agree.
 */
public final class Identifiers {
    private Identifiers() {
    }

    /** Whether {@code s} is a valid HCL identifier. */
    public static boolean valid(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int c0 = s.codePointAt(0);
        if (!(c0 < 0x80 ? asciiLetter(c0) || c0 == '_' : IdentifierChars.start(c0))) {
            return false;
        }
        for (int i = Character.charCount(c0); i < s.length(); ) {
            int c = s.codePointAt(i);
            boolean part = c < 0x80
                    ? asciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-'
                    : IdentifierChars.part(c);
            if (!part) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean asciiLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
