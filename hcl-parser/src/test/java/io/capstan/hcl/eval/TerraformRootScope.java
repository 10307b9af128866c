package io.capstan.hcl.eval;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.value.Value;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A minimal stand-in for Terraform's scope of an empty root module, for the conformance
 * test: {@code path.*} and {@code terraform.workspace} are defined, and every other
 * reference is checked before evaluation (as Terraform's {@code lang.Scope} does) and
 * reported with Terraform's messages. The real, configuration-aware scope lives in the
 * configuration model.
 */
final class TerraformRootScope {
    private final EvalContext ctx;

    TerraformRootScope(Path cwd) {
        Value path = Value.object(Map.of("module", Value.of("."), "root", Value.of("."),
                "cwd", Value.of(cwd.toAbsolutePath().toString())));
        Value terraform = Value.object(Map.of("workspace", Value.of("default")));
        this.ctx = EvalContext.standard(Map.of("path", path, "terraform", terraform), cwd)
                .withClock(Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC), null);
    }

    /** Checks references, then evaluates. */
    Result<Value> evaluate(Expression e) {
        Diagnostics diags = new Diagnostics();
        for (Traversal t : e.variables()) {
            check(t, diags);
        }
        if (diags.hasErrors()) {
            return new Result<>(Value.DYNAMIC_UNKNOWN, diags);
        }
        return Evaluator.evaluate(e, ctx);
    }

    private static void check(Traversal t, Diagnostics diags) {
        List<Traverser> steps = t.steps();
        String root = t.rootName();
        String attr = steps.size() > 1 && steps.get(1) instanceof TraverseAttr a ? a.name() : null;
        switch (root) {
            case "path" -> {
                if (attr == null || !List.of("module", "root", "cwd").contains(attr)) {
                    err(diags, "Invalid \"path\" attribute", "The \"path\" object does not have an attribute named "
                            + "\"" + attr + "\". The supported attributes are path.cwd, path.module, and path.root.", t);
                }
            }
            case "terraform" -> {
                if (!"workspace".equals(attr)) {
                    err(diags, "Invalid \"terraform\" attribute", "The \"terraform\" object does not have an attribute "
                            + "named \"" + attr + "\". The only supported attribute is terraform.workspace, the name "
                            + "of the currently-selected workspace.", t);
                }
            }
            case "var" -> err(diags, "Reference to undeclared input variable", "An input variable with the name \""
                    + attr + "\" has not been declared.", t);
            case "local" -> err(diags, "Reference to undeclared local value", "A local value with the name \""
                    + attr + "\" has not been declared.", t);
            case "module" -> err(diags, "Reference to undeclared module", "No module call named \"" + attr
                    + "\" is declared in the root module.", t);
            case "count" -> err(diags, "Reference to \"count\" in non-counted context", "The \"count\" object can "
                    + "only be used in \"module\", \"resource\", and \"data\" blocks, and only when the \"count\" "
                    + "argument is set.", t);
            case "each" -> err(diags, "Reference to \"each\" in context without for_each", "The \"each\" object can "
                    + "be used only in \"module\" or \"resource\" blocks, and only when the \"for_each\" argument is "
                    + "set.", t);
            case "self" -> err(diags, "Invalid \"self\" reference", "The \"self\" object is not available in this "
                    + "context.", t);
            default -> {
                if (attr == null) {
                    err(diags, "Invalid reference", "A reference to a resource type must be followed by at least one "
                            + "attribute access, specifying the resource name.", t);
                } else {
                    err(diags, "Reference to undeclared resource", "A managed resource \"" + root + "\" \"" + attr
                            + "\" has not been declared in the root module.", t);
                }
            }
        }
    }

    private static void err(Diagnostics diags, String summary, String detail, Traversal t) {
        diags.add(Diagnostic.error(summary, detail, t.range()));
    }
}
