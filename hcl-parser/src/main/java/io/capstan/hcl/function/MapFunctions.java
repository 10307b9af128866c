package io.capstan.hcl.function;

import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.MapType;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.Map;
import java.util.TreeMap;

/** lookup and merge: the functions over maps and objects whose result type depends on keys. */
final class MapFunctions {
    private MapFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.add(lookup());
        r.add(merge());
    }

    private static Function lookup() {
        return Function.builder("lookup").param(Parameter.of("inputMap", Type.DYNAMIC).marked())
                .param(Parameter.of("key", Type.STRING).marked())
                .variadic(Parameter.of("default", Type.DYNAMIC).nullable().unknowns().dynamic().marked())
                .returns(args -> {
                    if (args.size() > 3) {
                        throw new FunctionException("lookup() takes two or three arguments, got " + args.size());
                    }
                    Type t = args.get(0).type();
                    if (t instanceof ObjectType o) {
                        if (!args.get(1).isKnown()) {
                            return Type.DYNAMIC;
                        }
                        String key = args.get(1).unmark().asString();
                        if (o.hasAttribute(key)) {
                            return o.attribute(key);
                        } else if (args.size() == 3) {
                            return args.get(2).type();
                        }
                        throw new FunctionException(0, "the given object has no attribute "
                                + io.capstan.hcl.value.GoFormat.quote(key));
                    }
                    if (t instanceof MapType m) {
                        if (args.size() == 3 && !Convert.canConvert(args.get(2).type(), m.element(), true)) {
                            throw new FunctionException(2, "the default value must have the same type as the map elements");
                        }
                        return m.element();
                    }
                    throw new FunctionException(0, "lookup() requires a map as the first argument");
                }).impl((args, ret, ctx) -> {
                    Value map = args.get(0);
                    Value key = args.get(1);
                    java.util.Set<io.capstan.hcl.value.Mark> marks = new java.util.HashSet<>(map.marks());
                    marks.addAll(key.marks());
                    String k = key.unmark().asString();
                    Value m = map.unmark();
                    if (!m.isKnown()) {
                        return Value.unknown(ret).withMarks(marks);
                    }
                    Value found = m.entries().get(k);
                    if (found != null) {
                        return found.withMarks(marks);
                    }
                    if (args.size() == 3) {
                        return Convert.convert(args.get(2), ret).withMarks(marks);
                    }
                    throw new FunctionException("lookup failed to find key " + io.capstan.hcl.value.GoFormat.quote(k));
                }).build();
    }

    private static Function merge() {
        return Function.builder("merge").variadic(Parameter.of("maps", Type.DYNAMIC).nullable().dynamic().marked())
                .returns(args -> {
                    if (args.isEmpty()) {
                        return Type.EMPTY_OBJECT;
                    }
                    Map<String, Type> attrs = new TreeMap<>();
                    Type first = null;
                    boolean matching = true;
                    boolean attrsKnown = true;
                    for (int i = 0; i < args.size(); i++) {
                        Value a = args.get(i).unmark();
                        Type t = a.type();
                        if (t == Type.DYNAMIC) {
                            return Type.DYNAMIC;
                        }
                        if (t instanceof ObjectType o && !a.isNull()) {
                            attrs.putAll(o.attributes());
                        } else if (t instanceof MapType m && !a.isNull()) {
                            if (a.isKnown()) {
                                for (String k : a.entries().keySet()) {
                                    attrs.put(k, m.element());
                                }
                            } else {
                                attrsKnown = false;
                            }
                        }
                        if (i == 0) {
                            first = t;
                        } else if (!t.equals(first)) {
                            matching = false;
                        }
                    }
                    if (matching) {
                        return first;
                    }
                    return attrsKnown ? Type.object(attrs) : Type.DYNAMIC;
                }).impl((args, ret, ctx) -> {
                    Map<String, Value> out = new TreeMap<>();
                    java.util.Set<io.capstan.hcl.value.Mark> marks = new java.util.HashSet<>();
                    for (Value a : args) {
                        if (a.isNull()) {
                            continue;
                        }
                        marks.addAll(a.marks());
                        Value u = a.unmark();
                        if (!u.isMapping()) {
                            throw new FunctionException("arguments must be maps or objects, got "
                                    + io.capstan.hcl.value.GoFormat.quote(u.type().friendlyName()));
                        }
                        out.putAll(u.entries());
                    }
                    if (ret instanceof MapType m) {
                        return Value.map(m.element(), out).withMarks(marks);
                    }
                    return Value.object(out).withMarks(marks);
                }).build();
    }
}
