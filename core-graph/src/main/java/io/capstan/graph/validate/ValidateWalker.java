package io.capstan.graph.validate;

import io.capstan.graph.addrs.AbsResourceInstance;
import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.ModulePath;
import io.capstan.graph.addrs.Reference;
import io.capstan.graph.addrs.Referenceable;
import io.capstan.graph.addrs.References;
import io.capstan.graph.addrs.ResourceInstance;
import io.capstan.graph.addrs.Resource;
import io.capstan.graph.addrs.ResourceMode;
import io.capstan.graph.config.CheckRule;
import io.capstan.graph.config.ImportTargets;
import io.capstan.graph.config.Module;
import io.capstan.graph.config.ModuleCall;
import io.capstan.graph.config.ModuleTree;
import io.capstan.graph.config.ResourceConfig;
import io.capstan.graph.config.Variable;
import io.capstan.graph.graph.GraphNode;
import io.capstan.graph.graph.LocalNode;
import io.capstan.graph.graph.ModuleCallNode;
import io.capstan.graph.graph.OutputNode;
import io.capstan.graph.graph.ResourceGraph;
import io.capstan.graph.graph.ResourceNode;
import io.capstan.graph.graph.VariableNode;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.IndexExpr;
import io.capstan.hcl.ast.Literal;
import io.capstan.hcl.ast.RelativeTraversalExpr;
import io.capstan.hcl.ast.ScopeTraversalExpr;
import io.capstan.hcl.ast.TraverseIndex;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.Block;
import io.capstan.hcl.body.BlockHeaderSchema;
import io.capstan.hcl.body.BodySchema;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.function.FunctionRegistry;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;

import java.nio.file.Path;
import io.capstan.graph.config.BuiltinProviderFunctions;
import io.capstan.graph.config.ProviderFunctionSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validate walk: evaluates every expression of every module once, with unknown values for
 * input variables, resources, module outputs, {@code count.index} and {@code each}, as
 * {@code terraform validate} does. It finds what needs evaluation: wrong default types, bad
 * function calls, unsuitable {@code for_each}, unmarked sensitive outputs, failing output
 * preconditions, and arguments the provider schema does not have.
 */
public final class ValidateWalker {
    private final ModuleTree tree;
    private final Path rootDir;
    private final Diagnostics diags;
    private final Map<ModulePath, Map<String, Value>> locals = new HashMap<>();
    private final Map<ModulePath, Module> modules = new HashMap<>();
    // terraform validates as it plans: its impure functions (timestamp, uuid, bcrypt) are unknown
    private final FunctionRegistry functions = FunctionRegistry.standard().pureOnly();
    private final Map<ModulePath, FunctionRegistry> moduleFunctions = new HashMap<>();
    /** {@code path} per module: the same for every expression of the module, built once (an object and a Path.relativize each before). */
    private final Map<Module, Value> paths = new HashMap<>();
    private static final Value TERRAFORM = Value.object(Map.of("workspace", Value.of("default")));
    private static final Value COUNT = Value.object(Map.of("index", Value.unknown(Type.NUMBER)));
    private static final Value EACH = Value.object(Map.of("key", Value.unknown(Type.STRING), "value", Value.DYNAMIC_UNKNOWN));

    private final ProviderFunctionSource providerFunctions;
    private final ProviderChecks checks;
    private final Map<ModulePath, ModuleTree> trees = new LinkedHashMap<>();

    private ValidateWalker(ModuleTree tree, Diagnostics diags, ProviderFunctionSource providerFunctions,
                           ProviderChecks checks) {
        this.tree = tree;
        this.providerFunctions = providerFunctions;
        this.checks = checks;
        this.rootDir = tree.module().dir();
        this.diags = diags;
        // loops rather than lambdas on the plan path: each lambda call site costs every run its bootstrap (#6)
        for (ModuleTree t : tree.all()) {
            modules.put(t.path(), t.module());
            trees.put(t.path(), t);
        }
    }

    public static void walk(ModuleTree tree, ResourceGraph graph, Diagnostics diags) {
        walk(tree, graph, diags, ProviderFunctionSource.NONE);
    }

    /** As {@link #walk(ModuleTree, ResourceGraph, Diagnostics)}, calling plugin providers' functions through {@code functions}. */
    public static void walk(ModuleTree tree, ResourceGraph graph, Diagnostics diags, ProviderFunctionSource functions) {
        walk(tree, graph, diags, functions, ProviderChecks.NONE);
    }

    /**
     * As {@link #walk(ModuleTree, ResourceGraph, Diagnostics, ProviderFunctionSource)}, handing each
     * block that needs a provider's schema to {@code checks}, and each {@code provider} block after the walk.
     */
    public static void walk(ModuleTree tree, ResourceGraph graph, Diagnostics diags, ProviderFunctionSource functions,
                            ProviderChecks checks) {
        ValidateWalker w = new ValidateWalker(tree, diags, functions, checks);
        for (GraphNode n : graph.walkOrder()) {
            w.visit(n);
        }
        w.imports();
        if (checks != ProviderChecks.NONE) {
            for (Map.Entry<ModulePath, ModuleTree> pt : w.trees.entrySet()) {
                ModulePath p = pt.getKey();
                ModuleTree t = pt.getValue();
                for (var pc : t.module().providerConfigs().values()) {
                    checks.provider(t, pc, e -> w.ctx(p, false, false, e), diags);
                }
            }
        }
    }

    private void visit(GraphNode n) {
        if (n instanceof VariableNode v) {
            variable(v);
        } else if (n instanceof LocalNode l) {
            Value val = eval(l.local().expr(), ctx(l.module(), false, false, l.local().expr()));
            locals.computeIfAbsent(l.module(), k -> new LinkedHashMap<>()).put(l.local().name(), val);
        } else if (n instanceof OutputNode o) {
            output(o);
        } else if (n instanceof ResourceNode r) {
            resource(r);
        } else if (n instanceof ModuleCallNode mc) {
            moduleCall(mc);
        }
    }

    /**
     * The root module's import blocks as terraform's validate walk checks them: each configured
     * resource with the blocks that target it, in configuration order, and each block whose
     * resource has no configuration on its own. A resource's checks stop at its first error:
     * (without configuration) whether the configuration could be generated, then block by block
     * an {@code id} referring to the resource, the {@code for_each} (unknown allowed), and for each
     * of its keys (or the static address) the {@code to} address, its key against how the resource
     * expands, and the id (null or empty).
     */
    private void imports() {
        Module rootModule = tree.module();
        Map<ImportTargets.Target, List<io.capstan.graph.config.Import>> claimed = new LinkedHashMap<>();
        for (io.capstan.graph.config.Import im : rootModule.imports()) {
            ImportTargets.Target t = ImportTargets.target(im);
            Module m = t == null ? null : modules.get(t.module());
            if (m == null) {
                continue; // not an address, or a module the configuration lacks: reported when loading
            }
            if (m.resources().containsKey(t.resource())) {
                claimed.computeIfAbsent(t, k -> new java.util.ArrayList<>()).add(im);
            } else {
                importTarget(t, null, List.of(im));
            }
        }
        for (var c : claimed.entrySet()) {
            var t = c.getKey();
            importTarget(t, modules.get(t.module()).resources().get(t.resource()), c.getValue());
        }
    }

    private void importTarget(ImportTargets.Target t, ResourceConfig rc, List<io.capstan.graph.config.Import> ims) {
        Diagnostics d = new Diagnostics();
        if (rc == null) {
            for (io.capstan.graph.config.Import im : ims) {
                if (!t.module().isRoot()) {
                    d.add(Diagnostic.error("Configuration for import target does not exist", "Resource " + t
                            + " not found. Only resources within the root module are eligible for config generation.",
                            im.to().range()));
                    continue;
                }
                AbsResourceInstance to = ImportTargets.staticAddress(im.to(), new Diagnostics());
                if (to != null && (!(to.resource().key() instanceof InstanceKey.None) || im.forEach() != null)) {
                    d.add(Diagnostic.error("Configuration for import target does not exist", "The given import block "
                            + "is not compatible with config generation. The -generate-config-out option cannot be "
                            + "used with import blocks which use for_each, or resources which use for_each or count.",
                            im.to().range()));
                }
            }
        }
        for (io.capstan.graph.config.Import im : ims) {
            if (d.hasErrors() || !importBlock(t, rc, im, d)) {
                break;
            }
        }
        diags.addAll(d);
    }

    /** One block's checks for the resource it targets; false at the first error (added to {@code d}). */
    private boolean importBlock(ImportTargets.Target t, ResourceConfig rc, io.capstan.graph.config.Import im,
                                Diagnostics d) {
        if (im.id() != null) {
            for (Reference ref : References.of(List.of(im.id()), new Diagnostics())) {
                Referenceable s = ref.subject();
                Resource r = s instanceof ResourceInstance ri ? ri.resource() : s instanceof Resource res ? res : null;
                if (t.resource().equals(r)) {
                    d.add(Diagnostic.error("Invalid import id argument", "The import ID cannot reference the "
                            + "resource being imported.", ref.range()));
                }
            }
            if (d.hasErrors()) {
                return false;
            }
        }
        EvalContext outer = ctx(ModulePath.ROOT, false, false, im.forEach(), im.id());
        if (im.forEach() == null) {
            AbsResourceInstance to = ImportTargets.staticAddress(im.to(), d);
            return to != null && importExpansion(rc, to, im, d) && importId(im.id(), outer, d);
        }
        Value fe = Evaluator.evaluate(im.forEach(), outer, d);
        if (fe == null || d.hasErrors()) {
            return false;
        }
        if (!fe.isWhollyKnown() || fe.isNull()) {
            return true; // unknown: checked when planning; null imports nothing
        }
        Value u = fe.unmarkDeep().value();
        List<Value[]> pairs = new java.util.ArrayList<>();
        if (u.type() instanceof io.capstan.hcl.value.ListType || u.type() instanceof io.capstan.hcl.value.TupleType) {
            int i = 0;
            for (Value e : u.elements()) {
                pairs.add(new Value[] {Value.of(i++), e});
            }
        } else if (u.type() instanceof io.capstan.hcl.value.SetType) {
            u.elements().forEach(e -> pairs.add(new Value[] {e, e}));
        } else if (u.type() instanceof io.capstan.hcl.value.MapType || u.type() instanceof io.capstan.hcl.value.ObjectType) {
            u.entries().forEach((k, v) -> pairs.add(new Value[] {Value.of(k), v}));
        } else {
            d.add(Diagnostic.error("Invalid for_each argument", "The \"for_each\" expression must be a collection.",
                    im.forEach().range()));
            return false;
        }
        for (Value[] kv : pairs) {
            Value each = Value.object(Map.of("key", kv[0], "value", kv[1]));
            AbsResourceInstance to = keyedAddress(im.to(), each, d);
            if (to == null || !importExpansion(rc, to, im, d) || !importId(im.id(), outer.withVariable("each", each), d)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A {@code to} with index expressions evaluated as terraform's: with only {@code each} in scope
     * (no functions, no other references); null with the errors when it is not an address.
     */
    private static AbsResourceInstance keyedAddress(Expression to, Value each, Diagnostics d) {
        List<Traverser> steps = keyedSteps(to, each, d);
        if (steps == null || d.hasErrors()) {
            return null;
        }
        var r = ImportTargets.parse(steps, to.range());
        d.addAll(r.diagnostics());
        return r.hasErrors() ? null : r.value();
    }

    private static List<Traverser> keyedSteps(Expression e, Value each, Diagnostics d) {
        if (e instanceof ScopeTraversalExpr st) {
            return new java.util.ArrayList<>(st.traversal().steps());
        }
        if (e instanceof RelativeTraversalExpr rt) {
            List<Traverser> out = keyedSteps(rt.source(), each, d);
            if (out != null) {
                out.addAll(rt.traversal());
            }
            return out;
        }
        if (e instanceof IndexExpr ix) {
            List<Traverser> out = keyedSteps(ix.collection(), each, d);
            if (out == null) {
                return null;
            }
            Diagnostics kd = new Diagnostics();
            Value k = Evaluator.evaluate(ix.key(), EvalContext.empty().withVariable("each", each), kd);
            for (Diagnostic x : kd) {
                d.add(x.summary().equals("Unknown variable") ? Diagnostic.error(x.summary(), x.detail()
                        + "Only \"each.key\" and \"each.value\" can be used in import address index expressions.",
                        x.subject()) : x);
            }
            if (k == null || kd.hasErrors()) {
                return null;
            }
            if (k.containsMarked() && k.unmarkDeep().marks().contains(Mark.SENSITIVE)) {
                d.add(Diagnostic.error("Invalid index expression", "Import address index expression cannot be "
                        + "sensitive.", ix.key().range()));
                return null;
            }
            k = k.unmark();
            Literal key = k.isKnown() && !k.isNull() && k.type() == Type.STRING ? new Literal.Str(k.asString())
                    : k.isKnown() && !k.isNull() && k.type() == Type.NUMBER ? new Literal.Num(k.asNumber().toBigDecimal())
                    : new Literal.Bool(false); // neither: the address parse reports it
            out.add(new TraverseIndex(key, ix.bracketRange()));
            return out;
        }
        d.add(ImportTargets.staticRequired(e));
        return null;
    }

    /** terraform's validateImportTargetExpansion: the address's key against the resource's count or for_each. */
    private static boolean importExpansion(ResourceConfig rc, AbsResourceInstance to, io.capstan.graph.config.Import im,
                                           Diagnostics d) {
        boolean forEach = rc != null && rc.forEach() != null;
        boolean count = rc != null && rc.count() != null;
        InstanceKey key = to.resource().key();
        String problem = key instanceof InstanceKey.Str ? (forEach ? null : "The target resource does not use for_each.")
                : key instanceof InstanceKey.Int ? (count ? null : "The target resource does not use count.")
                : forEach ? "The target resource is using for_each." : count ? "The target resource is using count." : null;
        if (problem != null) {
            d.add(Diagnostic.error("Invalid import 'to' expression", problem, im.to().range()));
            return false;
        }
        return true;
    }

    /** One import id's check (terraform's evaluateImportIdExpression with unknown allowed); false on an error. */
    private boolean importId(Expression id, EvalContext ctx, Diagnostics diags) {
        if (id == null) {
            return true;
        }
        Diagnostics d = new Diagnostics();
        Value v = Evaluator.evaluate(id, ctx, d);
        diags.addAll(d);
        if (v == null || d.hasErrors()) {
            return false;
        }
        v = v.unmark();
        if (v.isKnown() && v.isNull()) {
            diags.add(Diagnostic.error("Invalid import id argument", "The import ID cannot be null.", id.range()));
            return false;
        }
        if (v.isKnown() && v.type() == Type.STRING && v.asString().isEmpty()) {
            diags.add(Diagnostic.error("Invalid import id argument", "The import ID value evaluates to an empty "
                    + "string, please provide a non-empty value.", id.range()));
            return false;
        }
        return true;
    }

    private Value eval(Expression e, EvalContext ctx) {
        if (e == null) {
            return Value.DYNAMIC_UNKNOWN;
        }
        Diagnostics d = new Diagnostics();
        Value v = Evaluator.evaluate(e, ctx, d);
        diags.addAll(d);
        return d.hasErrors() || v == null ? Value.DYNAMIC_UNKNOWN : v;
    }

    /**
     * The scope for evaluating {@code exprs}: only the objects they refer to (their existence was
     * checked when the graph was built), so building it costs what the expressions mention and
     * never the size of the module: validating N resources stays linear.
     */
    private EvalContext ctx(ModulePath p, boolean count, boolean each, Expression... exprs) {
        Module m = modules.get(p);
        Map<String, Value> vars = new LinkedHashMap<>();
        Map<String, Value> var = new LinkedHashMap<>();
        Map<String, Value> local = new LinkedHashMap<>();
        Map<String, Map<String, Value>> managed = new LinkedHashMap<>();
        Map<String, Map<String, Value>> data = new LinkedHashMap<>();
        Map<String, Value> mods = new LinkedHashMap<>();
        for (Expression e : exprs) {
            if (e == null) {
                continue;
            }
            for (Traversal t : e.variables()) {
                String root = t.rootName();
                String first = t.steps().size() > 1 && t.steps().get(1) instanceof TraverseAttr a ? a.name() : null;
                String second = t.steps().size() > 2 && t.steps().get(2) instanceof TraverseAttr a ? a.name() : null;
                if (first == null) {
                    continue;
                }
                switch (root) {
                    case "var" -> {
                        Variable v = m.variables().get(first);
                        if (v != null) {
                            Value u = Value.unknown(v.type().type());
                            var.put(first, v.sensitive() ? u.mark(Mark.SENSITIVE) : u);
                        }
                    }
                    case "local" -> {
                        if (m.locals().containsKey(first)) {
                            local.put(first, locals.getOrDefault(p, Map.of()).getOrDefault(first, Value.DYNAMIC_UNKNOWN));
                        }
                    }
                    case "module" -> mods.put(first, Value.DYNAMIC_UNKNOWN);
                    case "data" -> {
                        if (second != null) {
                            data.computeIfAbsent(first, k -> new LinkedHashMap<>()).put(second, Value.DYNAMIC_UNKNOWN);
                        }
                    }
                    case "path", "terraform", "count", "each", "self" -> {
                    }
                    default -> managed.computeIfAbsent(root, k -> new LinkedHashMap<>()).put(first, Value.DYNAMIC_UNKNOWN);
                }
            }
        }
        vars.put("var", Value.object(var));
        vars.put("local", Value.object(local));
        for (var e : managed.entrySet()) {
            vars.put(e.getKey(), Value.object(e.getValue()));
        }
        Map<String, Value> dataObj = new LinkedHashMap<>();
        for (var e : data.entrySet()) {
            dataObj.put(e.getKey(), Value.object(e.getValue()));
        }
        vars.put("data", Value.object(dataObj));
        vars.put("module", Value.object(mods));
        vars.put("path", pathObject(m));
        vars.put("terraform", TERRAFORM);
        if (count) {
            vars.put("count", COUNT);
        }
        if (each) {
            vars.put("each", EACH);
        }
        return EvalContext.of(vars, functionsFor(p, m), rootDir);
    }

    /** The standard functions plus those of providers the module declares (only the built-in one so far). */
    private FunctionRegistry functionsFor(ModulePath p, Module m) {
        List<String> builtin = BuiltinProviderFunctions.localNames(m);
        boolean plugins = providerFunctions != ProviderFunctionSource.NONE
                && BuiltinProviderFunctions.declaresPluginProviders(m);
        if (builtin.isEmpty() && !plugins) {
            return functions;
        }
        return moduleFunctions.computeIfAbsent(p, k -> {
            FunctionRegistry r = BuiltinProviderFunctions.forModule(m, providerFunctions, functions);
            return r.isPureOnly() ? r : r.pureOnly();
        });
    }

    private Value pathObject(Module m) {
        Value v = paths.get(m);
        if (v == null) {
            String rel = rootDir.relativize(m.dir()).toString();
            v = Value.object(Map.of("module", Value.of(rel.isEmpty() ? "." : rel), "root", Value.of("."),
                    "cwd", Value.of(rootDir.toString())));
            paths.put(m, v);
        }
        return v;
    }

    private void variable(VariableNode n) {
        Variable v = n.variable();
        if (v.defaultExpr() != null) {
            Value d = eval(v.defaultExpr(), EvalContext.of(Map.of(), functions, rootDir));
            if (d.isKnown() || d.type() != Type.DYNAMIC) {
                try {
                    v.type().apply(d);
                } catch (ConversionException e) {
                    diags.add(Diagnostic.error("Invalid default value for variable", "This default value is not "
                            + "compatible with the variable's type constraint: " + e.describe() + ".",
                            v.defaultExpr().range()));
                }
            }
        }
        if (n.argument() != null) {
            ModuleCallNode call = callOf(n.module());
            eval(n.argument(), ctx(n.referenceScope(), call != null && call.hasCount(), call != null && call.hasForEach(),
                    n.argument()));
        }
    }

    private ModuleCallNode callOf(ModulePath child) {
        ModulePath parent = child.parent();
        ModuleCall mc = modules.get(parent).moduleCalls().get(child.names().get(child.names().size() - 1));
        return mc == null ? null : new ModuleCallNode(parent, mc);
    }

    private void output(OutputNode n) {
        EvalContext c = ctx(n.module(), false, false, n.referenceExpressions().toArray(new Expression[0]));
        Value v = eval(n.output().value(), c);
        if (n.module().isRoot() && !n.output().sensitive() && v.containsMarked() && hasSensitive(v)) {
            diags.add(Diagnostic.error("Output refers to sensitive values", "To reduce the risk of accidentally "
                    + "exporting sensitive data that was intended to be only internal, Terraform requires that any root "
                    + "module output containing sensitive data be explicitly marked as sensitive, to confirm your "
                    + "intent.\n\nIf you do intend to export this data, annotate the output value as sensitive by "
                    + "adding the following argument:\n    sensitive = true", n.output().declRange()));
        }
        for (CheckRule r : n.output().preconditions()) {
            Value cond = eval(r.condition(), c);
            if (cond.isKnown() && !cond.isNull() && cond.type() == Type.BOOL && !cond.unmark().asBool()) {
                Value msg = eval(r.errorMessage(), c);
                String text = msg.isKnown() && !msg.isNull() && msg.type() == Type.STRING ? msg.unmark().asString() : "";
                diags.add(Diagnostic.error("Module output value precondition failed", text, r.condition().range()));
            }
        }
    }

    private static boolean hasSensitive(Value v) {
        return v.unmarkDeep().marks().contains(Mark.SENSITIVE);
    }

    private void resource(ResourceNode n) {
        ResourceConfig rc = n.config();
        // (the scope of count and for_each, built only for a block that has one)
        EvalContext outer = rc.count() == null && rc.forEach() == null ? null
                : ctx(n.module(), false, false, rc.count(), rc.forEach());
        if (rc.count() != null) {
            CountValue.evaluate(rc.count(), outer, diags);
        }
        if (rc.forEach() != null) {
            forEach(rc.forEach(), eval(rc.forEach(), outer), outer);
        }
        BodySchema schema = rc.addr().mode() == ResourceMode.MANAGED ? BuiltinTerraformSchema.managed(rc.addr().type())
                : rc.addr().mode() == ResourceMode.DATA ? BuiltinTerraformSchema.data(rc.addr().type()) : null;
        if (schema == null) {
            // the provider's schema is needed: checked when the providers are installed (validate, plan)
            checks.resource(trees.get(n.module()), rc, e -> ctx(n.module(), rc.count() != null,
                    rc.forEach() != null, e), diags);
            return;
        }
        boolean remoteState = rc.addr().mode() == ResourceMode.DATA
                && rc.addr().type().equals(BuiltinTerraformSchema.TERRAFORM_REMOTE_STATE) && checks != ProviderChecks.NONE;
        long errorsBefore = remoteState ? diags.asList().stream().filter(Diagnostic::isError).count() : 0;
        builtinBlock(n, rc, schema);
        if (remoteState && diags.asList().stream().filter(Diagnostic::isError).count() == errorsBefore) {
            // as terraform's walk, the built-in provider validates terraform_remote_state too (its backend's warnings)
            checks.resource(trees.get(n.module()), rc, e -> ctx(n.module(), rc.count() != null, rc.forEach() != null, e),
                    diags);
        }
    }

    /** A block of the built-in provider, checked against its schema here. */
    private void builtinBlock(ResourceNode n, ResourceConfig rc, BodySchema schema) {
        BodySchema withDynamic = new BodySchema(schema.attributes(), List.of(new BlockHeaderSchema("dynamic", "type")));
        // What the schema does not take (arguments it lacks, nested blocks) is unsupported, with
        // HCL's "Did you mean" among the schema's names, as terraform decodes it.
        Result<io.capstan.hcl.body.BodyContent> pc = rc.config().content(withDynamic);
        for (Block b : pc.value().blocks()) {
            if (!BuiltinTerraformSchema.blockTypes(rc.addr().type()).contains(b.labels().get(0))) {
                diags.add(Diagnostic.error("Unsupported block type", "Blocks of type \"" + b.labels().get(0)
                        + "\" are not expected here.", b.labelRanges().get(0)));
            }
        }
        diags.addAll(pc.diagnostics());
        java.util.Set<String> readOnly = new java.util.HashSet<>();
        for (Attribute a : pc.value().attributes().values()) {
            Value v = eval(a.expr(), ctx(n.module(), rc.count() != null, rc.forEach() != null, a.expr()));
            if (BuiltinTerraformSchema.readOnly(rc.addr().mode() == ResourceMode.MANAGED, rc.addr().type(), a.name())
                    && v != null && !v.isNull()) {
                readOnly.add(a.name());
            }
        }
        // terraform's built-in provider rejects values for them when asked to validate, id first
        for (String name : List.of("id", "output")) {
            if (readOnly.remove(name)) {
                diags.add(Diagnostic.error("\"" + name + "\" attribute is read-only", "", null));
            }
        }
    }

    private void forEach(Expression e, Value v, EvalContext ctx) {
        if (v.isSensitive() && !v.isNull()) {
            // as terraform's validate: a sensitive value is refused before its (unknown) value is looked at
            diags.add(Diagnostic.error("Invalid for_each argument", "Sensitive values, or values derived from "
                    + "sensitive values, cannot be used as for_each arguments. If used, the sensitive value could be "
                    + "exposed as a resource instance key.", e.range())
                    .withValues(io.capstan.hcl.eval.DiagnosticValues.of(e, ctx, false, true)));
            return;
        }
        if (!v.isKnown() && v.type() == Type.DYNAMIC) {
            return;
        }
        Type t = v.type();
        String problem = null;
        if (v.isNull()) {
            problem = "the given \"for_each\" argument value is null. A map, or set of strings is allowed.";
        } else if (t instanceof io.capstan.hcl.value.ListType || t instanceof io.capstan.hcl.value.TupleType) {
            problem = "the \"for_each\" argument must be a map, or set of strings, and you have provided a value of "
                    + "type " + t.friendlyName() + ".";
        } else if (t instanceof io.capstan.hcl.value.SetType st && st.element() != Type.STRING
                && st.element() != Type.DYNAMIC) {
            problem = "the \"for_each\" argument must be a map, or set of strings, and you have provided a value of "
                    + "type " + t.friendlyName() + ".";
        } else if (t.isPrimitive()) {
            problem = "the \"for_each\" argument must be a map, or set of strings, and you have provided a value of "
                    + "type " + t.friendlyName() + ".";
        }
        if (problem != null) {
            diags.add(Diagnostic.error("Invalid for_each argument", "The given \"for_each\" argument value is "
                    + "unsuitable: " + problem, e.range()).withValues(io.capstan.hcl.eval.DiagnosticValues.of(e, ctx)));
        }
    }

    private void moduleCall(ModuleCallNode n) {
        ModuleCall call = n.call();
        EvalContext outer = ctx(n.module(), false, false, call.count(), call.forEach());
        if (call.count() != null) {
            CountValue.evaluate(call.count(), outer, diags);
        }
        if (call.forEach() != null) {
            forEach(call.forEach(), eval(call.forEach(), outer), outer);
        }
        Module child = modules.get(n.childPath());
        if (child == null) {
            return;
        }
        var args = call.config().justAttributes();
        diags.addAll(args.diagnostics());
        Map<String, Attribute> given = args.value() == null ? Map.of() : args.value();
        for (Attribute a : given.values()) {
            if (!child.variables().containsKey(a.name())) {
                diags.add(Diagnostic.error("Unsupported argument", "An argument named \"" + a.name() + "\" is not "
                        + "expected here.", a.nameRange()));
            }
        }
        for (Variable v : child.variables().values()) {
            if (v.required() && !given.containsKey(v.name())) {
                diags.add(Diagnostic.error("Missing required argument", "The argument \"" + v.name() + "\" is "
                        + "required, but no definition was found.", call.config().missingItemRange()));
            }
        }
    }
}
