package io.capstan.hcl.function;

import java.util.ArrayList;
import java.util.List;

/**
 * The glob dialect of Terraform's {@code fileset} (doublestar v1 over Go's path matching),
 * as observed with {@code terraform console} 1.11.4: the pattern is split into
 * {@code /}-separated components; a component {@code **} matches zero or more directories
 * (and everything below when last); inside a component {@code *} (also {@code **} next to
 * other characters) matches any run of characters, {@code ?} one character, {@code [...]}
 * a class with ranges where only {@code ^} negates ({@code [!a]} means "! or a"),
 * {@code {a,b}} alternatives closed by the first {@code }} (no nesting: each alternative is
 * matched again with the rest of the component appended), and a backslash escapes the next
 * character. Dot files get no special treatment. A malformed class or an unclosed brace is a
 * syntax error; a trailing backslash simply never matches.
 */
final class Glob {
    /** The pattern is malformed ("syntax error in pattern", Go's ErrBadPattern). */
    static final class BadPatternException extends Exception {
        BadPatternException() {
            super("syntax error in pattern", null, false, false);
        }
    }

    private final List<String> components;

    private Glob(List<String> components) {
        this.components = components;
    }

    /** Compiles a pattern relative to the searched directory; empty components are dropped. */
    static Glob compile(String pattern) throws BadPatternException {
        List<String> comps = new ArrayList<>();
        for (String c : pattern.split("/", -1)) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (!c.equals("**")) {
                validate(c);
            }
            comps.add(c);
        }
        return new Glob(comps);
    }

    /** Whether a relative path ({@code /}-separated) matches. */
    boolean matches(String relPath) {
        String[] parts = relPath.split("/");
        return matchFrom(0, parts, 0);
    }

    private boolean matchFrom(int ci, String[] parts, int pi) {
        if (ci == components.size()) {
            return pi == parts.length;
        }
        String c = components.get(ci);
        if (c.equals("**")) {
            for (int skip = pi; skip <= parts.length; skip++) {
                if (matchFrom(ci + 1, parts, skip)) {
                    return true;
                }
            }
            // A final "**" also matches everything below.
            return ci == components.size() - 1;
        }
        return pi < parts.length && component(c, 0, parts[pi], 0) && matchFrom(ci + 1, parts, pi + 1);
    }

    /** Matches one component pattern (from index p) against a name (from index n). */
    private static boolean component(String pat, int p, String name, int n) {
        while (p < pat.length()) {
            char c = pat.charAt(p);
            switch (c) {
                case '*' -> {
                    while (p < pat.length() && pat.charAt(p) == '*') {
                        p++;
                    }
                    for (int k = n; k <= name.length(); k++) {
                        if (component(pat, p, name, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (n >= name.length()) {
                        return false;
                    }
                    n += Character.charCount(name.codePointAt(n));
                    p++;
                }
                case '[' -> {
                    if (n >= name.length()) {
                        return false;
                    }
                    int cp = name.codePointAt(n);
                    int end = classEnd(pat, p);
                    if (!classMatches(pat, p + 1, end, cp)) {
                        return false;
                    }
                    n += Character.charCount(cp);
                    p = end + 1;
                }
                case '{' -> {
                    int close = pat.indexOf('}', p);
                    String rest = pat.substring(close + 1);
                    for (String alt : pat.substring(p + 1, close).split(",", -1)) {
                        if (component(alt + rest, 0, name, n)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '\\' -> {
                    if (p + 1 >= pat.length() || n >= name.length() || name.charAt(n) != pat.charAt(p + 1)) {
                        return false;
                    }
                    p += 2;
                    n++;
                }
                default -> {
                    if (n >= name.length() || name.charAt(n) != c) {
                        return false;
                    }
                    p++;
                    n++;
                }
            }
        }
        return n == name.length();
    }

    /** Index of the ']' closing the class that starts at {@code open} (validated beforehand). */
    private static int classEnd(String pat, int open) {
        int i = open + 1;
        if (i < pat.length() && pat.charAt(i) == '^') {
            i++;
        }
        boolean first = true;
        while (true) {
            char c = pat.charAt(i);
            if (c == ']' && !first) {
                return i;
            }
            i += c == '\\' ? 2 : 1;
            first = false;
        }
    }

    private static boolean classMatches(String pat, int from, int end, int cp) {
        boolean negated = pat.charAt(from) == '^';
        int i = negated ? from + 1 : from;
        boolean match = false;
        while (i < end) {
            int lo = pat.charAt(i) == '\\' ? pat.charAt(++i) : pat.charAt(i);
            i++;
            int hi = lo;
            if (i < end && pat.charAt(i) == '-') {
                i++;
                hi = pat.charAt(i) == '\\' ? pat.charAt(++i) : pat.charAt(i);
                i++;
            }
            if (lo <= cp && cp <= hi) {
                match = true;
            }
        }
        return match != negated;
    }

    /** Checks classes and braces of one component, as Go's path.Match does for classes. */
    private static void validate(String c) throws BadPatternException {
        int i = 0;
        while (i < c.length()) {
            char ch = c.charAt(i);
            if (ch == '\\') {
                i += 2;
            } else if (ch == '[') {
                i++;
                if (i < c.length() && c.charAt(i) == '^') {
                    i++;
                }
                int ranges = 0;
                while (true) {
                    if (i < c.length() && c.charAt(i) == ']' && ranges > 0) {
                        i++;
                        break;
                    }
                    i = classChar(c, i);
                    if (i < c.length() && c.charAt(i) == '-') {
                        i = classChar(c, i + 1);
                    }
                    ranges++;
                }
            } else if (ch == '{') {
                if (c.indexOf('}', i) < 0) {
                    throw new BadPatternException();
                }
                i++;
            } else {
                i++;
            }
        }
    }

    /** One (possibly escaped) class character; '-', ']' or the end there are errors. */
    private static int classChar(String c, int i) throws BadPatternException {
        if (i >= c.length() || c.charAt(i) == '-' || c.charAt(i) == ']') {
            throw new BadPatternException();
        }
        if (c.charAt(i) == '\\') {
            if (i + 1 >= c.length()) {
                throw new BadPatternException();
            }
            return i + 2;
        }
        return i + 1;
    }
}
