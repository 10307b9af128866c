package io.capstan.hcl.function;

import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.GoFormat;
import io.capstan.hcl.value.ListType;
import io.capstan.hcl.value.MapType;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Operations;
import io.capstan.hcl.value.SetType;
import io.capstan.hcl.value.TupleType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Unify;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Functions over lists, tuples, maps and objects (sets have {@link SetFunctions}). */
final class CollectionFunctions {
    private static final Type ANY_LIST = Type.list(Type.DYNAMIC);

    private CollectionFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.add(Function.builder("length").param(Parameter.of("value", Type.DYNAMIC).dynamic().marked().unknowns())
                .returns(Type.NUMBER).impl((args, ret, ctx) -> {
                    Value.Unmarked u = args.get(0).unmarkDeep();
                    Value v = u.value();
                    Type t = v.type();
                    if (t == Type.STRING) {
                        if (!v.isKnown()) {
                            return Value.unknown(Type.NUMBER).withMarks(u.marks());
                        }
                        return Value.of(Args.graphemes(v.asString()).size()).withMarks(u.marks());
                    }
                    if (t instanceof TupleType tt) {
                        return Value.of(tt.elements().size()).withMarks(args.get(0).marks());
                    }
                    if (t instanceof ObjectType ot) {
                        return Value.of(ot.attributes().size()).withMarks(args.get(0).marks());
                    }
                    if (t == Type.DYNAMIC) {
                        // an unknown value of unknown type (e.g. a resource during validate): length unknown too
                        return Value.unknown(Type.NUMBER).withMarks(u.marks());
                    }
                    if (!t.isCollection()) {
                        throw new FunctionException("argument must be a string, a collection type, or a structural type");
                    }
                    if (!v.isKnown()) {
                        return Value.unknown(Type.NUMBER).withMarks(args.get(0).marks());
                    }
                    return Value.of(v.length()).withMarks(args.get(0).marks());
                }).build());
        r.add(boolFold("alltrue", true));
        r.add(boolFold("anytrue", false));
        r.add(Function.builder("chunklist").param("list", ANY_LIST).param("size", Type.NUMBER)
                .returns(args -> Type.list(args.get(0).type())).impl((args, ret, ctx) -> {
                    Value list = args.get(0);
                    int size = Args.integer(args, 1);
                    if (size < 0) {
                        throw new FunctionException(1, "the size argument must be positive");
                    }
                    List<Value> els = list.elements();
                    Type ety = list.type().elementType();
                    List<Value> chunks = new ArrayList<>();
                    if (size == 0) {
                        if (!els.isEmpty()) {
                            chunks.add(list);
                        }
                    } else {
                        for (int i = 0; i < els.size(); i += size) {
                            chunks.add(Value.list(ety, els.subList(i, Math.min(els.size(), i + size))));
                        }
                    }
                    return Value.list(list.type(), chunks);
                }).build());
        r.add(Function.builder("coalesce").variadic(Parameter.of("vals", Type.DYNAMIC).nullable().dynamic())
                .returns(args -> {
                    Type t = Unify.unify(args.stream().map(Value::type).toList(), true);
                    if (t == null) {
                        throw new FunctionException("all arguments must have the same type");
                    }
                    return t;
                }).impl((args, ret, ctx) -> {
                    for (Value a : args) {
                        Value v = Convert.convert(a, ret);
                        if (v.isNull() || ret == Type.STRING && v.asString().isEmpty()) {
                            continue;
                        }
                        return v;
                    }
                    throw new FunctionException("no non-null, non-empty-string arguments");
                }).build());
        r.add(Function.builder("coalescelist").variadic(Parameter.of("vals", Type.DYNAMIC).nullable().dynamic())
                .returns(args -> {
                    if (args.isEmpty()) {
                        throw new FunctionException("at least one argument is required");
                    }
                    for (Value a : args) {
                        if (!(a.type() instanceof ListType || a.type() instanceof TupleType)) {
                            throw new FunctionException("coalescelist arguments must be lists or tuples");
                        }
                    }
                    Type first = args.get(0).type();
                    return args.stream().allMatch(a -> a.type().equals(first)) ? first : Type.DYNAMIC;
                }).impl((args, ret, ctx) -> {
                    for (Value a : args) {
                        if (!a.isNull() && a.length() > 0) {
                            return a;
                        }
                    }
                    throw new FunctionException("no non-null arguments");
                }).build());
        r.add(Function.builder("compact").param("list", Type.list(Type.STRING)).returns(Type.list(Type.STRING))
                .impl((args, ret, ctx) -> {
                    List<Value> out = new ArrayList<>();
                    for (Value v : args.get(0).elements()) {
                        if (!v.isNull() && !v.asString().isEmpty()) {
                            out.add(v);
                        }
                    }
                    return Value.list(Type.STRING, out);
                }).build());
        r.add(Function.builder("concat").variadic(Parameter.of("seqs", Type.DYNAMIC)).returns(CollectionFunctions::concatType)
                .impl((args, ret, ctx) -> {
                    List<Value> out = new ArrayList<>();
                    for (Value a : args) {
                        out.addAll(a.elements());
                    }
                    if (ret instanceof ListType l) {
                        List<Value> conv = new ArrayList<>();
                        for (Value v : out) {
                            conv.add(Convert.convert(v, l.element()));
                        }
                        return Value.list(l.element(), conv);
                    }
                    return Value.tuple(out);
                }).build());
        r.add(Function.builder("contains").param("list", Type.DYNAMIC).param("value", Type.DYNAMIC)
                .returns(Type.BOOL).impl((args, ret, ctx) -> {
                    Value list = args.get(0);
                    if (!list.isSequence()) {
                        throw new FunctionException("argument must be list, tuple, or set");
                    }
                    boolean unknown = false;
                    for (Value e : list.elements()) {
                        Value eq = Operations.equal(args.get(1), e);
                        if (!eq.isKnown()) {
                            unknown = true;
                        } else if (eq.asBool()) {
                            return Value.TRUE;
                        }
                    }
                    return unknown ? Value.unknown(Type.BOOL) : Value.FALSE;
                }).build());
        r.add(Function.builder("distinct").param("list", ANY_LIST).returns(args -> args.get(0).type())
                .impl((args, ret, ctx) -> {
                    List<Value> out = new ArrayList<>();
                    for (Value v : args.get(0).elements()) {
                        if (!out.contains(v)) {
                            out.add(v);
                        }
                    }
                    return Value.list(ret.elementType(), out);
                }).build());
        r.add(Function.builder("element").param("list", Type.DYNAMIC).param("index", Type.NUMBER)
                .returns(args -> {
                    Type t = args.get(0).type();
                    if (t instanceof ListType l) {
                        return l.element();
                    }
                    if (t instanceof TupleType tt) {
                        if (!args.get(1).isKnown()) {
                            return Type.DYNAMIC;
                        }
                        if (tt.elements().isEmpty()) {
                            throw new FunctionException("cannot use element function with an empty list");
                        }
                        int i = Args.integer(args, 1);
                        if (i < 0) {
                            throw new FunctionException("cannot use element function with a negative index");
                        }
                        return tt.elements().get(i % tt.elements().size());
                    }
                    throw new FunctionException("cannot read elements from " + t.friendlyName());
                }).impl((args, ret, ctx) -> {
                    List<Value> els = args.get(0).elements();
                    int i = Args.integer(args, 1);
                    if (els.isEmpty()) {
                        throw new FunctionException("cannot use element function with an empty list");
                    }
                    if (i < 0) {
                        throw new FunctionException("cannot use element function with a negative index");
                    }
                    return els.get(i % els.size());
                }).build());
        r.add(Function.builder("flatten").param("list", Type.DYNAMIC).returns(args -> {
            List<Value> flat = new ArrayList<>();
            if (!flatten(args.get(0), flat)) {
                return Type.DYNAMIC;
            }
            return Type.tuple(flat.stream().map(Value::type).toList());
        }).impl((args, ret, ctx) -> {
            List<Value> flat = new ArrayList<>();
            flatten(args.get(0), flat);
            return Value.tuple(flat);
        }).build());
        r.add(Function.builder("index").param("list", Type.DYNAMIC).param("value", Type.DYNAMIC)
                .returns(Type.NUMBER).impl((args, ret, ctx) -> {
                    Value list = args.get(0);
                    if (!(list.type() instanceof ListType || list.type() instanceof TupleType)) {
                        throw new FunctionException("argument must be a list or tuple");
                    }
                    if (list.length() == 0) {
                        throw new FunctionException("cannot search an empty list");
                    }
                    int i = 0;
                    for (Value e : list.elements()) {
                        Value eq = Operations.equal(args.get(1), e);
                        if (!eq.isKnown()) {
                            return Value.unknown(Type.NUMBER);
                        }
                        if (eq.asBool()) {
                            return Value.of(i);
                        }
                        i++;
                    }
                    throw new FunctionException("item not found");
                }).build());
        r.add(Function.builder("keys").param(Parameter.of("inputMap", Type.DYNAMIC).marked())
                .returns(args -> {
                    Type t = args.get(0).type();
                    if (t instanceof MapType) {
                        return Type.list(Type.STRING);
                    }
                    if (t instanceof ObjectType o) {
                        return Type.tuple(Collections.nCopies(o.attributes().size(), Type.STRING));
                    }
                    throw new FunctionException(0, "must have map or object type");
                }).impl((args, ret, ctx) -> {
                    Value m = args.get(0);
                    List<Value> out = new ArrayList<>();
                    for (String k : m.unmark().entries().keySet()) {
                        out.add(Value.of(k));
                    }
                    Value r2 = ret instanceof ListType ? Value.list(Type.STRING, out) : Value.tuple(out);
                    return r2.withMarks(m.marks());
                }).build());
        r.add(Function.builder("values").param("mapping", Type.DYNAMIC).returns(args -> {
            Type t = args.get(0).type();
            if (t instanceof MapType m) {
                return Type.list(m.element());
            }
            if (t instanceof ObjectType o) {
                return Type.tuple(new ArrayList<>(o.attributes().values()));
            }
            throw new FunctionException("values() requires a map as the first argument");
        }).impl((args, ret, ctx) -> {
            List<Value> out = new ArrayList<>(args.get(0).entries().values());
            return ret instanceof ListType l ? Value.list(l.element(), out) : Value.tuple(out);
        }).build());
        r.add(Function.builder("matchkeys").param("values", ANY_LIST).param("keys", ANY_LIST)
                .param("searchset", ANY_LIST).returns(args -> {
                    if (Unify.unify(List.of(args.get(1).type(), args.get(2).type()), true) == null) {
                        throw new FunctionException("keys and searchset must be of the same type");
                    }
                    return args.get(0).type();
                }).impl((args, ret, ctx) -> {
                    Value values = args.get(0);
                    if (values.length() != args.get(1).length()) {
                        throw new FunctionException("length of keys and values should be equal");
                    }
                    Type kt = Unify.unify(List.of(args.get(1).type(), args.get(2).type()), true);
                    Value keys = Convert.convert(args.get(1), kt);
                    Value search = Convert.convert(args.get(2), kt);
                    List<Value> out = new ArrayList<>();
                    List<Value> ks = keys.elements();
                    for (int i = 0; i < ks.size(); i++) {
                        for (Value s : search.elements()) {
                            Value eq = Operations.equal(ks.get(i), s);
                            if (!eq.isKnown()) {
                                return Value.list(ret.elementType(), List.of());
                            }
                            if (eq.asBool()) {
                                out.add(values.elements().get(i));
                                break;
                            }
                        }
                    }
                    return Value.list(ret.elementType(), out);
                }).build());
        r.add(Function.builder("one").param("list", Type.DYNAMIC).returns(args -> {
            Type t = args.get(0).type();
            if (t instanceof ListType || t instanceof SetType) {
                return t.elementType();
            }
            if (t instanceof TupleType tt) {
                if (tt.elements().size() > 1) {
                    throw new FunctionException(0, "must be a list, set, or tuple value with either zero or one elements");
                }
                return tt.elements().isEmpty() ? Type.DYNAMIC : tt.elements().get(0);
            }
            throw new FunctionException(0, "must be a list, set, or tuple value with either zero or one elements");
        }).impl((args, ret, ctx) -> {
            List<Value> els = args.get(0).elements();
            if (els.size() > 1) {
                throw new FunctionException(0, "must be a list, set, or tuple value with either zero or one elements");
            }
            return els.isEmpty() ? Value.nullOf(ret) : els.get(0);
        }).build());
        r.add(Function.builder("reverse").param("list", Type.DYNAMIC).returns(args -> {
            Type t = args.get(0).type();
            if (t instanceof TupleType tt) {
                List<Type> rev = new ArrayList<>(tt.elements());
                Collections.reverse(rev);
                return Type.tuple(rev);
            }
            if (t instanceof ListType || t instanceof SetType) {
                return Type.list(t.elementType());
            }
            throw new FunctionException(0, "can only reverse list or tuple values, not " + t.friendlyName());
        }).impl((args, ret, ctx) -> {
            List<Value> els = new ArrayList<>(args.get(0).elements());
            Collections.reverse(els);
            return ret instanceof ListType l ? Value.list(l.element(), els) : Value.tuple(els);
        }).build());
        r.add(Function.builder("slice").param("list", Type.DYNAMIC).param("start_index", Type.NUMBER)
                .param("end_index", Type.NUMBER).returns(args -> {
                    Type t = args.get(0).type();
                    if (t instanceof ListType) {
                        return t;
                    }
                    if (!(t instanceof TupleType tt)) {
                        throw new FunctionException(0, "must be a list or tuple value");
                    }
                    if (!args.get(1).isKnown() || !args.get(2).isKnown()) {
                        return Type.DYNAMIC;
                    }
                    int[] se = sliceIndexes(args, tt.elements().size());
                    return Type.tuple(tt.elements().subList(se[0], se[1]));
                }).impl((args, ret, ctx) -> {
                    List<Value> els = args.get(0).elements();
                    int[] se = sliceIndexes(args, els.size());
                    List<Value> sub = els.subList(se[0], se[1]);
                    return ret instanceof ListType l ? Value.list(l.element(), sub) : Value.tuple(sub);
                }).build());
        r.add(Function.builder("sort").param("list", Type.list(Type.STRING)).returns(Type.list(Type.STRING))
                .impl((args, ret, ctx) -> {
                    List<Value> els = new ArrayList<>(args.get(0).elements());
                    for (Value v : els) {
                        if (v.isNull()) {
                            throw new FunctionException(0, "given list element must not be null");
                        }
                    }
                    els.sort((a, b) -> GoFormat.compareStrings(a.asString(), b.asString()));
                    return Value.list(Type.STRING, els);
                }).build());
        r.add(Function.builder("transpose").param("values", Type.map(Type.list(Type.STRING)))
                .returns(Type.map(Type.list(Type.STRING))).impl((args, ret, ctx) -> {
                    Map<String, List<Value>> out = new TreeMap<>();
                    for (Map.Entry<String, Value> e : args.get(0).entries().entrySet()) {
                        if (e.getValue().isNull()) {
                            throw new FunctionException(0, "input must not contain null list");
                        }
                        for (Value v : e.getValue().elements()) {
                            if (v.isNull()) {
                                throw new FunctionException(0, "cannot transpose a null string");
                            }
                            out.computeIfAbsent(v.asString(), k -> new ArrayList<>()).add(Value.of(e.getKey()));
                        }
                    }
                    Map<String, Value> m = new TreeMap<>();
                    out.forEach((k, v) -> m.put(k, Value.list(Type.STRING, v)));
                    return Value.map(Type.list(Type.STRING), m);
                }).build());
        r.add(Function.builder("zipmap").param("keys", Type.list(Type.STRING)).param("values", Type.DYNAMIC)
                .returns(args -> {
                    Type vt = args.get(1).type();
                    if (vt instanceof ListType l) {
                        return Type.map(l.element());
                    }
                    if (!(vt instanceof TupleType tt)) {
                        throw new FunctionException(1, "values argument must be a list or tuple value");
                    }
                    Value keys = args.get(0);
                    if (!keys.isWhollyKnown()) {
                        return Type.DYNAMIC;
                    }
                    if (keys.length() != tt.elements().size()) {
                        throw new FunctionException("number of keys (" + keys.length()
                                + ") does not match number of values (" + tt.elements().size() + ")");
                    }
                    Map<String, Type> attrs = new TreeMap<>();
                    for (int i = 0; i < keys.length(); i++) {
                        Value k = keys.elements().get(i);
                        if (k.isNull()) {
                            throw new FunctionException("keys list has null value at index " + i);
                        }
                        attrs.put(k.asString(), tt.elements().get(i));
                    }
                    return Type.object(attrs);
                }).impl((args, ret, ctx) -> {
                    List<Value> ks = args.get(0).elements();
                    List<Value> vs = args.get(1).elements();
                    if (ks.size() != vs.size()) {
                        throw new FunctionException("number of keys (" + ks.size() + ") does not match number of values ("
                                + vs.size() + ")");
                    }
                    Map<String, Value> m = new LinkedHashMap<>();
                    for (int i = 0; i < ks.size(); i++) {
                        if (ks.get(i).isNull()) {
                            throw new FunctionException("keys list has null value at index " + i);
                        }
                        m.put(ks.get(i).asString(), vs.get(i));
                    }
                    return ret instanceof MapType mt ? Value.map(mt.element(), m) : Value.object(m);
                }).build());
    }

    private static int[] sliceIndexes(List<Value> args, int len) {
        int s = Args.integerArg(args, 1);
        int e = Args.integerArg(args, 2);
        if (s < 0) {
            throw new FunctionException(1, "start index must not be less than zero");
        }
        if (e > len) {
            throw new FunctionException(2, "end index must not be greater than the length of the list");
        }
        if (s > e) {
            throw new FunctionException(1, "start index must not be greater than end index");
        }
        return new int[] {s, e};
    }

    private static Function boolFold(String name, boolean all) {
        return Function.builder(name).param("list", Type.list(Type.BOOL)).returns(Type.BOOL)
                .impl((args, ret, ctx) -> {
                    boolean unknown = false;
                    for (Value v : args.get(0).elements()) {
                        if (!v.isKnown()) {
                            unknown = true;
                            continue;
                        }
                        boolean b = !v.isNull() && v.asBool();
                        if (b != all) {
                            return Value.of(!all);
                        }
                    }
                    return unknown ? Value.unknown(Type.BOOL) : Value.of(all);
                }).build();
    }

    private static Type concatType(List<Value> args) {
        if (args.isEmpty()) {
            throw new FunctionException("at least one argument is required");
        }
        if (args.stream().allMatch(a -> a.type() instanceof ListType)) {
            Type t = Unify.unify(args.stream().map(Value::type).toList(), true);
            if (t != null) {
                return t;
            }
        }
        List<Type> etys = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Value a = args.get(i);
            if (a.type() instanceof TupleType tt) {
                etys.addAll(tt.elements());
            } else if (a.type() instanceof ListType l) {
                if (!a.isKnown()) {
                    return Type.DYNAMIC;
                }
                etys.addAll(Collections.nCopies(a.length(), l.element()));
            } else {
                throw new FunctionException(i, "all arguments must be lists or tuples; got " + a.type().friendlyName());
            }
        }
        return Type.tuple(etys);
    }

    /** Flattens nested sequences; false when an unknown part makes the shape unknown. */
    private static boolean flatten(Value v, List<Value> out) {
        if (!v.isSequence()) {
            throw new FunctionException("can only flatten lists, sets and tuples");
        }
        if (!v.isKnown()) {
            return false;
        }
        for (Value e : v.elements()) {
            if (e.isSequence() && !e.isNull()) {
                if (!flatten(e, out)) {
                    return false;
                }
            } else {
                out.add(e);
            }
        }
        return true;
    }
}
