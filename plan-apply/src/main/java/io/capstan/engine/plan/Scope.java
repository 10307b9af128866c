package io.capstan.engine.plan;

import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.Resource;
import io.capstan.graph.config.BuiltinProviderFunctions;
import io.capstan.graph.config.Module;
import io.capstan.graph.config.ProviderFunctionSource;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.function.FunctionRegistry;
import io.capstan.hcl.value.Value;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds evaluation contexts for expressions of one module instance. A context holds only the
 * objects the expressions mention (found from their traversals), so its cost is proportional
 * to the expression and never to the size of the module: planning N resources stays linear.
 */
public final class Scope {
    private final Path rootDir;
    private final Value terraform;
    private final FunctionRegistry functions;
    private final Map<Module, FunctionRegistry> moduleFunctions = new ConcurrentHashMap<>();
    /** {@code path} per module: the same for every instance, built once (a Path.relativize and an object each before). */
    private final Map<Module, Value> paths = new ConcurrentHashMap<>();

    private final ProviderFunctionSource providerFunctions;

    /**
     * Each expression's traversals, by identity: the same configuration expression is evaluated once per
     * instance (a count of 1,000 walked its syntax tree 1,000 times), and the tree is immutable.
     */
    private final Map<Expression, List<Traversal>> traversals = new java.util.IdentityHashMap<>();

    public Scope(Path rootDir, String workspace) {
        this(rootDir, workspace, ProviderFunctionSource.NONE);
    }

    /** A scope whose expressions can call plugin providers' functions through {@code providerFunctions}. */
    public Scope(Path rootDir, String workspace, ProviderFunctionSource providerFunctions) {
        this(rootDir, workspace, providerFunctions, false);
    }

    /**
     * As above; {@code planning} makes terraform's impure functions ({@code timestamp}, {@code uuid},
     * {@code bcrypt}) unknown, as terraform's plan walks do: they get their value at apply.
     */
    public Scope(Path rootDir, String workspace, ProviderFunctionSource providerFunctions, boolean planning) {
        this.functions = planning ? FunctionRegistry.standard().pureOnly() : FunctionRegistry.standard();
        this.rootDir = rootDir;
        this.terraform = Value.object(Map.of("workspace", Value.of(workspace)));
        this.providerFunctions = java.util.Objects.requireNonNull(providerFunctions, "providerFunctions");
    }

    public EvalContext context(ModuleInst mi, Repetition rep, Value self, Expression... exprs) {
        return context(mi, rep, self, java.util.Arrays.asList(exprs));
    }

    public EvalContext context(ModuleInst mi, Repetition rep, Value self, List<Expression> exprs) {
        Module m = mi.tree().module();
        Map<String, Value> vars = new LinkedHashMap<>();
        Map<String, Value> var = new LinkedHashMap<>();
        Map<String, Value> local = new LinkedHashMap<>();
        Map<String, Map<String, Value>> managed = new LinkedHashMap<>();
        Map<String, Value> data = new LinkedHashMap<>();
        Map<String, Value> mods = new LinkedHashMap<>();
        for (Expression e : exprs) {
            if (e == null) {
                continue;
            }
            for (Traversal t : variables(e)) {
                String root = t.rootName();
                String first = t.steps().size() > 1 && t.steps().get(1) instanceof TraverseAttr a ? a.name() : null;
                String second = t.steps().size() > 2 && t.steps().get(2) instanceof TraverseAttr a ? a.name() : null;
                if (first == null) {
                    continue;
                }
                switch (root) {
                    case "var" -> var.put(first, mi.vars().getOrDefault(first, Value.DYNAMIC_UNKNOWN));
                    case "local" -> local.put(first, mi.locals().getOrDefault(first, Value.DYNAMIC_UNKNOWN));
                    case "module" -> mods.put(first, moduleValue(mi, first));
                    case "data" -> {
                        if (second != null) {
                            Map<String, Value> byName = new LinkedHashMap<>();
                            Value prev = data.get(first);
                            if (prev != null) {
                                byName.putAll(prev.entries());
                            }
                            Expansion x = mi.resources().get(Resource.data(first, second));
                            byName.put(second, x == null ? Value.DYNAMIC_UNKNOWN : x.value());
                            data.put(first, Value.object(byName));
                        }
                    }
                    case "path", "terraform", "count", "each", "self" -> {
                    }
                    default -> {
                        Expansion x = mi.resources().get(Resource.managed(root, first));
                        managed.computeIfAbsent(root, k -> new LinkedHashMap<>())
                                .put(first, x == null ? Value.DYNAMIC_UNKNOWN : x.value());
                    }
                }
            }
        }
        vars.put("var", Value.object(var));
        vars.put("local", Value.object(local));
        for (var e : managed.entrySet()) {
            vars.put(e.getKey(), Value.object(e.getValue()));
        }
        vars.put("data", Value.object(data));
        vars.put("module", Value.object(mods));
        vars.put("path", pathObject(m));
        vars.put("terraform", terraform);
        if (rep != null && rep.count() != null) {
            vars.put("count", rep.count());
        }
        if (rep != null && rep.each() != null) {
            vars.put("each", rep.each());
        }
        if (self != null) {
            vars.put("self", self);
        }
        return EvalContext.of(vars, functionsFor(m), rootDir);
    }

    private List<Traversal> variables(Expression e) {
        synchronized (traversals) {
            List<Traversal> known = traversals.get(e);
            if (known != null) {
                return known;
            }
        }
        List<Traversal> found = e.variables();
        synchronized (traversals) {
            traversals.put(e, found);
        }
        return found;
    }

    /** {@code module.NAME}: the outputs of each instance of the call, shaped by its expansion. */
    private static Value moduleValue(ModuleInst mi, String name) {
        Expansion call = mi.calls().get(name);
        Map<Object, ModuleInst> kids = mi.children().get(name);
        if (call == null || kids == null || call.kind() == Expansion.Kind.UNKNOWN) {
            return Value.DYNAMIC_UNKNOWN;
        }
        Map<InstanceKey, Value> values = new LinkedHashMap<>();
        for (Map.Entry<Object, ModuleInst> e : kids.entrySet()) {
            ModuleInst child = e.getValue();
            Map<String, Value> outs = new LinkedHashMap<>();
            for (String o : child.tree().module().outputs().keySet()) {
                outs.put(o, child.outputs().getOrDefault(o, Value.DYNAMIC_UNKNOWN));
            }
            values.put((InstanceKey) e.getKey(), Value.object(outs));
        }
        return new Expansion(call.kind(), values).value();
    }

    private FunctionRegistry functionsFor(Module m) {
        List<String> builtin = BuiltinProviderFunctions.localNames(m);
        boolean plugins = providerFunctions != ProviderFunctionSource.NONE
                && BuiltinProviderFunctions.declaresPluginProviders(m);
        if (builtin.isEmpty() && !plugins) {
            return functions;
        }
        return moduleFunctions.computeIfAbsent(m, k -> {
            FunctionRegistry r = BuiltinProviderFunctions.forModule(m, providerFunctions, functions);
            return functions.isPureOnly() && !r.isPureOnly() ? r.pureOnly() : r;
        });
    }

    private Value pathObject(Module m) {
        return paths.computeIfAbsent(m, this::newPathObject);
    }

    private Value newPathObject(Module m) {
        String rel = rootDir.relativize(m.dir()).toString();
        return Value.object(Map.of("module", Value.of(rel.isEmpty() ? "." : rel), "root", Value.of("."),
                "cwd", Value.of(rootDir.toString())));
    }
}
