package io.capstan.hcl.function;

import io.capstan.hcl.diag.Result;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * templatefile and templatestring: the file is read and the variables checked here; parsing
 * and rendering are delegated to the {@link ExpressionEvaluator} in the context, which the
 * evaluator phase provides. {@code try} and {@code can} are not ordinary functions (their
 * arguments are unevaluated expressions) and are implemented by the evaluator itself.
 */
final class TemplateFunctions {
    private TemplateFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.add(Function.builder("templatefile").param("path", Type.STRING).param("vars", Type.DYNAMIC)
                .returns(Type.DYNAMIC).impl((args, ret, ctx) -> {
                    String path = Args.str(args, 0);
                    Path p = FileFunctions.resolve(ctx, path);
                    if (path.isEmpty() || !Files.isRegularFile(p)) {
                        throw new FunctionException(0, "no file exists at " + io.capstan.hcl.value.GoFormat.quote(path));
                    }
                    String src;
                    try {
                        src = Files.readString(p, StandardCharsets.UTF_8);
                    } catch (java.io.IOException e) {
                        throw new FunctionException(0, "failed to read " + path + ": " + e.getMessage());
                    }
                    return render(ctx, src, path, args.get(1));
                }).build());
        r.add(Function.builder("templatestring").param("template", Type.STRING).param("vars", Type.DYNAMIC)
                .returns(Type.DYNAMIC)
                .impl((args, ret, ctx) -> render(ctx, Args.str(args, 0), "<templatestring>", args.get(1))).build());
    }

    private static Value render(FunctionContext ctx, String src, String name, Value vars) {
        if (!(vars.type() instanceof ObjectType) && !(vars.type() instanceof io.capstan.hcl.value.MapType)) {
            throw new FunctionException(1, "invalid vars value: must be a map");
        }
        if (ctx.evaluator() == null) {
            throw new FunctionException("template rendering is not available in this context");
        }
        Map<String, Value> m = vars.entries();
        Result<Value> r = ctx.evaluator().renderTemplate(src, name, m);
        if (r.hasErrors()) {
            throw new FunctionException(r.diagnostics().asList().get(0).summary() + ": "
                    + r.diagnostics().asList().get(0).detail());
        }
        return r.value();
    }
}
