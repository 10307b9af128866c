package io.capstan.hcl.bench;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.function.FunctionContext;
import io.capstan.hcl.function.FunctionRegistry;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evaluation cost at two input sizes ({@code scale} 1 and 2), so that linearity shows:
 * doubling the input should at most about double the time. Base sizes: a {@code for}
 * expression over 100,000 elements, jsonencode/jsondecode of a ~5 MB value, merge of 2,000
 * maps of 50 keys, flatten of 2,000 lists of 50, setproduct of 300 x 300 elements (scale
 * grows one side), and a template with nested directives over 20,000 items.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class EvalBenchmark {
    @Param({"1", "2"})
    public int scale;

    private final FunctionRegistry functions = FunctionRegistry.standard();
    private final FunctionContext fctx = FunctionContext.of(Path.of("."));
    private EvalContext ctx;
    private Expression forExpr;
    private Expression template;
    private Value bigValue;
    private Value bigJson;
    private List<Value> maps;
    private Value lists;
    private Value setA;
    private Value setB;

    @Setup(Level.Trial)
    public void setUp() {
        List<Value> xs = new ArrayList<>();
        for (int i = 0; i < 100_000 * scale; i++) {
            xs.add(Value.of(i));
        }
        List<Value> items = new ArrayList<>();
        for (int i = 0; i < 20_000 * scale; i++) {
            items.add(Value.object(Map.of("name", Value.of("item-" + i), "n", Value.of(i))));
        }
        ctx = EvalContext.of(Map.of("xs", Value.list(Type.NUMBER, xs), "items", Value.tuple(items)), functions,
                Path.of("."));
        forExpr = parse("[for i, x in xs : x * 2 if x % 3 != 0]");
        template = parse("<<EOT\n%{ for it in items ~}\n%{ if it.n % 2 == 0 }${upper(it.name)}%{ else }"
                + "${it.name}-%{ for c in [1, 2] }${c}%{ endfor }%{ endif }\n%{ endfor ~}\nEOT\n");
        // ~5 MB of JSON per scale unit: objects with strings, numbers, bools and nested lists.
        List<Value> records = new ArrayList<>();
        for (int i = 0; i < 25_000 * scale; i++) {
            Map<String, Value> m = new LinkedHashMap<>();
            m.put("id", Value.of(i));
            m.put("name", Value.of("resource-name-" + i));
            m.put("enabled", Value.of(i % 2 == 0));
            m.put("tags", Value.tuple(List.of(Value.of("alpha"), Value.of("beta"), Value.of("gamma-" + i))));
            m.put("score", Value.of(i * 31L % 1000));
            records.add(Value.object(m));
        }
        bigValue = Value.tuple(records);
        bigJson = call("jsonencode", List.of(bigValue));
        maps = new ArrayList<>();
        for (int i = 0; i < 2_000 * scale; i++) {
            Map<String, Value> m = new LinkedHashMap<>();
            for (int k = 0; k < 50; k++) {
                m.put("k" + (i * 7 + k) % (60_000 * scale), Value.of(k));
            }
            maps.add(Value.object(m));
        }
        List<Value> ls = new ArrayList<>();
        for (int i = 0; i < 2_000 * scale; i++) {
            List<Value> inner = new ArrayList<>();
            for (int k = 0; k < 50; k++) {
                inner.add(Value.of("v" + i + "-" + k));
            }
            ls.add(Value.tuple(inner));
        }
        lists = Value.tuple(ls);
        List<Value> a = new ArrayList<>();
        for (int i = 0; i < 300 * scale; i++) {
            a.add(Value.of("a" + i));
        }
        List<Value> b = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            b.add(Value.of("b" + i));
        }
        setA = Value.set(Type.STRING, a);
        setB = Value.set(Type.STRING, b);
    }

    private static Expression parse(String src) {
        Result<Expression> r = HclParser.parseExpression(src, "bench.tf");
        if (r.hasErrors()) {
            throw new IllegalStateException(r.diagnostics().toString());
        }
        return r.value();
    }

    private Value call(String name, List<Value> args) {
        Result<Value> r = functions.call(name, args, fctx);
        if (r.hasErrors()) {
            throw new IllegalStateException(name + ": " + r.diagnostics());
        }
        return r.value();
    }

    private Value eval(Expression e) {
        Result<Value> r = Evaluator.evaluate(e, ctx);
        if (r.hasErrors()) {
            throw new IllegalStateException(r.diagnostics().toString());
        }
        return r.value();
    }

    @Benchmark
    public Value forExpression() {
        return eval(forExpr);
    }

    @Benchmark
    public Value templateRender() {
        return eval(template);
    }

    @Benchmark
    public Value jsonencode() {
        return call("jsonencode", List.of(bigValue));
    }

    @Benchmark
    public Value jsondecode() {
        return call("jsondecode", List.of(bigJson));
    }

    @Benchmark
    public Value merge() {
        return call("merge", maps);
    }

    @Benchmark
    public Value flatten() {
        return call("flatten", List.of(lists));
    }

    @Benchmark
    public Value setproduct() {
        return call("setproduct", List.of(setA, setB));
    }
}
