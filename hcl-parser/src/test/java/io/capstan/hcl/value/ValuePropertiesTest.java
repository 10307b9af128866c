package io.capstan.hcl.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the value model that must hold for any input. */
class ValuePropertiesTest {
    @Provide
    Arbitrary<Value> jsonValues() {
        return json(3);
    }

    private Arbitrary<Value> json(int depth) {
        Arbitrary<Value> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(Value::of),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e30"), new BigDecimal("1e30")).ofScale(6)
                        .map(d -> Value.of(BigNumber.of(d))),
                Arbitraries.of(Value.TRUE, Value.FALSE, Value.DYNAMIC_NULL));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<Value> inner = json(depth - 1);
        return Arbitraries.oneOf(scalars,
                inner.list().ofMaxSize(4).map(Value::tuple),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(5), inner).ofMaxSize(4).map(Value::object));
    }

    @Property(tries = 60)
    void jsondecodeInvertsJsonencode(@ForAll("jsonValues") Value v) {
        Value back = ValueJson.decodeInfer(ValueJson.encode(v));
        assertThat(Operations.equal(back, v)).isEqualTo(Value.TRUE);
        assertThat(ValueJson.encode(back)).isEqualTo(ValueJson.encode(v));
    }

    @Property(tries = 60)
    void typedJsonRoundTripsTypeAndValue(@ForAll("jsonValues") Value v) {
        Value back = ValueJson.decodeTyped(ValueJson.encodeTyped(v));
        assertThat(back.type()).isEqualTo(v.type());
        assertThat(back).isEqualTo(v);
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        return Arbitraries.bigDecimals().between(new BigDecimal("-1e12"), new BigDecimal("1e12")).ofScale(8);
    }

    @Property(tries = 80)
    void numbersSurviveStringConversion(@ForAll("decimals") BigDecimal d) {
        Value n = Value.of(BigNumber.of(d));
        Value s = Convert.convert(n, Type.STRING);
        assertThat(Convert.convert(s, Type.NUMBER)).isEqualTo(n);
    }

    @Property(tries = 80)
    void decimalLiteralsPrintAsTheShortestEquivalentDecimal(@ForAll("decimals") BigDecimal d) {
        BigNumber n = BigNumber.of(d);
        assertThat(BigNumber.parse(n.toString())).isEqualTo(n);
        assertThat(new BigDecimal(n.toString()).compareTo(d)).isZero();
    }

    @Property(tries = 80)
    void setsIgnoreOrderAndDuplicates(@ForAll List<@net.jqwik.api.constraints.IntRange(min = -50, max = 50) Integer> xs) {
        List<Value> vals = new ArrayList<>();
        xs.forEach(x -> vals.add(Value.of(x)));
        List<Value> shuffled = new ArrayList<>(vals);
        Collections.shuffle(shuffled);
        shuffled.addAll(vals);
        Value a = Value.set(Type.NUMBER, vals);
        Value b = Value.set(Type.NUMBER, shuffled);
        assertThat(a).isEqualTo(b);
        assertThat(a.length()).isEqualTo((int) xs.stream().distinct().count());
        List<Value> els = a.elements();
        for (int i = 1; i < els.size(); i++) {
            assertThat(els.get(i - 1).asNumber().compareTo(els.get(i).asNumber())).isNegative();
        }
    }

    @Property(tries = 80)
    void setsOfStructuresAreOrderIndependent(@ForAll List<@net.jqwik.api.constraints.IntRange(min = 0, max = 9) Integer> xs) {
        List<Value> tuples = new ArrayList<>();
        xs.forEach(x -> tuples.add(Value.list(Type.NUMBER, Collections.nCopies(x % 3, Value.of(x)))));
        List<Value> reversed = new ArrayList<>(tuples);
        Collections.reverse(reversed);
        assertThat(Value.set(Type.list(Type.NUMBER), tuples)).isEqualTo(Value.set(Type.list(Type.NUMBER), reversed));
    }

    @Property(tries = 80)
    void tupleToListToTupleKeepsStrings(@ForAll List<@net.jqwik.api.constraints.StringLength(max = 8) String> xs) {
        List<Value> vals = new ArrayList<>();
        xs.forEach(x -> vals.add(Value.of(x)));
        Value list = Convert.convert(Value.tuple(vals), Type.list(Type.DYNAMIC));
        if (!xs.isEmpty()) {
            assertThat(list.type()).isEqualTo(Type.list(Type.STRING));
            assertThat(Value.tuple(list.elements())).isEqualTo(Value.tuple(vals));
        }
        Map<String, Value> m = new TreeMap<>();
        for (int i = 0; i < vals.size(); i++) {
            m.put("k" + i, vals.get(i));
        }
        Value asMap = Convert.convert(Value.object(m), Type.map(Type.DYNAMIC));
        assertThat(asMap.length()).isEqualTo(vals.size());
    }

    @Property(tries = 80)
    void marksReachResultsOfArithmetic(@ForAll int a, @ForAll int b) {
        Value r = Operations.add(Value.of(a).mark(Mark.SENSITIVE), Value.of(b));
        assertThat(r.isSensitive()).isTrue();
        assertThat(r.unmark()).isEqualTo(Value.of((long) a + b));
    }
}
