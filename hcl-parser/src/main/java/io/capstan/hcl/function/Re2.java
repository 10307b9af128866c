package io.capstan.hcl.function;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Go (RE2) regular expression on top of java.util.regex: the syntax differences that
 * matter are translated ({@code (?P<name>)}, group names with underscores, {@code \p{Greek}},
 * {@code $} meaning end of text) and matching follows Go's rule that an empty match right
 * after the previous match is skipped.
 */
final class Re2 {
    final Pattern pattern;
    /** Capture group names by group number (index 0 unused); null for unnamed groups. */
    final List<String> groupNames;

    private Re2(Pattern pattern, List<String> groupNames) {
        this.pattern = pattern;
        this.groupNames = groupNames;
    }

    static Re2 compile(String re2) {
        StringBuilder out = new StringBuilder();
        List<String> names = new ArrayList<>();
        names.add(null);
        boolean inClass = false;
        boolean multiline = re2.matches("(?s).*\\(\\?[a-zA-Z]*m[a-zA-Z]*[):].*");
        for (int i = 0; i < re2.length(); i++) {
            char c = re2.charAt(i);
            if (c == '\\' && i + 1 < re2.length()) {
                char n = re2.charAt(i + 1);
                if (n == 'Q') {
                    int end = re2.indexOf("\\E", i + 2);
                    String lit = end < 0 ? re2.substring(i + 2) : re2.substring(i + 2, end);
                    out.append(Pattern.quote(lit));
                    i = end < 0 ? re2.length() : end + 1;
                    continue;
                }
                if ((n == 'p' || n == 'P') && i + 2 < re2.length() && re2.charAt(i + 2) == '{') {
                    int end = re2.indexOf('}', i + 3);
                    if (end > 0) {
                        String cls = re2.substring(i + 3, end);
                        out.append('\\').append(n).append('{').append(javaClass(cls)).append('}');
                        i = end;
                        continue;
                    }
                }
                out.append(c).append(n);
                i++;
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                } else if (c == '[' && i + 1 < re2.length() && re2.charAt(i + 1) != ':') {
                    out.append('\\');
                }
                out.append(c);
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
                if (i + 1 < re2.length() && re2.charAt(i + 1) == '^') {
                    out.append('^');
                    i++;
                }
                if (i + 1 < re2.length() && re2.charAt(i + 1) == ']') {
                    out.append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '(') {
                if (re2.startsWith("(?P<", i) || re2.startsWith("(?<", i) && !re2.startsWith("(?<=", i)
                        && !re2.startsWith("(?<!", i)) {
                    int start = re2.indexOf('<', i) + 1;
                    int end = re2.indexOf('>', start);
                    if (end < 0) {
                        throw new PatternSyntaxException("missing closing >", re2, i);
                    }
                    names.add(re2.substring(start, end));
                    out.append("(?<g").append(names.size() - 1).append('>');
                    i = end;
                    continue;
                }
                if (i + 1 >= re2.length() || re2.charAt(i + 1) != '?') {
                    names.add(null);
                }
                out.append(c);
                continue;
            }
            if (c == '$' && !multiline) {
                out.append("\\z");
                continue;
            }
            out.append(c);
        }
        return new Re2(Pattern.compile(out.toString()), names);
    }

    private static String javaClass(String cls) {
        if (cls.length() > 2 && Character.isUpperCase(cls.charAt(0)) && !cls.startsWith("Is") && !cls.contains("=")) {
            try {
                Character.UnicodeScript.forName(cls);
                return "Is" + cls;
            } catch (IllegalArgumentException e) {
                return cls;
            }
        }
        return cls;
    }

    int groupCount() {
        return groupNames.size() - 1;
    }

    boolean hasNamedGroups() {
        return groupNames.stream().anyMatch(n -> n != null);
    }

    /** All matches as Go's FindAll reports them. */
    List<MatchResultView> findAll(String s) {
        List<MatchResultView> out = new ArrayList<>();
        Matcher m = pattern.matcher(s);
        int prevEnd = -1;
        while (m.find()) {
            if (m.start() == m.end() && m.start() == prevEnd) {
                continue;
            }
            out.add(new MatchResultView(m.toMatchResult()));
            prevEnd = m.end();
        }
        return out;
    }

    /** A captured match. */
    record MatchResultView(java.util.regex.MatchResult r) {
        String group(int i) {
            return r.group(i);
        }

        int start() {
            return r.start();
        }

        int end() {
            return r.end();
        }
    }

    /** Go's ReplaceAllString with {@code $1}, {@code ${name}} expansion. */
    String replaceAll(String s, String template) {
        StringBuilder sb = new StringBuilder();
        int last = 0;
        for (MatchResultView m : findAll(s)) {
            sb.append(s, last, m.start());
            expand(template, m, sb);
            last = m.end();
        }
        sb.append(s.substring(last));
        return sb.toString();
    }

    private void expand(String t, MatchResultView m, StringBuilder sb) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '$' || i + 1 >= t.length()) {
                sb.append(c);
                continue;
            }
            char n = t.charAt(i + 1);
            if (n == '$') {
                sb.append('$');
                i++;
                continue;
            }
            String name;
            int end;
            if (n == '{') {
                int close = t.indexOf('}', i + 2);
                if (close < 0) {
                    sb.append(c);
                    continue;
                }
                name = t.substring(i + 2, close);
                end = close;
            } else {
                int j = i + 1;
                while (j < t.length() && (Character.isLetterOrDigit(t.charAt(j)) || t.charAt(j) == '_')) {
                    j++;
                }
                if (j == i + 1) {
                    sb.append(c);
                    continue;
                }
                name = t.substring(i + 1, j);
                end = j - 1;
            }
            String v = group(m, name);
            if (v != null) {
                sb.append(v);
            }
            i = end;
        }
    }

    private String group(MatchResultView m, String name) {
        if (name.matches("\\d+")) {
            int g = Integer.parseInt(name);
            return g <= groupCount() ? m.group(g) : null;
        }
        int idx = groupNames.indexOf(name);
        return idx > 0 ? m.group(idx) : null;
    }
}
