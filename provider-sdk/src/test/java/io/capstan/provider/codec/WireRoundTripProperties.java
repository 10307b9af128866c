package io.capstan.provider.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Any value of any type survives encode/decode, in MessagePack and (when known) in JSON. */
class WireRoundTripProperties {

    @Property(tries = 300)
    void msgpackRoundTrips(@ForAll("typedValues") Tuple.Tuple2<Type, Value> tv) {
        byte[] bytes = MsgpackValues.encode(tv.get2(), tv.get1());
        assertEquals(tv.get2(), MsgpackValues.decode(bytes, tv.get1()));
    }

    @Property(tries = 300)
    void jsonRoundTripsKnownValues(@ForAll("knownTypedValues") Tuple.Tuple2<Type, Value> tv) {
        byte[] bytes = JsonValues.encode(tv.get2(), tv.get1());
        assertEquals(tv.get2(), JsonValues.decode(bytes, tv.get1()));
    }

    @Provide
    Arbitrary<Tuple.Tuple2<Type, Value>> typedValues() {
        return types(3, true).flatMap(t -> values(t, 3, true).map(v -> Tuple.of(t, v)));
    }

    @Provide
    Arbitrary<Tuple.Tuple2<Type, Value>> knownTypedValues() {
        return types(3, true).flatMap(t -> values(t, 3, false).map(v -> Tuple.of(t, v)));
    }

    /** Types; collections never hold dynamic parts (cty would unify them to a concrete type). */
    private Arbitrary<Type> types(int depth, boolean dynamic) {
        Arbitrary<Type> prim = Arbitraries.of(Type.STRING, Type.NUMBER, Type.BOOL);
        if (depth == 0) {
            return prim;
        }
        Arbitrary<Type> inner = Arbitraries.lazy(() -> types(depth - 1, dynamic));
        Arbitrary<Type> element = Arbitraries.lazy(() -> types(depth - 1, false));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, prim),
                net.jqwik.api.Tuple.of(1, element.map(Type::list)),
                net.jqwik.api.Tuple.of(1, prim.map(Type::set)),
                net.jqwik.api.Tuple.of(1, element.map(Type::map)),
                net.jqwik.api.Tuple.of(1, inner.list().ofMinSize(1).ofMaxSize(3).map(ts -> {
                    Map<String, Type> m = new LinkedHashMap<>();
                    for (int i = 0; i < ts.size(); i++) {
                        m.put("a" + i, ts.get(i));
                    }
                    return (Type) Type.object(m);
                })),
                net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(3).map(Type::tuple)),
                net.jqwik.api.Tuple.of(dynamic ? 1 : 0, Arbitraries.just(Type.DYNAMIC)));
    }

    private Arbitrary<Value> values(Type t, int depth, boolean unknowns) {
        Arbitrary<Value> known = knownValues(t, depth, unknowns);
        Arbitrary<Value> special = unknowns ? Arbitraries.of(Value.nullOf(t), Value.unknown(t))
                : Arbitraries.just(Value.nullOf(t));
        return Arbitraries.frequencyOf(Tuple.of(6, known), Tuple.of(1, special));
    }

    private Arbitrary<Value> knownValues(Type t, int depth, boolean unknowns) {
        if (t == Type.STRING) {
            return Arbitraries.strings().ofMaxLength(8).map(Value::of);
        } else if (t == Type.NUMBER) {
            return Arbitraries.oneOf(
                    Arbitraries.longs().map(Value::of),
                    Arbitraries.doubles().filter(Double::isFinite).map(d -> Value.of(BigNumber.of(d))),
                    Arbitraries.bigDecimals().ofScale(3).between(new BigDecimal("-1e30"), new BigDecimal("1e30"))
                            .map(d -> Value.of(BigNumber.parse(d.toPlainString()))));
        } else if (t == Type.BOOL) {
            return Arbitraries.of(Value.TRUE, Value.FALSE);
        } else if (t == Type.DYNAMIC) {
            return Arbitraries.strings().ofMaxLength(4).map(Value::of);
        } else if (t instanceof io.capstan.hcl.value.ListType || t instanceof io.capstan.hcl.value.SetType) {
            Type et = t.elementType();
            return values(et, depth - 1, unknowns).list().ofMaxSize(3)
                    .map(es -> t instanceof io.capstan.hcl.value.ListType ? Value.list(et, es) : Value.set(et, es));
        } else if (t instanceof io.capstan.hcl.value.MapType m) {
            return Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(3), values(m.element(), depth - 1, unknowns))
                    .ofMaxSize(3).map(es -> Value.map(m.element(), es));
        } else if (t instanceof io.capstan.hcl.value.TupleType tt) {
            List<Arbitrary<Value>> parts = new ArrayList<>();
            tt.elements().forEach(et -> parts.add(values(et, depth - 1, unknowns)));
            return Combinators.combine(parts).as(Value::tuple);
        } else {
            io.capstan.hcl.value.ObjectType o = (io.capstan.hcl.value.ObjectType) t;
            List<String> names = new ArrayList<>(o.attributes().keySet());
            List<Arbitrary<Value>> parts = new ArrayList<>();
            names.forEach(n -> parts.add(values(o.attributes().get(n), depth - 1, unknowns)));
            return Combinators.combine(parts).as(vs -> {
                Map<String, Value> m = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    m.put(names.get(i), vs.get(i));
                }
                return Value.object(m);
            });
        }
    }
}
