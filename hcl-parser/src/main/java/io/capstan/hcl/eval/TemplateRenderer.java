package io.capstan.hcl.eval;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.function.ExpressionEvaluator;
import io.capstan.hcl.function.Function;
import io.capstan.hcl.function.FunctionContext;
import io.capstan.hcl.function.FunctionException;
import io.capstan.hcl.function.FunctionRegistry;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.Map;
import java.util.Objects;

/**
 * Renders templates for {@code templatefile} and {@code templatestring}: the template sees
 * only the given variables and the function library, minus the template functions
 * themselves (Terraform forbids recursive template calls).
 */
final class TemplateRenderer implements ExpressionEvaluator {
    private final FunctionRegistry functions;
    private final FunctionContext functionContext;

    TemplateRenderer(FunctionRegistry functions, FunctionContext functionContext) {
        this.functions = Objects.requireNonNull(functions);
        this.functionContext = Objects.requireNonNull(functionContext);
    }

    @Override
    public Result<Value> renderTemplate(String source, String filename, Map<String, Value> variables) {
        Result<Expression> parsed = HclParser.parseTemplate(source, filename);
        if (parsed.hasErrors() || parsed.value() == null) {
            return new Result<>(Value.DYNAMIC_UNKNOWN, parsed.diagnostics());
        }
        Diagnostics diags = new Diagnostics();
        for (Traversal t : parsed.value().variables()) {
            if (!variables.containsKey(t.rootName())) {
                diags.add(Diagnostic.error("Invalid function argument", "vars map does not contain key \""
                        + t.rootName() + "\", referenced at " + t.steps().get(0).range(), t.range()));
                return new Result<>(Value.DYNAMIC_UNKNOWN, diags);
            }
        }
        FunctionRegistry inner = new FunctionRegistry();
        for (String n : functions.names()) {
            if (n.equals("templatefile") || n.equals("templatestring")) {
                inner.add(Function.builder(n).param("template", Type.STRING).param("vars", Type.DYNAMIC)
                        .returns(Type.DYNAMIC).impl((args, ret, ctx) -> {
                            throw new FunctionException("cannot recursively call " + n
                                    + " from inside another template function");
                        }).build());
            } else {
                inner.add(functions.get(n));
            }
        }
        EvalContext ctx = EvalContext.of(variables, inner, functionContext.baseDir());
        Value v = Evaluator.evaluate(parsed.value(), ctx, diags);
        return new Result<>(v, diags);
    }
}
