package io.capstan.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.function.FunctionRegistry;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.sdk.FunctionFailure;
import io.capstan.provider.sdk.FunctionParam;
import io.capstan.provider.sdk.Provider;
import io.capstan.provider.sdk.ProviderFunction;
import io.capstan.provider.sdk.SdkProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine's calling of provider functions, against an SDK provider in process: positional
 * and variadic arguments converted to the declared types, null and unknown rules (an unknown
 * anywhere inside an argument gives an unknown result without calling the provider, unless the
 * parameter allows unknowns), and provider errors worded as Terraform words them, naming the
 * parameter when the provider names an argument.
 */
class PluginFunctionTest {
    private static final AtomicInteger CALLS = new AtomicInteger();

    private static final Provider DEMO = Provider.builder("demo")
            .function(ProviderFunction.builder("join")
                    .parameter(FunctionParam.of("separator", Type.STRING))
                    .variadic(FunctionParam.of("parts", Type.STRING))
                    .returns(Type.STRING)
                    .impl(args -> {
                        CALLS.incrementAndGet();
                        if (args.string(0).isBlank()) {
                            throw FunctionFailure.argument(0, "must not be blank");
                        }
                        return Value.of(args.variadic().stream().map(Value::asString)
                                .collect(Collectors.joining(args.string(0))));
                    })
                    .build())
            .function(ProviderFunction.builder("describe")
                    .parameter(FunctionParam.of("value", Type.DYNAMIC).allowNull().allowUnknown())
                    .returns(Type.STRING)
                    .impl(args -> Value.of(args.isNull(0) ? "null"
                            : args.value(0).isWhollyKnown() ? "known " + args.value(0).type().friendlyName()
                            : "unknown"))
                    .build())
            .function(ProviderFunction.builder("fail")
                    .returns(Type.STRING)
                    .impl(args -> {
                        throw FunctionFailure.of("it failed on purpose");
                    })
                    .build())
            .build();

    private static Result<Value> eval(String expr) {
        SdkProvider client = new SdkProvider(DEMO);
        FunctionRegistry r = FunctionRegistry.standard();
        client.getFunctions(null).functions().forEach((n, sig) -> r.add(PluginFunction.of("demo", n, sig, client)));
        EvalContext ctx = EvalContext.of(Map.of("var", Value.object(Map.of(
                "unknown_list", Value.tuple(List.of(Value.of("a"), Value.unknown(Type.STRING))),
                "count", Value.of(3)))), r, Path.of("."));
        return Evaluator.evaluate(HclParser.parseExpression(expr, "test.tf").value(), ctx);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            provider::demo::join("-")                          | ""
            provider::demo::join("-", "a", "b", var.count)     | "a-b-3"
            provider::demo::join(", ", ["x", "y"]...)          | "x, y"
            provider::demo::describe(null)                     | "null"
            provider::demo::describe(var.unknown_list)         | "unknown"
            provider::demo::describe({a = 1})                  | "known object"
            """)
    void callsTheProviderWithConvertedArguments(String expr, String expected) {
        Result<Value> r = eval(expr);
        assertThat(r.diagnostics().hasErrors()).as(r.diagnostics().toString()).isFalse();
        assertThat(r.value()).isEqualTo(Value.of(expected.substring(1, expected.length() - 1)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            provider::demo::join("-", var.unknown_list...)
            provider::demo::join("-", "a", var.unknown_list[1])
            """)
    void anUnknownArgumentGivesAnUnknownResultWithoutACall(String expr) {
        int before = CALLS.get();
        Result<Value> r = eval(expr);
        assertThat(r.diagnostics().hasErrors()).isFalse();
        assertThat(r.value().isKnown()).isFalse();
        assertThat(r.value().type()).isIn(Type.STRING, Type.DYNAMIC);
        assertThat(CALLS.get()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            provider::demo::join(" ", "a")    | Invalid function argument | Invalid value for "separator" parameter: must not be blank.        | 23
            provider::demo::join(null, "a")   | Invalid function argument | Invalid value for "separator" parameter: argument must not be null. | 22
            provider::demo::join("-", ["a"])  | Invalid function argument | Invalid value for "parts" parameter: string required.              | 27
            provider::demo::join()            | Not enough function arguments | Function "provider::demo::join" expects at least 1 argument(s). Missing value for "separator". | 22
            provider::demo::fail()            | Error in function call    | Call to function "provider::demo::fail" failed: it failed on purpose. | 1
            """)
    void errorsAreWordedAsTerraformWordsThem(String expr, String summary, String detail, int column) {
        Result<Value> r = eval(expr);
        Diagnostic d = r.diagnostics().iterator().next();
        assertThat(d.summary()).isEqualTo(summary);
        assertThat(d.detail()).isEqualTo(detail);
        assertThat(d.subject().start().column()).isEqualTo(column);
    }
}
