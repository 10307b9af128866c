package io.capstan.hcl.function;

import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.GoFormat;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.TupleType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Conversion functions (tostring, tolist...) and the mark functions (sensitive, nonsensitive...). */
final class TypeFunctions {
    private TypeFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.add(to("tostring", Type.STRING));
        r.add(to("tonumber", Type.NUMBER));
        r.add(to("tobool", Type.BOOL));
        r.add(to("tolist", Type.list(Type.DYNAMIC)));
        r.add(to("toset", Type.set(Type.DYNAMIC)));
        r.add(to("tomap", Type.map(Type.DYNAMIC)));
        Parameter anything = Parameter.of("value", Type.DYNAMIC).nullable().unknowns().dynamic().marked();
        r.add(Function.builder("sensitive").param(anything).returns(args -> args.get(0).type())
                .impl((args, ret, ctx) -> args.get(0).mark(Mark.SENSITIVE)).build());
        r.add(Function.builder("nonsensitive").param(anything).returns(args -> args.get(0).type())
                .impl((args, ret, ctx) -> {
                    Value v = args.get(0);
                    Set<Mark> keep = new java.util.LinkedHashSet<>(v.marks());
                    keep.remove(Mark.SENSITIVE);
                    return v.unmark().withMarks(keep);
                }).build());
        r.add(Function.builder("issensitive").param(anything).returns(Type.BOOL)
                .impl((args, ret, ctx) -> Value.of(args.get(0).isSensitive())).build());
        r.add(Function.builder("ephemeralasnull").param(anything).returns(args -> args.get(0).type())
                .impl((args, ret, ctx) -> ephemeralAsNull(args.get(0))).build());
        r.add(Function.builder("type").param(anything).returns(Type.STRING)
                .impl((args, ret, ctx) -> Value.of(args.get(0).type().typeExpression())).build());
    }

    private static Value ephemeralAsNull(Value v) {
        if (v.hasMark(Mark.EPHEMERAL)) {
            Set<Mark> keep = new java.util.LinkedHashSet<>(v.marks());
            keep.remove(Mark.EPHEMERAL);
            return Value.nullOf(v.type()).withMarks(keep);
        }
        if (!v.isKnown() || v.isNull() || v.type().isPrimitive()) {
            return v;
        }
        Value u = v.unmark();
        Value out;
        if (u.isSequence()) {
            List<Value> els = new ArrayList<>();
            for (Value e : u.elements()) {
                els.add(ephemeralAsNull(e));
            }
            Type t = u.type();
            out = t instanceof TupleType ? Value.tuple(els)
                    : t instanceof io.capstan.hcl.value.ListType ? Value.list(t.elementType(), els)
                    : Value.set(t.elementType(), els);
        } else {
            Map<String, Value> m = new TreeMap<>();
            u.entries().forEach((k, e) -> m.put(k, ephemeralAsNull(e)));
            out = u.type() instanceof ObjectType ? Value.object(m) : Value.map(u.type().elementType(), m);
        }
        return out.withMarks(v.marks());
    }

    /** Terraform's MakeToFunc: convert with unsafe conversions, with its specific messages. */
    private static Function to(String name, Type want) {
        return Function.builder(name).param(Parameter.of("v", Type.DYNAMIC).nullable().dynamic().marked())
                .returns(args -> {
                    Type got = args.get(0).type();
                    if (got.equals(want)) {
                        return want;
                    }
                    if (!Convert.canConvert(got, want, true)) {
                        if (got instanceof ObjectType && want instanceof ObjectType) {
                            throw new FunctionException(0, "incompatible object type for conversion");
                        }
                        throw new FunctionException(0, "cannot convert " + got.friendlyName() + " to " + constraintName(want));
                    }
                    return want;
                }).impl((args, ret, ctx) -> {
                    Value v = args.get(0);
                    try {
                        return Convert.convert(v, ret);
                    } catch (ConversionException e) {
                        Value u = v.unmarkDeep().value();
                        Type got = u.type();
                        if (v.containsMarked() && v.unmarkDeep().marks().contains(Mark.SENSITIVE)) {
                            throw new FunctionException(0, "cannot convert this sensitive " + got.friendlyName() + " to "
                                    + constraintName(want));
                        }
                        String what = u.isNull() || got != Type.STRING ? "string" : GoFormat.quote(u.asString());
                        if (got == Type.STRING && want == Type.BOOL) {
                            throw new FunctionException(0, "cannot convert " + what
                                    + " to bool; only the strings \"true\" or \"false\" are allowed");
                        }
                        if (got == Type.STRING && want == Type.NUMBER) {
                            throw new FunctionException(0, "cannot convert " + what
                                    + " to number; given string must be a decimal representation of a number");
                        }
                        throw new FunctionException(0, "cannot convert " + got.friendlyName() + " to " + constraintName(want));
                    }
                }).build();
    }

    private static String constraintName(Type t) {
        if (t.isCollection() && t.elementType() == Type.DYNAMIC) {
            String kind = t.friendlyName().substring(0, t.friendlyName().indexOf(' '));
            return kind + " of any single type";
        }
        return t.friendlyName();
    }
}
