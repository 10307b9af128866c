package io.capstan.hcl.function;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/** regex, regexall and replace, with Go regular-expression semantics (see {@link Re2}). */
final class RegexFunctions {
    private RegexFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.add(Function.builder("regex").param("pattern", Type.STRING).param("string", Type.STRING)
                .returns(args -> args.get(0).isKnown() ? resultType(compile(args.get(0).asString())) : Type.DYNAMIC)
                .impl((args, ret, ctx) -> {
                    Re2 re = compile(Args.str(args, 0));
                    List<Re2.MatchResultView> all = re.findAll(Args.str(args, 1));
                    if (all.isEmpty()) {
                        throw new FunctionException("pattern did not match any part of the given string");
                    }
                    return matchValue(re, all.get(0));
                }).build());
        r.add(Function.builder("regexall").param("pattern", Type.STRING).param("string", Type.STRING)
                .returns(args -> Type.list(args.get(0).isKnown() ? resultType(compile(args.get(0).asString())) : Type.DYNAMIC))
                .impl((args, ret, ctx) -> {
                    Re2 re = compile(Args.str(args, 0));
                    List<Value> out = new ArrayList<>();
                    for (Re2.MatchResultView m : re.findAll(Args.str(args, 1))) {
                        out.add(matchValue(re, m));
                    }
                    return Value.list(ret.elementType(), out);
                }).build());
        r.add(Function.builder("replace").param("str", Type.STRING).param("substr", Type.STRING)
                .param("replace", Type.STRING).returns(Type.STRING).impl((args, ret, ctx) -> {
                    String s = Args.str(args, 0);
                    String sub = Args.str(args, 1);
                    String rep = Args.str(args, 2);
                    if (sub.length() > 1 && sub.startsWith("/") && sub.endsWith("/")) {
                        Re2 re;
                        try {
                            re = Re2.compile(sub.substring(1, sub.length() - 1));
                        } catch (PatternSyntaxException e) {
                            throw new FunctionException("invalid regular expression: " + e.getDescription());
                        }
                        return Value.of(re.replaceAll(s, rep));
                    }
                    if (sub.isEmpty()) {
                        StringBuilder sb = new StringBuilder(rep);
                        for (String rune : Args.runes(s)) {
                            sb.append(rune).append(rep);
                        }
                        return Value.of(sb.toString());
                    }
                    return Value.of(s.replace(sub, rep));
                }).build());
    }

    private static Re2 compile(String pattern) {
        try {
            return Re2.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new FunctionException(0, "invalid regular expression pattern: " + e.getDescription());
        }
    }

    private static Type resultType(Re2 re) {
        if (re.groupCount() == 0) {
            return Type.STRING;
        }
        if (re.hasNamedGroups()) {
            Map<String, Type> attrs = new LinkedHashMap<>();
            for (String n : re.groupNames) {
                if (n != null) {
                    attrs.put(n, Type.STRING);
                }
            }
            return Type.object(attrs);
        }
        return Type.tuple(Collections.nCopies(re.groupCount(), Type.STRING));
    }

    private static Value matchValue(Re2 re, Re2.MatchResultView m) {
        if (re.groupCount() == 0) {
            return Value.of(m.group(0));
        }
        if (re.hasNamedGroups()) {
            Map<String, Value> attrs = new LinkedHashMap<>();
            for (int i = 1; i < re.groupNames.size(); i++) {
                String n = re.groupNames.get(i);
                if (n != null) {
                    attrs.put(n, str(m.group(i)));
                }
            }
            return Value.object(attrs);
        }
        List<Value> els = new ArrayList<>();
        for (int i = 1; i <= re.groupCount(); i++) {
            els.add(str(m.group(i)));
        }
        return Value.tuple(els);
    }

    private static Value str(String s) {
        return s == null ? Value.nullOf(Type.STRING) : Value.of(s);
    }
}
