package io.capstan.hcl.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.Operations;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the evaluator over generated values: HCL source written for a value
 * evaluates back to that value; {@code for} and splat over a collection rebuild it;
 * {@code jsondecode(jsonencode(x))} through the language equals x; sets built from lists
 * hold exactly the distinct elements.
 */
class EvaluatorProperties {

    private static Value eval(String src, Map<String, Value> vars) {
        Result<Expression> p = HclParser.parseExpression(src, "prop.tf");
        assertThat(p.diagnostics().asList()).as("parse of " + src).isEmpty();
        Result<Value> r = Evaluator.evaluate(p.value(), EvalContext.standard(vars, Path.of(".")));
        assertThat(r.diagnostics().asList()).as("evaluation of " + src).isEmpty();
        return r.value();
    }

    @Property(tries = 60)
    void sourceTextEvaluatesBackToTheValue(@ForAll("values") Value v) {
        Value back = eval(source(v), Map.of());
        assertThat(Operations.equal(back, v)).as(source(v)).isEqualTo(Value.TRUE);
    }

    @Property(tries = 50)
    void jsonRoundTripThroughTheLanguage(@ForAll("values") Value v) {
        Value back = eval("jsondecode(jsonencode(x))", Map.of("x", v));
        assertThat(ValueJson.encode(back)).isEqualTo(ValueJson.encode(v));
    }

    @Property(tries = 50)
    void forAndSplatRebuildTheCollection(@ForAll List<@IntRange(min = -1000, max = 1000) Integer> xs) {
        List<Value> vals = new ArrayList<>();
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < xs.size(); i++) {
            vals.add(Value.of(xs.get(i)));
            m.put("k" + i, Value.of(xs.get(i)));
        }
        Value list = Value.list(Type.NUMBER, vals);
        Map<String, Value> vars = Map.of("xs", list, "m", Value.map(Type.NUMBER, m));
        assertThat(eval("[for x in xs : x]", vars)).isEqualTo(Value.tuple(vals));
        assertThat(eval("xs[*]", vars)).isEqualTo(list);
        assertThat(eval("{for k, v in m : k => v}", vars)).isEqualTo(Value.object(m));
        assertThat(eval("[for i, x in xs : i]", vars).length()).isEqualTo(xs.size());
    }

    @Property(tries = 50)
    void setsHoldTheDistinctElements(@ForAll List<@IntRange(min = 0, max = 20) Integer> xs) {
        List<Value> vals = new ArrayList<>();
        xs.forEach(x -> vals.add(Value.of(x)));
        Map<String, Value> vars = Map.of("xs", Value.tuple(vals));
        Value n = eval("length(toset(xs))", vars);
        assertThat(n.asNumber().intValue()).isEqualTo((int) xs.stream().distinct().count());
        assertThat(eval("alltrue([for x in xs : contains(toset(xs), x)])", vars)).isEqualTo(Value.TRUE);
    }

    /** HCL source for a value built from primitives, tuples and objects. */
    static String source(Value v) {
        if (v.isNull()) {
            return "null";
        }
        Type t = v.type();
        if (t == Type.STRING) {
            return ValueJson.encode(v).replace("${", "$${").replace("%{", "%%{");
        } else if (t == Type.NUMBER || t == Type.BOOL) {
            return ValueJson.encode(v);
        } else if (v.isSequence()) {
            List<String> parts = new ArrayList<>();
            v.elements().forEach(e -> parts.add(source(e)));
            return "[" + String.join(", ", parts) + "]";
        }
        List<String> parts = new ArrayList<>();
        v.entries().forEach((k, e) -> parts.add(ValueJson.encode(Value.of(k)) + " = " + source(e)));
        return "{" + String.join(", ", parts) + "}";
    }

    @Provide
    Arbitrary<Value> values() {
        Arbitrary<Value> prim = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(Value::of),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e12"), new BigDecimal("1e12")).ofScale(3)
                        .map(d -> Value.of(BigNumber.of(d))),
                Arbitraries.of(Value.TRUE, Value.FALSE));
        return Arbitraries.recursive(() -> prim, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(Value::tuple),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6), inner).ofMaxSize(4)
                        .map(Value::object)), 3);
    }
}
