package io.capstan.hcl.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Type conversion as cty's convert package does it for Terraform: safe conversions
 * (number and bool to string, tuple to list, object to map, list to set...) and the
 * unsafe ones a user can ask for (string to number or bool). Marks are kept, nulls and
 * unknowns take the target type, {@code any} (dynamic) parts of a target take the
 * unified type of the input. See {@link Unify} for choosing a common type.
 */
public final class Convert {
    private Convert() {
    }

    /** Converts with unsafe conversions allowed (what Terraform does almost everywhere). */
    public static Value convert(Value v, Type want) {
        return convert(v, want, true);
    }

    public static Value convert(Value v, Type want, boolean unsafe) {
        if (v.type().equals(want)) {
            return v;
        }
        if (!canConvert(v.type(), want, unsafe)) {
            throw new ConversionException(Mismatch.message(v.type(), want));
        }
        return doConvert(v, want, unsafe);
    }

    /** Whether a conversion from {@code in} to {@code out} exists (it may still fail at run time). */
    public static boolean canConvert(Type in, Type out, boolean unsafe) {
        if (in.equals(out) || out == Type.DYNAMIC || in == Type.DYNAMIC) {
            return true;
        }
        if (out instanceof PrimitiveType) {
            if (!(in instanceof PrimitiveType)) {
                return false;
            }
            if (out == Type.STRING) {
                return true;
            }
            return unsafe && in == Type.STRING;
        }
        if (out instanceof ListType || out instanceof SetType) {
            Type oe = out.elementType();
            if (in instanceof ListType || in instanceof SetType) {
                return canConvert(in.elementType(), oe, unsafe);
            }
            if (in instanceof TupleType t) {
                if (oe == Type.DYNAMIC) {
                    return t.elements().isEmpty() || Unify.unify(t.elements(), unsafe) != null;
                }
                return t.elements().stream().allMatch(e -> canConvert(e, oe, unsafe));
            }
            return false;
        }
        if (out instanceof MapType m) {
            Type oe = m.element();
            if (in instanceof MapType im) {
                return canConvert(im.element(), oe, unsafe);
            }
            if (in instanceof ObjectType o) {
                if (oe == Type.DYNAMIC) {
                    return o.attributes().isEmpty() || Unify.unify(new ArrayList<>(o.attributes().values()), unsafe) != null;
                }
                return o.attributes().values().stream().allMatch(e -> canConvert(e, oe, unsafe));
            }
            return false;
        }
        if (out instanceof TupleType ot) {
            if (in instanceof TupleType it) {
                if (it.elements().size() != ot.elements().size()) {
                    return false;
                }
                for (int i = 0; i < it.elements().size(); i++) {
                    if (!canConvert(it.elements().get(i), ot.elements().get(i), unsafe)) {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }
        if (out instanceof ObjectType oo) {
            if (in instanceof ObjectType io) {
                for (Map.Entry<String, Type> a : oo.attributes().entrySet()) {
                    Type it = io.attribute(a.getKey());
                    if (it == null) {
                        if (!oo.optional().contains(a.getKey())) {
                            return false;
                        }
                    } else if (!canConvert(it, a.getValue(), unsafe)) {
                        return false;
                    }
                }
                return true;
            }
            if (in instanceof MapType im) {
                return oo.attributes().values().stream().allMatch(e -> canConvert(im.element(), e, unsafe));
            }
            return false;
        }
        return false;
    }

    /** The type a value of {@code want} has once converted (optional markers dropped). */
    static Type concrete(Type want) {
        if (want instanceof ObjectType o) {
            TreeMap<String, Type> a = new TreeMap<>();
            o.attributes().forEach((k, t) -> a.put(k, concrete(t)));
            return Type.object(a);
        } else if (want instanceof ListType l) {
            return Type.list(concrete(l.element()));
        } else if (want instanceof SetType s) {
            return Type.set(concrete(s.element()));
        } else if (want instanceof MapType m) {
            return Type.map(concrete(m.element()));
        } else if (want instanceof TupleType t) {
            return Type.tuple(t.elements().stream().map(Convert::concrete).toList());
        }
        return want;
    }

    private static Value doConvert(Value v, Type want, boolean unsafe) {
        if (v.isMarked()) {
            return doConvert(v.unmark(), want, unsafe).withMarks(v.marks());
        }
        if (want == Type.DYNAMIC || v.type().equals(want)) {
            return v;
        }
        if (v.isNull()) {
            return Value.nullOf(nullType(v.type(), want, unsafe));
        }
        if (!v.isKnown()) {
            return Value.unknown(nullType(v.type(), want, unsafe));
        }
        Type in = v.type();
        if (!canConvert(in, want, unsafe)) {
            throw new ConversionException(Mismatch.message(in, want));
        }
        if (want instanceof PrimitiveType) {
            return primitive(v, want);
        }
        if (want instanceof ListType || want instanceof SetType) {
            Type oe = want.elementType();
            List<Value> elems = v.elements();
            if (oe == Type.DYNAMIC) {
                if (elems.isEmpty()) {
                    Type e = in instanceof TupleType ? Type.DYNAMIC : in.elementType();
                    return want instanceof ListType ? Value.list(e, List.of()) : Value.set(e, List.of());
                }
                if (in instanceof TupleType t) {
                    oe = Unify.unify(t.elements(), unsafe);
                } else {
                    oe = in.elementType();
                }
            }
            List<Value> out = convertElements(elems, oe, unsafe);
            Type et = out.isEmpty() ? concrete(oe) : out.get(0).type();
            for (Value e : out) {
                if (!e.type().equals(et)) {
                    et = Unify.unify(out.stream().map(Value::type).toList(), unsafe);
                    out = convertElements(out, et, unsafe);
                    break;
                }
            }
            return want instanceof ListType ? Value.list(et, out) : Value.set(et, out);
        }
        if (want instanceof MapType m) {
            Type oe = m.element();
            Map<String, Value> entries = v.entries();
            if (oe == Type.DYNAMIC) {
                if (entries.isEmpty()) {
                    return Value.map(in instanceof MapType im ? im.element() : Type.DYNAMIC, Map.of());
                }
                oe = in instanceof ObjectType o ? Unify.unify(new ArrayList<>(o.attributes().values()), unsafe)
                        : in.elementType();
            }
            TreeMap<String, Value> out = new TreeMap<>();
            for (Map.Entry<String, Value> e : entries.entrySet()) {
                try {
                    out.put(e.getKey(), doConvert(e.getValue(), oe, unsafe));
                } catch (ConversionException x) {
                    throw x.under("[" + GoFormat.quote(e.getKey()) + "]");
                }
            }
            Type et = out.isEmpty() ? concrete(oe) : out.firstEntry().getValue().type();
            return Value.map(et, out);
        }
        if (want instanceof TupleType t) {
            List<Value> elems = v.elements();
            if (elems.size() != t.elements().size()) {
                throw new ConversionException("tuple required with " + t.elements().size() + " elements");
            }
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < elems.size(); i++) {
                try {
                    out.add(doConvert(elems.get(i), t.elements().get(i), unsafe));
                } catch (ConversionException x) {
                    throw x.under("[" + i + "]");
                }
            }
            return Value.tuple(out);
        }
        if (want instanceof ObjectType o) {
            Map<String, Value> entries = v.entries();
            TreeMap<String, Value> out = new TreeMap<>();
            for (Map.Entry<String, Type> a : o.attributes().entrySet()) {
                Value av = entries.get(a.getKey());
                if (av == null) {
                    if (!o.optional().contains(a.getKey())) {
                        throw new ConversionException("attribute " + GoFormat.quote(a.getKey()) + " is required");
                    }
                    out.put(a.getKey(), Value.nullOf(concrete(a.getValue())));
                    continue;
                }
                try {
                    out.put(a.getKey(), doConvert(av, a.getValue(), unsafe));
                } catch (ConversionException x) {
                    throw x.under("." + a.getKey());
                }
            }
            return Value.object(out);
        }
        throw new ConversionException(Mismatch.message(in, want));
    }

    private static List<Value> convertElements(List<Value> elems, Type oe, boolean unsafe) {
        List<Value> out = new ArrayList<>(elems.size());
        for (int i = 0; i < elems.size(); i++) {
            try {
                out.add(doConvert(elems.get(i), oe, unsafe));
            } catch (ConversionException x) {
                throw x.under("[" + i + "]");
            }
        }
        return out;
    }

    /** The type of a null/unknown converted to {@code want}: dynamic parts take the input's shape. */
    private static Type nullType(Type in, Type want, boolean unsafe) {
        if (want == Type.DYNAMIC) {
            return in;
        }
        if ((want instanceof ListType || want instanceof SetType || want instanceof MapType)
                && want.elementType() == Type.DYNAMIC && in != Type.DYNAMIC) {
            Type e;
            if (in instanceof TupleType t) {
                e = t.elements().isEmpty() ? Type.DYNAMIC : Unify.unify(t.elements(), unsafe);
            } else if (in instanceof ObjectType o) {
                e = o.attributes().isEmpty() ? Type.DYNAMIC : Unify.unify(new ArrayList<>(o.attributes().values()), unsafe);
            } else {
                e = in.elementType();
            }
            if (e == null) {
                e = Type.DYNAMIC;
            }
            return want instanceof ListType ? Type.list(e) : want instanceof SetType ? Type.set(e) : Type.map(e);
        }
        return concrete(want);
    }

    private static Value primitive(Value v, Type want) {
        Type in = v.type();
        if (want == Type.STRING) {
            if (in == Type.NUMBER) {
                return Value.of(v.asNumber().toString());
            }
            return Value.of(v.asBool() ? "true" : "false");
        }
        String s = v.asString();
        if (want == Type.NUMBER) {
            BigNumber n = BigNumber.parse(s);
            if (n == null) {
                throw new ConversionException("a number is required");
            }
            return Value.of(n);
        }
        switch (s) {
            case "true", "1" -> {
                return Value.TRUE;
            }
            case "false", "0" -> {
                return Value.FALSE;
            }
            default -> throw new ConversionException("a bool is required");
        }
    }
}
