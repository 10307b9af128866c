package io.capstan.hcl.value;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;

/**
 * The language's operators over values, with Terraform's conversions, unknown and mark
 * propagation and error messages. Each method returns the result or throws
 * {@link OperationException} with the summary and detail the user should see.
 */
public final class Operations {
    private Operations() {
    }

    /** Which operand a message talks about. */
    public enum Side {
        LEFT("left operand"), RIGHT("right operand"), ONLY("operand");

        final String label;

        Side(String label) {
            this.label = label;
        }
    }

    public static Value add(Value a, Value b) {
        return arith(a, b, BigNumber::add);
    }

    public static Value subtract(Value a, Value b) {
        return arith(a, b, BigNumber::subtract);
    }

    public static Value multiply(Value a, Value b) {
        return arith(a, b, BigNumber::multiply);
    }

    public static Value divide(Value a, Value b) {
        return arith(a, b, BigNumber::divide);
    }

    public static Value modulo(Value a, Value b) {
        return arith(a, b, BigNumber::remainder);
    }

    public static Value negate(Value a) {
        Value x = operand(a, Type.NUMBER, Side.ONLY);
        Set<Mark> m = marksOf(a);
        if (!x.isKnown()) {
            return Value.unknown(Type.NUMBER).withMarks(m);
        }
        requireNotNull(x);
        return Value.of(x.unmark().asNumber().negate()).withMarks(m);
    }

    public static Value lessThan(Value a, Value b) {
        return compare(a, b, c -> c < 0);
    }

    public static Value lessThanOrEqual(Value a, Value b) {
        return compare(a, b, c -> c <= 0);
    }

    public static Value greaterThan(Value a, Value b) {
        return compare(a, b, c -> c > 0);
    }

    public static Value greaterThanOrEqual(Value a, Value b) {
        return compare(a, b, c -> c >= 0);
    }

    public static Value and(Value a, Value b) {
        return logic(a, b, true);
    }

    public static Value or(Value a, Value b) {
        return logic(a, b, false);
    }

    public static Value not(Value a) {
        Value x = operand(a, Type.BOOL, Side.ONLY);
        Set<Mark> m = marksOf(a);
        if (!x.isKnown()) {
            return Value.unknown(Type.BOOL).withMarks(m);
        }
        requireNotNull(x);
        return Value.of(!x.unmark().asBool()).withMarks(m);
    }

    /** {@code ==}: never an error; different types are unequal; unknown if either side is. */
    public static Value equal(Value a, Value b) {
        Set<Mark> m = new HashSet<>(marksOf(a));
        m.addAll(marksOf(b));
        Boolean r = equalsDeep(a.unmarkDeep().value(), b.unmarkDeep().value());
        return (r == null ? Value.unknown(Type.BOOL) : Value.of(r)).withMarks(m);
    }

    public static Value notEqual(Value a, Value b) {
        Value e = equal(a, b);
        return e.isKnown() ? Value.of(!e.unmark().asBool()).withMarks(e.marks()) : e;
    }

    /** True/false, or null when unknown values make the answer unknown. */
    static Boolean equalsDeep(Value a, Value b) {
        if (!a.isKnown() || !b.isKnown()) {
            return null;
        }
        if (a.isNull() || b.isNull()) {
            return a.isNull() && b.isNull();
        }
        if (!a.type().equals(b.type())) {
            return false;
        }
        Type t = a.type();
        if (t.isPrimitive()) {
            if (t == Type.NUMBER) {
                return a.asNumber().compareTo(b.asNumber()) == 0;
            }
            return a.equals(b);
        }
        boolean unknown = false;
        if (a.isSequence()) {
            List<Value> x = a.elements();
            List<Value> y = b.elements();
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                Boolean r = equalsDeep(x.get(i), y.get(i));
                if (r == null) {
                    unknown = true;
                } else if (!r) {
                    return false;
                }
            }
        } else {
            Map<String, Value> x = a.entries();
            Map<String, Value> y = b.entries();
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Map.Entry<String, Value> e : x.entrySet()) {
                Boolean r = equalsDeep(e.getValue(), y.get(e.getKey()));
                if (r == null) {
                    unknown = true;
                } else if (!r) {
                    return false;
                }
            }
        }
        return unknown ? null : true;
    }

    // --- helpers -------------------------------------------------------------------------

    private static Value arith(Value a, Value b, BinaryOperator<BigNumber> op) {
        Value x = operand(a, Type.NUMBER, Side.LEFT);
        Value y = operand(b, Type.NUMBER, Side.RIGHT);
        Set<Mark> m = new HashSet<>(marksOf(a));
        m.addAll(marksOf(b));
        if (!x.isKnown() || !y.isKnown()) {
            return Value.unknown(Type.NUMBER).withMarks(m);
        }
        requireNotNull(x);
        requireNotNull(y);
        try {
            return Value.of(op.apply(x.unmark().asNumber(), y.unmark().asNumber())).withMarks(m);
        } catch (BigNumber.NaNException e) {
            throw new OperationException("Operation failed", "Error during operation: " + e.getMessage() + ".");
        }
    }

    private interface IntTest {
        boolean test(int c);
    }

    private static Value compare(Value a, Value b, IntTest t) {
        Value x = operand(a, Type.NUMBER, Side.LEFT);
        Value y = operand(b, Type.NUMBER, Side.RIGHT);
        Set<Mark> m = new HashSet<>(marksOf(a));
        m.addAll(marksOf(b));
        if (!x.isKnown() || !y.isKnown()) {
            return Value.unknown(Type.BOOL).withMarks(m);
        }
        requireNotNull(x);
        requireNotNull(y);
        return Value.of(t.test(x.unmark().asNumber().compareTo(y.unmark().asNumber()))).withMarks(m);
    }

    private static Value logic(Value a, Value b, boolean isAnd) {
        Value x = operand(a, Type.BOOL, Side.LEFT);
        Value y = operand(b, Type.BOOL, Side.RIGHT);
        Set<Mark> m = new HashSet<>(marksOf(a));
        m.addAll(marksOf(b));
        if (x.isKnown() && y.isKnown()) {
            requireNotNull(x);
            requireNotNull(y);
            boolean p = x.unmark().asBool();
            boolean q = y.unmark().asBool();
            return Value.of(isAnd ? p && q : p || q).withMarks(m);
        }
        // A known deciding operand settles the answer even if the other is unknown.
        for (Value k : List.of(x, y)) {
            if (k.isKnown() && !k.isNull() && k.unmark().asBool() != isAnd) {
                return Value.of(!isAnd).withMarks(m);
            }
        }
        return Value.unknown(Type.BOOL).withMarks(m);
    }

    private static Value operand(Value v, Type want, Side side) {
        try {
            return Convert.convert(v.unmarkDeep().value(), want);
        } catch (ConversionException e) {
            throw new OperationException("Invalid operand",
                    "Unsuitable value for " + side.label + ": " + e.describe() + ".");
        }
    }

    private static void requireNotNull(Value v) {
        if (v.isNull()) {
            throw new OperationException("Operation failed", "Error during operation: argument must not be null.");
        }
    }

    private static Set<Mark> marksOf(Value v) {
        return v.unmarkDeep().marks();
    }
}
