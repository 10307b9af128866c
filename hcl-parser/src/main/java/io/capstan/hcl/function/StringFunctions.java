package io.capstan.hcl.function;

import static io.capstan.hcl.function.Args.str;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** String functions: upper, lower, title, trim*, chomp, indent, split, join, substr, strrev... */
final class StringFunctions {
    private StringFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.add(unary("upper", s -> mapCodePoints(s, Character::toUpperCase)));
        r.add(unary("lower", s -> mapCodePoints(s, Character::toLowerCase)));
        r.add(unary("title", StringFunctions::title));
        r.add(unary("strrev", s -> {
            List<String> g = Args.graphemes(s);
            Collections.reverse(g);
            return String.join("", g);
        }));
        r.add(unary("chomp", s -> s.replaceFirst("(\\r\\n|\\n|\\r)+$", "")));
        r.add(unary("trimspace", StringFunctions::trimSpace));
        r.add(binary("trimprefix", "str", "prefix", (s, p) -> s.startsWith(p) ? s.substring(p.length()) : s));
        r.add(binary("trimsuffix", "str", "suffix", (s, p) -> s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s));
        r.add(binary("trim", "str", "cutset", StringFunctions::trim));
        r.add(predicate("startswith", "prefix", String::startsWith));
        r.add(predicate("endswith", "suffix", String::endsWith));
        r.add(predicate("strcontains", "substr", String::contains));
        r.add(Function.builder("indent").param("spaces", Type.NUMBER).param("str", Type.STRING).returns(Type.STRING)
                .impl((args, ret, ctx) -> {
                    int n = Args.integer(args, 0);
                    if (n < 0) {
                        throw new FunctionException("strings: negative Repeat count");
                    }
                    String pad = " ".repeat(n);
                    return Value.of(str(args, 1).replace("\n", "\n" + pad));
                }).build());
        r.add(Function.builder("split").param("separator", Type.STRING).param("str", Type.STRING)
                .returns(Type.list(Type.STRING)).impl((args, ret, ctx) -> {
                    List<Value> out = new ArrayList<>();
                    for (String part : split(str(args, 1), str(args, 0))) {
                        out.add(Value.of(part));
                    }
                    return Value.list(Type.STRING, out);
                }).build());
        r.add(Function.builder("join").param("separator", Type.STRING)
                .variadic(Parameter.of("lists", Type.list(Type.STRING))).returns(Type.STRING)
                .impl((args, ret, ctx) -> {
                    if (args.size() < 2) {
                        throw new FunctionException("at least one list is required");
                    }
                    List<String> parts = new ArrayList<>();
                    for (int i = 1; i < args.size(); i++) {
                        int j = 0;
                        for (Value v : args.get(i).elements()) {
                            if (v.isNull()) {
                                throw new FunctionException(i, "element " + j + " is null; cannot concatenate null values");
                            }
                            parts.add(v.asString());
                            j++;
                        }
                    }
                    return Value.of(String.join(str(args, 0), parts));
                }).build());
        r.add(Function.builder("substr").param("str", Type.STRING).param("offset", Type.NUMBER)
                .param("length", Type.NUMBER).returns(Type.STRING).impl((args, ret, ctx) -> {
                    List<String> g = Args.graphemes(str(args, 0));
                    int offset = Args.integerArg(args, 1);
                    int length = Args.integerArg(args, 2);
                    int n = g.size();
                    if (offset < 0) {
                        offset += n;
                        if (offset < 0) {
                            offset = 0;
                        }
                    }
                    if (offset > n) {
                        return Value.EMPTY_STRING;
                    }
                    int end = length < 0 ? n : Math.min(n, offset + length);
                    return Value.of(String.join("", g.subList(offset, Math.max(offset, end))));
                }).build());
    }

    static Function unary(String name, java.util.function.UnaryOperator<String> f) {
        return Function.builder(name).param("str", Type.STRING).returns(Type.STRING)
                .impl((args, ret, ctx) -> Value.of(f.apply(str(args, 0)))).build();
    }

    static Function binary(String name, String p2, java.util.function.BinaryOperator<String> f) {
        return binary(name, "str", p2, f);
    }

    static Function binary(String name, String p1, String p2, java.util.function.BinaryOperator<String> f) {
        return Function.builder(name).param(p1, Type.STRING).param(p2, Type.STRING).returns(Type.STRING)
                .impl((args, ret, ctx) -> Value.of(f.apply(str(args, 0), str(args, 1)))).build();
    }

    static Function predicate(String name, String p2, java.util.function.BiPredicate<String, String> f) {
        return Function.builder(name).param("str", Type.STRING).param(p2, Type.STRING).returns(Type.BOOL)
                .impl((args, ret, ctx) -> Value.of(f.test(str(args, 0), str(args, 1)))).build();
    }

    static String mapCodePoints(String s, java.util.function.IntUnaryOperator f) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().map(f).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /** Go's strings.Title: the first letter of each word in title case. */
    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int prev = ' ';
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            sb.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(c) : c);
            prev = c;
            i += Character.charCount(c);
        }
        return sb.toString();
    }

    private static boolean isSeparator(int c) {
        if (c <= 0x7F) {
            return !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_');
        }
        if (Character.isLetterOrDigit(c)) {
            return false;
        }
        return Args.isGoSpace(c);
    }

    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && Args.isGoSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && Args.isGoSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    static String trim(String s, String cutset) {
        int start = 0;
        int end = s.length();
        while (start < end && cutset.indexOf(s.codePointAt(start)) >= 0) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && cutset.indexOf(s.codePointBefore(end)) >= 0) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** Go's strings.Split: empty separator splits into runes; no limit on parts. */
    static List<String> split(String s, String sep) {
        if (sep.isEmpty()) {
            return Args.runes(s);
        }
        List<String> out = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = s.indexOf(sep, from)) >= 0) {
            out.add(s.substring(from, at));
            from = at + sep.length();
        }
        out.add(s.substring(from));
        return out;
    }
}
