package io.capstan.hcl.function;

import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.ListType;
import io.capstan.hcl.value.SetType;
import io.capstan.hcl.value.TupleType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Unify;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Set algebra: setunion, setintersection, setsubtract, setproduct. */
final class SetFunctions {
    private static final Type ANY_SET = Type.set(Type.DYNAMIC);

    private SetFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.add(Function.builder("setunion").param("first_set", ANY_SET).variadic(Parameter.of("other_sets", ANY_SET))
                .returns(SetFunctions::unifiedSetType).impl((args, ret, ctx) -> {
                    List<Value> all = new ArrayList<>();
                    for (Value a : args) {
                        all.addAll(Convert.convert(a, ret).elements());
                    }
                    return Value.set(ret.elementType(), all);
                }).build());
        r.add(Function.builder("setintersection").param("first_set", ANY_SET).variadic(Parameter.of("other_sets", ANY_SET))
                .returns(SetFunctions::unifiedSetType).impl((args, ret, ctx) -> {
                    List<Value> result = new ArrayList<>(Convert.convert(args.get(0), ret).elements());
                    for (int i = 1; i < args.size(); i++) {
                        List<Value> other = Convert.convert(args.get(i), ret).elements();
                        result.removeIf(v -> !other.contains(v));
                    }
                    return Value.set(ret.elementType(), result);
                }).build());
        r.add(Function.builder("setsubtract").param("a", ANY_SET).param("b", ANY_SET)
                .returns(SetFunctions::unifiedSetType).impl((args, ret, ctx) -> {
                    List<Value> result = new ArrayList<>(Convert.convert(args.get(0), ret).elements());
                    List<Value> other = Convert.convert(args.get(1), ret).elements();
                    result.removeIf(other::contains);
                    return Value.set(ret.elementType(), result);
                }).build());
        r.add(Function.builder("setproduct").variadic(Parameter.of("sets", Type.DYNAMIC))
                .returns(SetFunctions::productType).impl((args, ret, ctx) -> {
                    List<Type> etys = ((TupleType) ret.elementType()).elements();
                    List<List<Value>> product = new ArrayList<>();
                    product.add(List.of());
                    for (int i = 0; i < args.size(); i++) {
                        List<List<Value>> next = new ArrayList<>();
                        for (List<Value> prefix : product) {
                            for (Value e : args.get(i).elements()) {
                                List<Value> p = new ArrayList<>(prefix);
                                p.add(Convert.convert(e, etys.get(i)));
                                next.add(p);
                            }
                        }
                        product = next;
                    }
                    List<Value> out = new ArrayList<>();
                    for (List<Value> p : product) {
                        out.add(Value.tuple(p));
                    }
                    return ret instanceof ListType ? Value.list(ret.elementType(), out) : Value.set(ret.elementType(), out);
                }).build());
    }

    private static Type unifiedSetType(List<Value> args) {
        Type t = Unify.unify(args.stream().map(Value::type).toList(), true);
        if (t == null || !(t instanceof SetType)) {
            throw new FunctionException("given sets must all have compatible element types");
        }
        return t;
    }

    private static Type productType(List<Value> args) {
        if (args.size() < 2) {
            throw new FunctionException("at least two arguments are required");
        }
        int lists = 0;
        List<Type> etys = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Type t = args.get(i).type();
            if (t instanceof SetType s) {
                etys.add(s.element());
            } else if (t instanceof ListType l) {
                etys.add(l.element());
                lists++;
            } else if (t instanceof TupleType tt) {
                if (tt.elements().isEmpty()) {
                    etys.add(Type.DYNAMIC);
                } else {
                    Type e = Unify.unify(tt.elements(), true);
                    if (e == null) {
                        throw new FunctionException(i, "all elements must be of the same type");
                    }
                    etys.add(e);
                }
                lists++;
            } else {
                throw new FunctionException(i, "a set or a list is required");
            }
        }
        Type tuple = Type.tuple(etys);
        return lists == args.size() ? Type.list(tuple) : Type.set(tuple);
    }
}
