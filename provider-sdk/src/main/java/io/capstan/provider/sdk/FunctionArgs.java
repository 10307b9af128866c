package io.capstan.provider.sdk;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The arguments of one call of a provider-defined function, already converted to the
 * parameters' types: positional arguments by index, then the variadic ones. Typed getters
 * fail the call with an argument error naming the position when an argument is not of the
 * asked type or is null (which only parameters that allow null can receive).
 */
public final class FunctionArgs {
    private final List<Value> values;
    private final int positional;

    FunctionArgs(List<Value> values, int positional) {
        this.values = List.copyOf(values);
        this.positional = positional;
    }

    /** How many arguments the call has, variadic ones included. */
    public int size() {
        return values.size();
    }

    public Value value(int i) {
        return values.get(i);
    }

    public boolean isNull(int i) {
        return values.get(i).isNull();
    }

    public String string(int i) {
        return known(i, Type.STRING).asString();
    }

    public BigDecimal number(int i) {
        return known(i, Type.NUMBER).asNumber().toBigDecimal();
    }

    /** A whole number argument; fails the call (naming the argument) when it has a fraction or is too large. */
    public long longValue(int i) {
        BigDecimal n = number(i);
        try {
            return n.longValueExact();
        } catch (ArithmeticException e) {
            throw FunctionFailure.argument(i, "value must be a whole number, between -9223372036854775808 and "
                    + "9223372036854775807");
        }
    }

    public boolean bool(int i) {
        return known(i, Type.BOOL).asBool();
    }

    /** The arguments given for the variadic parameter (empty when there are none). */
    public List<Value> variadic() {
        return values.size() <= positional ? List.of() : values.subList(positional, values.size());
    }

    private Value known(int i, Type t) {
        Value v = values.get(i);
        if (v.isNull() || !v.isKnown()) {
            throw FunctionFailure.argument(i, v.isNull() ? "argument must not be null" : "argument must be known");
        }
        if (!Objects.equals(v.type(), t)) {
            throw FunctionFailure.argument(i, "a " + t.friendlyName() + " is required");
        }
        return v;
    }
}
