package io.capstan.hcl.function;

import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Numeric functions: abs, ceil, floor, log, pow, signum, max, min, sum, parseint, range. */
final class NumericFunctions {
    private NumericFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.add(num1("abs", n -> n.isNegative() ? n.negate() : n));
        r.add(num1("ceil", BigNumber::ceil));
        r.add(num1("floor", BigNumber::floor));
        r.add(num1("signum", n -> {
            if (!n.isInteger() || n.toBigInteger().bitLength() > 63) {
                throw new FunctionException(n.isInteger() ? "value must be a whole number, between -9223372036854775808 and 9223372036854775807"
                        : "value must be a whole number, between -9223372036854775808 and 9223372036854775807");
            }
            return BigNumber.of(n.signum());
        }));
        r.add(Function.builder("log").param("num", Type.NUMBER).param("base", Type.NUMBER).returns(Type.NUMBER)
                .impl((args, ret, ctx) -> {
                    double v = Math.log(Args.num(args, 0).doubleValue()) / Math.log(Args.num(args, 1).doubleValue());
                    return Value.of(float64(v));
                }).build());
        r.add(Function.builder("pow").param("num", Type.NUMBER).param("power", Type.NUMBER).returns(Type.NUMBER)
                .impl((args, ret, ctx) -> Value.of(float64(Math.pow(Args.num(args, 0).doubleValue(),
                        Args.num(args, 1).doubleValue())))).build());
        r.add(extremum("max", 1));
        r.add(extremum("min", -1));
        r.add(Function.builder("sum").param("list", Type.DYNAMIC).returns(Type.NUMBER).impl((args, ret, ctx) -> {
            Value list = args.get(0);
            if (!list.isSequence()) {
                throw new FunctionException(0, "cannot sum noniterable");
            }
            if (list.length() == 0) {
                throw new FunctionException(0, "cannot sum an empty list");
            }
            BigNumber total = null;
            for (Value e : list.elements()) {
                if (!e.isKnown()) {
                    return Value.unknown(Type.NUMBER); // known only once every element is (as cty's sum)
                }
                if (e.isNull()) {
                    throw new FunctionException(0, "argument must be list, set, or tuple of number values");
                }
                Value n;
                try {
                    n = io.capstan.hcl.value.Convert.convert(e, Type.NUMBER);
                } catch (io.capstan.hcl.value.ConversionException x) {
                    throw new FunctionException(0, "argument must be list, set, or tuple of number values");
                }
                total = total == null ? n.asNumber() : total.add(n.asNumber());
            }
            return Value.of(total);
        }).build());
        r.add(Function.builder("parseint").param(Parameter.of("number", Type.DYNAMIC)).param("base", Type.NUMBER)
                .returns(Type.NUMBER).impl((args, ret, ctx) -> {
                    Value s = args.get(0);
                    if (s.type() != Type.STRING) {
                        throw new FunctionException(0, "first argument must be a string, not " + s.type().friendlyName());
                    }
                    BigNumber b = Args.num(args, 1);
                    if (!b.isInteger() || b.compareTo(BigNumber.of(2)) < 0 || b.compareTo(BigNumber.of(62)) > 0) {
                        throw new FunctionException(1, "base must be a whole number between 2 and 62 inclusive");
                    }
                    BigInteger v = parseInt(s.asString(), b.intValue());
                    if (v == null) {
                        throw new FunctionException(0, "cannot parse " + io.capstan.hcl.value.GoFormat.quote(s.asString())
                                + " as a base " + b.intValue() + " integer");
                    }
                    return Value.of(BigNumber.of(v));
                }).build());
        r.add(Function.builder("range").variadic(Parameter.of("params", Type.NUMBER)).returns(Type.list(Type.NUMBER))
                .impl(NumericFunctions::range).build());
    }

    static BigNumber float64(double v) {
        if (Double.isNaN(v)) {
            throw new FunctionException("the result is not a number");
        }
        return BigNumber.of(v);
    }

    private static Function num1(String name, java.util.function.UnaryOperator<BigNumber> f) {
        return Function.builder(name).param("num", Type.NUMBER).returns(Type.NUMBER)
                .impl((args, ret, ctx) -> Value.of(f.apply(Args.num(args, 0)))).build();
    }

    private static Function extremum(String name, int sign) {
        return Function.builder(name).variadic(Parameter.of("numbers", Type.NUMBER)).returns(Type.NUMBER)
                .impl((args, ret, ctx) -> {
                    if (args.isEmpty()) {
                        throw new FunctionException("must pass at least one number");
                    }
                    BigNumber best = null;
                    for (Value v : args) {
                        BigNumber n = v.asNumber();
                        if (best == null || n.compareTo(best) * sign > 0) {
                            best = n;
                        }
                    }
                    return Value.of(best);
                }).build();
    }

    /** Go's big.Int SetString for bases 2..62 (letters case-insensitive up to base 36). */
    static BigInteger parseInt(String s, int base) {
        String t = s;
        boolean neg = false;
        if (t.startsWith("+") || t.startsWith("-")) {
            neg = t.startsWith("-");
            t = t.substring(1);
        }
        if (t.isEmpty()) {
            return null;
        }
        BigInteger b = BigInteger.valueOf(base);
        BigInteger v = BigInteger.ZERO;
        for (char c : t.toCharArray()) {
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'z') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'Z') {
                d = base <= 36 ? c - 'A' + 10 : c - 'A' + 36;
            } else {
                return null;
            }
            if (d >= base) {
                return null;
            }
            v = v.multiply(b).add(BigInteger.valueOf(d));
        }
        return neg ? v.negate() : v;
    }

    private static Value range(List<Value> args, Type ret, FunctionContext ctx) {
        BigNumber start = BigNumber.ZERO;
        BigNumber end;
        BigNumber step = BigNumber.of(1);
        switch (args.size()) {
            case 1 -> end = args.get(0).asNumber();
            case 2 -> {
                start = args.get(0).asNumber();
                end = args.get(1).asNumber();
            }
            case 3 -> {
                start = args.get(0).asNumber();
                end = args.get(1).asNumber();
                step = args.get(2).asNumber();
            }
            default -> throw new FunctionException("must have one, two, or three arguments");
        }
        if (args.size() < 3 && end.compareTo(start) < 0) {
            step = BigNumber.of(-1);
        }
        if (step.isZero()) {
            throw new FunctionException("step must not be zero");
        }
        boolean down = step.signum() < 0;
        if (down && start.compareTo(end) < 0) {
            throw new FunctionException("step must be positive if start is less than end");
        }
        if (!down && start.compareTo(end) > 0) {
            throw new FunctionException("step must be negative if start is greater than end");
        }
        List<Value> out = new ArrayList<>();
        for (BigNumber v = start; down ? v.compareTo(end) > 0 : v.compareTo(end) < 0; v = v.add(step)) {
            if (out.size() >= 1024) {
                throw new FunctionException("more than 1024 values were generated; either decrease the difference "
                        + "between start and end or use a smaller step");
            }
            out.add(Value.of(v));
        }
        return Value.list(Type.NUMBER, out);
    }
}
