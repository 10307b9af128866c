package io.capstan.cli.console;

import io.capstan.graph.addrs.Provider;
import io.capstan.graph.addrs.Resource;
import io.capstan.graph.addrs.ResourceMode;
import io.capstan.graph.config.BuiltinProviderFunctions;
import io.capstan.graph.config.Local;
import io.capstan.graph.config.Module;
import io.capstan.graph.config.Variable;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.TypeConstraint;
import io.capstan.hcl.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A best-effort scope for {@code capstan console}, built on the loaded root module: variables
 * take their defaults (converted to their type, marked sensitive when declared so), locals are evaluated in dependency order, declared resources, data sources
 * and modules are "known after apply", and references to anything undeclared get
 * Terraform's errors before evaluation.
 */
public final class ConsoleScope {
    private final Map<String, Value> vars = new TreeMap<>();
    private final Map<String, Value> locals = new TreeMap<>();
    private final Map<String, Map<String, Value>> resources = new TreeMap<>();
    private final Map<String, Map<String, Value>> data = new TreeMap<>();
    private final Map<String, Value> modules = new TreeMap<>();
    private final Diagnostics loadDiagnostics = new Diagnostics();
    private final Path dir;
    /** Local names under which the module declares the built-in provider, bringing its functions into scope. */
    private final List<String> builtinProviderNames = new ArrayList<>();
    /** Local names of the other providers in {@code required_providers}, whose functions a plugin serves. */
    private final Map<String, Provider> pluginProviders = new TreeMap<>();
    private io.capstan.hcl.function.ProviderFunctionLookup providerFunctions;
    private EvalContext ctx;
    /** The {@code locals} blocks' attributes, evaluated again when the variables change. */
    private List<Local> localAttrs = List.of();
    private String workspace = "default";
    /** With {@code console -plan}: the planned root module's context for an expression, else null. */
    private java.util.function.Function<Expression, EvalContext> planned;

    private ConsoleScope(Path dir) {
        this.dir = dir;
    }

    /**
     * The scope of the loaded root module {@code root} (no files is fine: an empty root module);
     * {@code configDiagnostics}, the problems found loading it, come first in {@link #loadDiagnostics()}.
     */
    public static ConsoleScope of(Module root, Diagnostics configDiagnostics) {
        ConsoleScope s = new ConsoleScope(root.dir());
        s.loadDiagnostics.addAll(configDiagnostics);
        s.read(root);
        return s;
    }

    /**
     * Resolves the root module's declared resources and data sources that the state records to
     * their recorded values (instead of "known after apply"), as {@code terraform console} does;
     * {@code workspace} becomes {@code terraform.workspace}.
     */
    public void useState(io.capstan.engine.state.StateFile state, String workspace) {
        this.workspace = workspace;
        if (state != null) {
            var recorded = StateValues.rootResources(state, io.capstan.engine.json.ResourceSchemas.builtin());
            recorded.getOrDefault("managed", Map.of()).forEach((type, byName) -> byName.forEach((name, v) -> {
                if (resources.containsKey(type) && resources.get(type).containsKey(name)) {
                    resources.get(type).put(name, v);
                }
            }));
            recorded.getOrDefault("data", Map.of()).forEach((type, byName) -> byName.forEach((name, v) -> {
                if (data.containsKey(type) && data.get(type).containsKey(name)) {
                    data.get(type).put(name, v);
                }
            }));
        }
        rebuild();
    }

    /**
     * Replaces the defaults of the declared variables {@code given} names with its values (from
     * the environment, variable files and the command line); a sensitive variable stays sensitive.
     */
    public void useVariables(Map<String, Value> given) {
        given.forEach((name, v) -> {
            Value declared = vars.get(name);
            if (declared != null) {
                vars.put(name, declared.hasMark(Mark.SENSITIVE) && !v.hasMark(Mark.SENSITIVE) ? v.mark(Mark.SENSITIVE) : v);
            }
        });
        // locals see the new values (their problems were reported with the configuration's)
        for (Local l : localAttrs) {
            locals.put(l.name(), Value.DYNAMIC_UNKNOWN);
        }
        rebuild();
        evaluateLocals(localAttrs, new Diagnostics());
    }

    /** The plugin providers {@code required_providers} declares, by local name. */
    public Map<String, Provider> pluginProviders() {
        return java.util.Collections.unmodifiableMap(pluginProviders);
    }

    /** Makes {@code provider::NAME::FN} calls to plugin providers go through {@code lookup}. */
    public void useProviderFunctions(io.capstan.hcl.function.ProviderFunctionLookup lookup) {
        this.providerFunctions = lookup;
        rebuild();
    }

    /**
     * Evaluates from now on against a plan ({@code console -plan}): {@code contexts} gives the
     * planned root module's context for an expression (see {@code Engine.rootContext}); references
     * are still checked against what the configuration declares first, as terraform's are.
     */
    public void usePlan(java.util.function.Function<Expression, EvalContext> contexts) {
        this.planned = java.util.Objects.requireNonNull(contexts, "contexts");
    }

    /** Problems found while loading the configuration. */
    public Diagnostics loadDiagnostics() {
        return loadDiagnostics;
    }

    /** Validates the expression's references, then evaluates it. */
    public Result<Value> evaluate(Expression e) {
        Diagnostics diags = new Diagnostics();
        for (Traversal t : e.variables()) {
            check(t, diags);
        }
        if (diags.hasErrors()) {
            return new Result<>(Value.DYNAMIC_UNKNOWN, diags);
        }
        return Evaluator.evaluate(e, planned != null ? planned.apply(e) : ctx);
    }

    private void read(Module root) {
        localAttrs = new ArrayList<>(root.locals().values());
        root.variables().values().forEach(this::variable);
        root.requiredProviders().values().forEach(rp -> {
            if (Provider.BUILTIN_TERRAFORM.equals(rp.provider())) {
                builtinProviderNames.add(rp.name());
            } else {
                pluginProviders.put(rp.name(), rp.provider());
            }
        });
        root.resources().keySet().forEach(r -> {
            // a check block's data source is for its assertions only
            if (r.mode() == ResourceMode.MANAGED) {
                declare(resources, r);
            } else if (r.mode() == ResourceMode.DATA && root.scopingCheck(r) == null) {
                declare(data, r);
            }
        });
        root.moduleCalls().keySet().forEach(name -> modules.put(name, Value.DYNAMIC_UNKNOWN));
        for (Local l : localAttrs) {
            locals.put(l.name(), Value.DYNAMIC_UNKNOWN);
        }
        rebuild();
        evaluateLocals(localAttrs, loadDiagnostics);
    }

    /** The variable's default converted to its type (unknown when it has none), marked sensitive when declared so. */
    private void variable(Variable decl) {
        TypeConstraint tc = decl.type();
        Value v = Value.unknown(tc.type());
        Expression def = decl.defaultExpr();
        if (def != null) {
            Result<Value> r = Evaluator.evaluate(def, EvalContext.empty());
            loadDiagnostics.addAll(r.diagnostics());
            try {
                v = tc.apply(r.value());
            } catch (ConversionException e) {
                loadDiagnostics.add(Diagnostic.error("Invalid default value for variable",
                        "This default value is not compatible with the variable's type constraint: "
                                + e.describe() + ".", def.range()));
            }
        }
        if (decl.sensitive()) {
            v = v.mark(Mark.SENSITIVE);
        }
        vars.put(decl.name(), v);
    }

    private static void declare(Map<String, Map<String, Value>> into, Resource r) {
        into.computeIfAbsent(r.type(), k -> new TreeMap<>()).put(r.name(), Value.DYNAMIC_UNKNOWN);
    }

    /** Evaluates locals whose local references are all done, until no more progress is made. */
    private void evaluateLocals(List<Local> pending, Diagnostics sink) {
        List<Local> todo = new ArrayList<>(pending);
        Map<String, Boolean> done = new HashMap<>();
        boolean progress = true;
        while (progress && !todo.isEmpty()) {
            progress = false;
            for (Local a : List.copyOf(todo)) {
                boolean ready = a.expr().variables().stream().noneMatch(t -> "local".equals(t.rootName())
                        && t.steps().size() > 1 && t.steps().get(1) instanceof TraverseAttr at
                        && locals.containsKey(at.name()) && !done.containsKey(at.name()));
                if (!ready) {
                    continue;
                }
                Result<Value> r = evaluate(a.expr());
                sink.addAll(r.diagnostics());
                locals.put(a.name(), r.value());
                done.put(a.name(), true);
                todo.remove(a);
                rebuild();
                progress = true;
            }
        }
    }

    private void rebuild() {
        Map<String, Value> root = new LinkedHashMap<>();
        root.put("var", Value.object(vars));
        root.put("local", Value.object(locals));
        root.put("module", Value.object(modules));
        root.put("path", Value.object(Map.of("module", Value.of("."), "root", Value.of("."),
                "cwd", Value.of(dir.toString()))));
        root.put("terraform", Value.object(Map.of("workspace", Value.of(workspace))));
        Map<String, Value> dataObj = new TreeMap<>();
        data.forEach((t, m) -> dataObj.put(t, Value.object(m)));
        root.put("data", Value.object(dataObj));
        resources.forEach((t, m) -> root.put(t, Value.object(m)));
        var functions = BuiltinProviderFunctions.registry(builtinProviderNames);
        ctx = EvalContext.of(root, providerFunctions == null ? functions : functions.withProviderLookup(providerFunctions),
                dir);
    }

    private void check(Traversal t, Diagnostics diags) {
        List<Traverser> steps = t.steps();
        String root = t.rootName();
        String attr = steps.size() > 1 && steps.get(1) instanceof TraverseAttr a ? a.name() : null;
        String third = steps.size() > 2 && steps.get(2) instanceof TraverseAttr a ? a.name() : null;
        switch (root) {
            case "path" -> {
                if (attr == null || !List.of("module", "root", "cwd").contains(attr)) {
                    err(diags, "Invalid \"path\" attribute", "The \"path\" object does not have an attribute named \""
                            + attr + "\". The supported attributes are path.cwd, path.module, and path.root.", t);
                }
            }
            case "terraform" -> {
                if (!"workspace".equals(attr)) {
                    err(diags, "Invalid \"terraform\" attribute", "The \"terraform\" object does not have an attribute "
                            + "named \"" + attr + "\". The only supported attribute is terraform.workspace, the name of "
                            + "the currently-selected workspace.", t);
                }
            }
            case "var" -> {
                if (attr == null || !vars.containsKey(attr)) {
                    err(diags, "Reference to undeclared input variable", "An input variable with the name \"" + attr
                            + "\" has not been declared. This variable can be declared with a variable \"" + attr
                            + "\" {} block.", t);
                }
            }
            case "local" -> {
                if (attr == null || !locals.containsKey(attr)) {
                    err(diags, "Reference to undeclared local value", "A local value with the name \"" + attr
                            + "\" has not been declared.", t);
                }
            }
            case "module" -> {
                if (attr == null || !modules.containsKey(attr)) {
                    err(diags, "Reference to undeclared module", "No module call named \"" + attr
                            + "\" is declared in the root module.", t);
                }
            }
            case "data" -> {
                if (attr == null || third == null || !data.containsKey(attr) || !data.get(attr).containsKey(third)) {
                    err(diags, "Reference to undeclared resource", "A data resource \"" + attr + "\" \"" + third
                            + "\" has not been declared in the root module.", t);
                }
            }
            case "count" -> err(diags, "Reference to \"count\" in non-counted context", "The \"count\" object can only "
                    + "be used in \"module\", \"resource\", and \"data\" blocks, and only when the \"count\" argument "
                    + "is set.", t);
            case "each" -> err(diags, "Reference to \"each\" in context without for_each", "The \"each\" object can be "
                    + "used only in \"module\" or \"resource\" blocks, and only when the \"for_each\" argument is set.", t);
            case "self" -> err(diags, "Invalid \"self\" reference", "The \"self\" object is not available in this "
                    + "context.", t);
            default -> {
                if (attr == null) {
                    err(diags, "Invalid reference", "A reference to a resource type must be followed by at least one "
                            + "attribute access, specifying the resource name.", t);
                } else if (!resources.containsKey(root) || !resources.get(root).containsKey(attr)) {
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
