package io.capstan.provider.sdk;

import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.ListType;
import io.capstan.hcl.value.MapType;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.SetType;
import io.capstan.hcl.value.TupleType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain Java objects to values of a wanted type: {@code String}, {@code Number},
 * {@code Boolean}, {@code Collection} (lists, sets, tuples), {@code Map} (maps, objects),
 * {@link Value} (converted) and {@code null} (a typed null). What provider code and tests
 * write instead of building values by hand.
 */
public final class JavaValues {
    private JavaValues() {
    }

    public static Value toValue(Object o, Type want) {
        if (o == null) {
            return Value.nullOf(want);
        }
        if (o instanceof Value v) {
            return Convert.convert(v, want);
        }
        if (want == Type.DYNAMIC) {
            return Convert.convert(infer(o), want);
        }
        if (want instanceof ListType || want instanceof SetType) {
            Type et = want.elementType();
            List<Value> elems = new ArrayList<>();
            for (Object e : asCollection(o)) {
                elems.add(toValue(e, et));
            }
            if (et == Type.DYNAMIC) {
                return Convert.convert(Value.tuple(elems), want);
            }
            return want instanceof ListType ? Value.list(et, elems) : Value.set(et, elems);
        }
        if (want instanceof TupleType tt) {
            List<Value> elems = new ArrayList<>();
            int i = 0;
            for (Object e : asCollection(o)) {
                elems.add(toValue(e, tt.elements().get(i++)));
            }
            return Value.tuple(elems);
        }
        if (want instanceof MapType mt) {
            Map<String, Value> m = new LinkedHashMap<>();
            asMap(o).forEach((k, v) -> m.put(String.valueOf(k), toValue(v, mt.element())));
            return Value.map(mt.element(), m);
        }
        if (want instanceof ObjectType ot) {
            Map<?, ?> in = asMap(o);
            Map<String, Value> m = new LinkedHashMap<>();
            for (var e : ot.attributes().entrySet()) {
                m.put(e.getKey(), toValue(in.get(e.getKey()), e.getValue()));
            }
            for (Object k : in.keySet()) {
                if (!ot.attributes().containsKey(String.valueOf(k))) {
                    throw new IllegalArgumentException("unsupported attribute \"" + k + "\"");
                }
            }
            return Value.object(m);
        }
        return Convert.convert(infer(o), want);
    }

    /** The value a Java object stands for, with the type it naturally has. */
    public static Value infer(Object o) {
        if (o instanceof Value v) {
            return v;
        } else if (o instanceof String s) {
            return Value.of(s);
        } else if (o instanceof Boolean b) {
            return Value.of(b);
        } else if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return Value.of(((Number) o).longValue());
        } else if (o instanceof BigInteger bi) {
            return Value.of(BigNumber.of(bi));
        } else if (o instanceof BigDecimal bd) {
            return Value.of(BigNumber.of(bd));
        } else if (o instanceof Number n) {
            return Value.of(BigNumber.of(n.doubleValue()));
        } else if (o instanceof BigNumber bn) {
            return Value.of(bn);
        } else if (o instanceof Collection<?> c) {
            return Value.tuple(c.stream().map(JavaValues::infer).toList());
        } else if (o instanceof Map<?, ?> m) {
            Map<String, Value> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), infer(v)));
            return Value.object(out);
        }
        throw new IllegalArgumentException("no Terraform value for a " + o.getClass().getName());
    }

    private static Collection<?> asCollection(Object o) {
        if (o instanceof Collection<?> c) {
            return c;
        }
        throw new IllegalArgumentException("expected a collection, got " + o.getClass().getSimpleName());
    }

    private static Map<?, ?> asMap(Object o) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException("expected a map, got " + o.getClass().getSimpleName());
    }
}
