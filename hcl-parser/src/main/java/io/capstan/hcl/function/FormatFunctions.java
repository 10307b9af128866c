package io.capstan.hcl.function;

import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.GoFormat;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** format and formatlist: Go's fmt verbs over Terraform values, as cty's format function. */
final class FormatFunctions {
    private FormatFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.add(Function.builder("format").param("format", Type.STRING)
                .variadic(Parameter.of("args", Type.DYNAMIC).nullable().unknowns())
                .returns(Type.STRING).impl((args, ret, ctx) -> {
                    for (Value a : args) {
                        if (!a.isWhollyKnown()) {
                            return Value.unknown(Type.STRING);
                        }
                    }
                    return Value.of(format(Args.str(args, 0), args.subList(1, args.size())));
                }).build());
        r.add(Function.builder("formatlist").param("format", Type.STRING)
                .variadic(Parameter.of("args", Type.DYNAMIC).nullable().unknowns())
                .returns(Type.list(Type.STRING)).impl((args, ret, ctx) -> {
                    List<Value> rest = args.subList(1, args.size());
                    int n = -1;
                    for (int i = 0; i < rest.size(); i++) {
                        Value a = rest.get(i);
                        if (!a.isKnown()) {
                            return Value.unknown(ret);
                        }
                        if (a.isSequence() && !a.isNull()) {
                            if (n >= 0 && a.length() != n) {
                                throw new FunctionException(i + 1, "argument " + (i + 1)
                                        + " has length " + a.length() + ", which is inconsistent with argument 1 of length " + n);
                            }
                            n = a.length();
                        }
                    }
                    if (n < 0) {
                        n = 1;
                    }
                    List<Value> out = new ArrayList<>();
                    for (int j = 0; j < n; j++) {
                        List<Value> row = new ArrayList<>();
                        for (Value a : rest) {
                            row.add(a.isSequence() && !a.isNull() ? a.elements().get(j) : a);
                        }
                        for (Value v : row) {
                            if (!v.isWhollyKnown()) {
                                return Value.unknown(ret);
                            }
                        }
                        out.add(Value.of(format(Args.str(args, 0), row)));
                    }
                    return Value.list(Type.STRING, out);
                }).build());
    }

    static String format(String f, List<Value> args) {
        StringBuilder sb = new StringBuilder();
        int argi = 0;
        int i = 0;
        boolean usedIndex = false;
        while (i < f.length()) {
            char c = f.charAt(i);
            if (c != '%') {
                sb.append(c);
                i++;
                continue;
            }
            i++;
            if (i >= f.length()) {
                throw new FunctionException("invalid format string starting at offset " + (i - 1));
            }
            if (f.charAt(i) == '%') {
                sb.append('%');
                i++;
                continue;
            }
            boolean minus = false, plus = false, zero = false, space = false, sharp = false;
            loop:
            while (i < f.length()) {
                switch (f.charAt(i)) {
                    case '-' -> minus = true;
                    case '+' -> plus = true;
                    case '0' -> zero = true;
                    case ' ' -> space = true;
                    case '#' -> sharp = true;
                    default -> {
                        break loop;
                    }
                }
                i++;
            }
            if (i < f.length() && f.charAt(i) == '[') {
                int close = f.indexOf(']', i);
                int idx = Integer.parseInt(f.substring(i + 1, close));
                argi = idx - 1;
                usedIndex = true;
                i = close + 1;
            }
            int width = -1;
            int start = i;
            while (i < f.length() && Character.isDigit(f.charAt(i))) {
                i++;
            }
            if (i > start) {
                width = Integer.parseInt(f.substring(start, i));
            }
            int prec = -1;
            if (i < f.length() && f.charAt(i) == '.') {
                i++;
                start = i;
                while (i < f.length() && Character.isDigit(f.charAt(i))) {
                    i++;
                }
                prec = i > start ? Integer.parseInt(f.substring(start, i)) : 0;
            }
            if (i >= f.length()) {
                throw new FunctionException("invalid format string starting at offset " + start);
            }
            char verb = f.charAt(i++);
            if (argi >= args.size() || argi < 0) {
                throw new FunctionException("not enough arguments for \"%" + verb + "\" at " + (i - 1));
            }
            Value arg = args.get(argi++);
            String s = verb(verb, arg, prec, plus, space, sharp, i - 1);
            int len = s.codePointCount(0, s.length());
            if (width > len) {
                String pad = (zero && !minus && "dbxXofeEgG".indexOf(verb) >= 0 ? "0" : " ").repeat(width - len);
                if (minus) {
                    s = s + " ".repeat(width - len);
                } else if (pad.startsWith("0") && (s.startsWith("-") || s.startsWith("+"))) {
                    s = s.charAt(0) + pad + s.substring(1);
                } else {
                    s = pad + s;
                }
            }
            sb.append(s);
        }
        if (!usedIndex && argi < args.size()) {
            throw new FunctionException(argi + 1, "too many arguments; no verbs to use");
        }
        return sb.toString();
    }

    private static String verb(char verb, Value arg, int prec, boolean plus, boolean space, boolean sharp, int at) {
        try {
            switch (verb) {
                case 'v': {
                    if (sharp) {
                        return ValueJson.encode(arg);
                    }
                    if (arg.isNull()) {
                        return "null";
                    }
                    Type t = arg.type();
                    if (t == Type.STRING) {
                        return arg.asString();
                    }
                    if (t == Type.NUMBER) {
                        return sign(arg.asNumber().toGString(false), plus, space);
                    }
                    if (t == Type.BOOL) {
                        return Boolean.toString(arg.asBool());
                    }
                    return ValueJson.encode(arg);
                }
                case 's': {
                    String s = Convert.convert(nonNull(arg, verb, at), Type.STRING).asString();
                    if (prec >= 0 && s.codePointCount(0, s.length()) > prec) {
                        s = s.substring(0, s.offsetByCodePoints(0, prec));
                    }
                    return s;
                }
                case 'q':
                    return GoFormat.quote(Convert.convert(nonNull(arg, verb, at), Type.STRING).asString());
                case 't':
                    return Boolean.toString(Convert.convert(nonNull(arg, verb, at), Type.BOOL).asBool());
                case 'd': case 'b': case 'o': case 'x': case 'X': {
                    BigNumber n = Convert.convert(nonNull(arg, verb, at), Type.NUMBER).asNumber();
                    if (!n.isInteger()) {
                        throw new FunctionException("unsupported value for \"%" + verb + "\" at " + at + ": value must be a whole number");
                    }
                    BigInteger v = n.toBigInteger();
                    int radix = switch (verb) {
                        case 'b' -> 2;
                        case 'o' -> 8;
                        case 'x', 'X' -> 16;
                        default -> 10;
                    };
                    String s = v.abs().toString(radix);
                    if (verb == 'X') {
                        s = s.toUpperCase();
                    }
                    if (sharp && radix == 16) {
                        s = (verb == 'X' ? "0X" : "0x") + s;
                    } else if (sharp && radix == 8) {
                        s = "0" + s;
                    }
                    return sign((v.signum() < 0 ? "-" : "") + s, plus, space);
                }
                case 'e': case 'E': {
                    BigNumber n = Convert.convert(nonNull(arg, verb, at), Type.NUMBER).asNumber();
                    return sign(n.toExponent(prec < 0 ? 6 : prec, verb == 'E'), plus, space);
                }
                case 'f': case 'F': {
                    BigNumber n = Convert.convert(nonNull(arg, verb, at), Type.NUMBER).asNumber();
                    return sign(n.toFixed(prec < 0 ? 6 : prec), plus, space);
                }
                case 'g': case 'G': {
                    BigNumber n = Convert.convert(nonNull(arg, verb, at), Type.NUMBER).asNumber();
                    if (prec < 0) {
                        return sign(n.toGString(verb == 'G'), plus, space);
                    }
                    return sign(GoFormat.gWithPrecision(n, Math.max(prec, 1)), plus, space);
                }
                default:
                    throw new FunctionException("unsupported format verb \"%" + verb + "\" at " + at);
            }
        } catch (ConversionException e) {
            throw new FunctionException("unsupported value for \"%" + verb + "\" at " + at + ": " + e.describe());
        }
    }

    private static Value nonNull(Value v, char verb, int at) {
        if (v.isNull()) {
            throw new FunctionException("unsupported value for \"%" + verb + "\" at " + at + ": null value cannot be formatted");
        }
        return v;
    }

    private static String sign(String s, boolean plus, boolean space) {
        if (s.startsWith("-")) {
            return s;
        }
        return plus ? "+" + s : space ? " " + s : s;
    }
}
