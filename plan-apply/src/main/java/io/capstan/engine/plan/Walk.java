package io.capstan.engine.plan;

import io.capstan.engine.walk.ParallelWalker;
import io.capstan.engine.walk.WalkResult;
import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.ModulePath;
import io.capstan.graph.addrs.Provider;
import io.capstan.graph.addrs.ResourceMode;
import io.capstan.graph.config.CheckRule;
import io.capstan.graph.config.ModuleTree;
import io.capstan.graph.config.Output;
import io.capstan.graph.config.ResourceConfig;
import io.capstan.graph.config.Variable;
import io.capstan.graph.graph.GraphNode;
import io.capstan.graph.graph.LocalNode;
import io.capstan.graph.graph.ModuleCallNode;
import io.capstan.graph.graph.OutputNode;
import io.capstan.graph.graph.ProviderNode;
import io.capstan.graph.graph.ResourceDependencies;
import io.capstan.graph.graph.ResourceGraph;
import io.capstan.graph.graph.ResourceNode;
import io.capstan.graph.graph.VariableNode;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.eval.DiagnosticValues;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One walk of the configuration graph, for planning or applying: each node runs once its
 * dependencies are done (bounded parallelism), expanding {@code count}/{@code for_each} and
 * module calls as it goes and evaluating every instance in its module instance's scope.
 */
final class Walk {
    private final ModuleTree tree;
    private final ResourceGraph graph;
    private final RunContext run;
    private final Map<String, Value> rootVars;
    private final InstancePlanner instances;
    private final ImportBlocks imports;
    private final Map<ModulePath, List<ModuleInst>> moduleInstances = new ConcurrentHashMap<>();
    private final Map<GraphNode, List<String>> deps = new HashMap<>();
    final ModuleInst root;
    final Map<String, Value> rootOutputs = new ConcurrentHashMap<>();
    final Map<String, Boolean> rootSensitive = new ConcurrentHashMap<>();
    private final java.util.Set<GraphNode> targeted;
    /** The provider configuration each resource uses, as the graph resolved it. */
    private final Map<GraphNode, ProviderNode> providerOf = new HashMap<>();
    /** Variables whose validation rules cannot wait for what they refer to (a cycle): checked after the walk. */
    private final java.util.Set<VariableNode> lateValidations = new java.util.HashSet<>();
    /** Resource instances planned or applied at once, across all nodes: {@code -parallelism}. */
    private final java.util.concurrent.Semaphore permits;
    /** Threads for the instances of count/for_each resources; started on first use. */
    private java.util.concurrent.ExecutorService pool;

    Walk(ModuleTree tree, ResourceGraph graph, RunContext run, Map<String, Value> rootVars) {
        this.tree = tree;
        this.graph = graph;
        this.run = run;
        this.rootVars = rootVars;
        this.permits = new java.util.concurrent.Semaphore(Math.max(1, run.options.parallelism()));
        this.imports = new ImportBlocks(tree);
        this.instances = new InstancePlanner(run, imports);
        this.root = ModuleInst.of(ModuleInstance.ROOT, tree, null, Repetition.NONE);
        moduleInstances.put(ModulePath.ROOT, List.of(root));
        ResourceDependencies rd = new ResourceDependencies(graph.dag());
        StateDependencies transitive = new StateDependencies(graph.dag(), graph.nodes());
        for (GraphNode n : graph.nodes()) {
            if (n instanceof ResourceNode r && r.config().addr().mode() == ResourceMode.MANAGED) {
                // what state records, and destroy orders by: Terraform's transitive set
                deps.put(n, transitive.of(n));
            } else if (n instanceof ResourceNode) {
                // a data source defers its read for the resources it names directly (Terraform's dependsOn)
                TreeSet<String> names = new TreeSet<>();
                for (GraphNode d : rd.of(n)) {
                    names.add(d.name());
                }
                deps.put(n, List.copyOf(names));
                for (var e : graph.dag().outgoingEdgesOf(n)) {
                    if (graph.dag().getEdgeTarget(e) instanceof ProviderNode pn) {
                        providerOf.put(n, pn);
                    }
                }
            }
        }
        this.targeted = targetedNodes();
        importEdges();
        validationEdges();
        moduleProviderEdges();
    }

    /**
     * A resource targeted by an {@code import} block waits for what the block's {@code id} (and
     * {@code for_each}) refer to: the id is evaluated when the resource's instances are planned,
     * so {@code id = var.id} must see the variable already evaluated.
     */
    private void importEdges() {
        if (imports.all().isEmpty()) {
            return;
        }
        for (ImportBlocks.BlockTarget dyn : imports.all()) {
            List<io.capstan.hcl.ast.Expression> exprs = java.util.Arrays.asList(dyn.block().forEach(), dyn.block().id());
            for (GraphNode target : resourceIndex().getOrDefault(List.of(dyn.modulePath(), dyn.resource()), List.of())) {
                // a cycle (the block refers to something that depends on its target) is left to the walk
                waitFor(target, referenced(ModulePath.ROOT, exprs));
            }
        }
    }

    /**
     * A variable's {@code validation} rules may refer to other variables, locals, resources and
     * module outputs of its module (Terraform 1.9+): the variable waits for them. Where waiting
     * would close a cycle (what the rule refers to depends on the variable itself, which
     * Terraform's separate validation node allows), the rule is checked after the walk instead.
     */
    private void validationEdges() {
        for (GraphNode n : graph.nodes()) {
            if (n instanceof VariableNode v && !v.variable().validations().isEmpty()) {
                List<GraphNode> refs = referenced(v.module(), v.validationExpressions());
                refs.remove(v);
                if (!waitFor(v, refs)) {
                    lateValidations.add(v);
                }
            }
        }
    }

    /**
     * A {@code provider} block inside a called module is evaluated in that module's instance, which
     * exists only once the module call has been expanded: it waits for the call (the graph leaves
     * provider nodes out of module expansion). Without this, a module's provider block that refers
     * to nothing could run first, find no instance, and leave its provider configured with nulls.
     */
    private void moduleProviderEdges() {
        Map<ModulePath, GraphNode> calls = new HashMap<>();
        for (GraphNode n : graph.nodes()) {
            if (n instanceof ModuleCallNode mc) {
                calls.put(mc.childPath(), mc);
            }
        }
        for (GraphNode n : graph.nodes()) {
            if (n instanceof ProviderNode pn && !pn.module().isRoot() && calls.containsKey(pn.module())) {
                waitFor(pn, List.of(calls.get(pn.module())));
            }
        }
    }

    /**
     * For each resource (by its module-prefixed address, as state's {@code dependencies} name it), the
     * resources it waits for in this walk, directly or through anything between: its references, its
     * {@code depends_on} and the {@code import} blocks into it (their {@code id} and {@code for_each}).
     * A resource that waits for every other one with a change finishes last in terraform's walk too.
     */
    Map<String, java.util.Set<String>> resourceWaits() {
        Map<String, java.util.Set<String>> out = new HashMap<>();
        for (GraphNode n : graph.nodes()) {
            if (!(n instanceof ResourceNode)) {
                continue;
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            java.util.Set<GraphNode> seen = new java.util.HashSet<>();
            java.util.ArrayDeque<GraphNode> todo = new java.util.ArrayDeque<>(graph.dependencies(n));
            while (!todo.isEmpty()) {
                GraphNode d = todo.poll();
                if (seen.add(d)) {
                    if (d instanceof ResourceNode) {
                        names.add(d.name());
                    }
                    todo.addAll(graph.dependencies(d));
                }
            }
            out.put(n.name(), names);
        }
        return out;
    }

    /** Adds "from waits for each of deps" edges; false when one of them would close a cycle (that one is left out). */
    private boolean waitFor(GraphNode from, List<GraphNode> deps) {
        boolean all = true;
        for (GraphNode dep : deps) {
            if (dep == from) {
                continue;
            }
            try {
                graph.dag().addEdge(from, dep);
            } catch (IllegalArgumentException cycle) {
                all = false;
            }
        }
        return all;
    }

    /**
     * Referenceable nodes by module and address, output nodes by module, and resource nodes by
     * (module names, resource address): built once, on first use.
     */
    private Map<ModulePath, Map<Object, List<GraphNode>>> referenceIndex;
    /** How each node of the last {@link #run} ended. */
    private Map<GraphNode, io.capstan.engine.walk.NodeOutcome> outcomes = Map.of();
    private Map<ModulePath, List<OutputNode>> outputIndex;
    private Map<List<Object>, List<GraphNode>> resourceIndex;

    private Map<List<Object>, List<GraphNode>> resourceIndex() {
        if (resourceIndex == null) {
            resourceIndex = new HashMap<>();
            for (GraphNode n : graph.nodes()) {
                if (n instanceof ResourceNode rn) {
                    resourceIndex.computeIfAbsent(List.of(rn.module().names(), rn.config().addr()), k -> new ArrayList<>()).add(n);
                }
            }
        }
        return resourceIndex;
    }

    private Map<ModulePath, Map<Object, List<GraphNode>>> referenceIndex() {
        if (referenceIndex == null) {
            referenceIndex = new HashMap<>();
            for (GraphNode dep : graph.nodes()) {
                if (dep instanceof io.capstan.graph.graph.ReferenceableNode ref) {
                    Map<Object, List<GraphNode>> here = referenceIndex.computeIfAbsent(dep.module(), k -> new HashMap<>());
                    for (Object a : ref.referenceableAddrs()) {
                        here.computeIfAbsent(a, k -> new ArrayList<>()).add(dep);
                    }
                }
            }
        }
        return referenceIndex;
    }

    private Map<ModulePath, List<OutputNode>> outputIndex() {
        if (outputIndex == null) {
            outputIndex = new HashMap<>();
            for (GraphNode o : graph.nodes()) {
                if (o instanceof OutputNode on) {
                    outputIndex.computeIfAbsent(on.module(), k -> new ArrayList<>()).add(on);
                }
            }
        }
        return outputIndex;
    }

    /**
     * The nodes {@code exprs}, evaluated in module {@code scope}, refer to: variables, locals,
     * resources, and for {@code module.x} the call with the child's outputs (all of them, or the
     * one named by {@code module.x.NAME}), whose values are set only when their own nodes run.
     */
    private List<GraphNode> referenced(ModulePath scope, List<io.capstan.hcl.ast.Expression> exprs) {
        List<io.capstan.graph.addrs.Reference> refs = io.capstan.graph.addrs.References.of(
                exprs.stream().filter(java.util.Objects::nonNull).toList(), new Diagnostics());
        List<GraphNode> out = new ArrayList<>();
        if (refs.isEmpty()) {
            return out;
        }
        Map<Object, List<GraphNode>> here = referenceIndex().getOrDefault(scope, Map.of());
        for (io.capstan.graph.addrs.Reference r : refs) {
            Object subj = r.subject();
            if (subj instanceof io.capstan.graph.addrs.ResourceInstance ri) {
                subj = ri.resource();
            } else if (subj instanceof io.capstan.graph.addrs.Referenceable.ModuleCallInstance mc) {
                subj = mc.call();
            }
            out.addAll(here.getOrDefault(subj, List.of()));
            if (subj instanceof io.capstan.graph.addrs.Referenceable.ModuleCall mc) {
                String only = r.remaining().isEmpty() || !(r.remaining().get(0) instanceof io.capstan.hcl.ast.TraverseAttr a)
                        ? null : a.name();
                for (OutputNode on : outputIndex().getOrDefault(scope.child(mc.name()), List.of())) {
                    if (only == null || on.output().name().equals(only)) {
                        out.add(on);
                    }
                }
            }
        }
        return out;
    }

    Diagnostics run() {
        ParallelWalker<GraphNode> walker = run.stop.walker(new ParallelWalker<>(run.options.parallelism(), run.chaos));
        WalkResult<GraphNode> r;
        try {
            r = walker.walk(graph.dag(), true, this::visit);
        } finally {
            synchronized (permits) {
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
        }
        outcomes = r.outcomes();
        Diagnostics d = new Diagnostics();
        d.addAll(imports.problems);
        d.addAll(r.diagnostics());
        if (run.options.mode() == PlanMode.NORMAL && !run.applying && !imports.all().isEmpty()) {
            imports.unconfigured(run, root, tree, d);
        }
        for (VariableNode v : lateValidations) {
            if (r.outcomes().get(v) == io.capstan.engine.walk.NodeOutcome.DONE) {
                for (ModuleInst mi : moduleInstances.getOrDefault(v.module(), List.of())) {
                    validate(mi, v, d);
                }
            }
        }
        return d;
    }

    /**
     * Whether every node {@code expr} refers to in module {@code scope} ran without error in the last
     * {@link #run}: terraform evaluates a check block's assertion only then (a failed or skipped
     * dependency skips it).
     */
    boolean ranAll(ModulePath scope, io.capstan.hcl.ast.Expression expr) {
        for (GraphNode n : referenced(scope, List.of(expr))) {
            if (outcomes.get(n) != io.capstan.engine.walk.NodeOutcome.DONE) {
                return false;
            }
        }
        return true;
    }

    List<ModuleInst> allInstances() {
        List<ModuleInst> out = new ArrayList<>();
        for (ModuleTree t : tree.all()) {
            out.addAll(moduleInstances.getOrDefault(t.path(), List.of()));
        }
        return out;
    }

    private Diagnostics visit(GraphNode n) {
        Diagnostics d = new Diagnostics();
        List<ModuleInst> mis = moduleInstances.getOrDefault(n.module(), List.of());
        if (n instanceof ProviderNode pn) {
            // provider blocks in modules expanded by count/for_each are not allowed, so one instance decides
            if (!mis.isEmpty()) {
                provider(mis.get(0), pn, d);
            }
            return d;
        }
        if (n instanceof ResourceNode rn && rn.config().addr().mode() == ResourceMode.MANAGED && !mis.isEmpty()
                && !imports.all().isEmpty() && run.options.mode() == PlanMode.NORMAL && !run.applying) {
            // as terraform's expansion of a resource across its module's instances: an import into
            // a module instance that does not exist fails the resource in every instance
            imports.expand(run, root, mis.get(0), rn.config().addr(), d);
            java.util.Set<io.capstan.graph.addrs.ModuleInstance> have = new java.util.HashSet<>();
            mis.forEach(mi -> have.add(mi.addr()));
            if (!imports.moduleInstancesExist(n.module(), rn.config().addr(), have, d)) {
                mis.forEach(mi -> mi.resources().put(rn.config().addr(), Expansion.unknown()));
                return d;
            }
        }
        for (ModuleInst mi : mis) {
            if (n instanceof VariableNode v) {
                variable(mi, v, d);
            } else if (n instanceof LocalNode l) {
                Value val = Evaluator.evaluate(l.local().expr(), run.scope.context(mi, null, null, l.local().expr()), d);
                mi.locals().put(l.local().name(), val == null ? Value.DYNAMIC_UNKNOWN : val);
                // (again() links its lambda only when there are deprecation warnings to repeat: each lambda call
                // site costs a run its bootstrap the first time it is reached, #6)
                again(l.local().expr(), d);
            } else if (n instanceof OutputNode o) {
                output(mi, o.output(), d);
                if (!run.applying && o.output().value() != null && run.deprecations != DeprecationRepeats.NONE) {
                    d.addAll(run.deprecations.in(o.output().value().range(), () -> List.of(o.output().value())));
                }
            } else if (n instanceof ResourceNode r) {
                resource(mi, r, d);
            } else if (n instanceof ModuleCallNode mc) {
                moduleCall(mi, mc, d);
            }
        }
        return d;
    }

    /** Evaluates a {@code provider} block in its module's scope for the ConfigureProvider call. */
    private void provider(ModuleInst mi, ProviderNode n, Diagnostics d) {
        if (n.config() == null || n.addr().provider().equals(Provider.BUILTIN_TERRAFORM)) {
            return;
        }
        var schema = run.providers.schema(n.addr().provider(), d);
        if (schema == null) {
            return;
        }
        Value config = ConfigDecoder.decode(n.config().config(), schema.provider().block(),
                e -> run.scope.context(mi, null, null, e), d);
        if (!d.hasErrors()) {
            run.providers.configure(n.addr().toString(), config.unmarkDeep().value());
        }
        if (!run.deprecations.isEmpty()) {
            d.addAll(run.deprecations.in(n.config().declRange(),
                    () -> io.capstan.graph.config.BodyExpressions.of(n.config().config()).expressions()));
        }
    }

    /** The deprecated references in {@code e}, again for this evaluation of it (DeprecationRepeats); free without any. */
    private void again(io.capstan.hcl.ast.Expression e, Diagnostics d) {
        if (e != null && !run.deprecations.isEmpty()) {
            d.addAll(run.deprecations.in(e.range(), () -> List.of(e)));
        }
    }

    private void variable(ModuleInst mi, VariableNode n, Diagnostics d) {
        Variable v = n.variable();
        Value val;
        if (mi.parent() == null) {
            val = rootVars.getOrDefault(v.name(), Value.DYNAMIC_UNKNOWN);
        } else {
            val = null;
            if (n.argument() != null) {
                val = Evaluator.evaluate(n.argument(), run.scope.context(mi.parent(), mi.repetition(), null,
                        n.argument()), d);
                again(n.argument(), d);
            }
            if ((val == null || (val.isNull() && v.nullable() == false)) && v.defaultExpr() != null) {
                val = Evaluator.evaluate(v.defaultExpr(), run.scope.context(mi, null, null), d);
            }
            if (val == null) {
                val = Value.DYNAMIC_NULL;
            }
            try {
                val = v.type().apply(val);
            } catch (ConversionException e) {
                d.add(Diagnostic.error("Invalid value for input variable", "The given value is not suitable for "
                        + mi.addr().toString() + " variable \"" + v.name() + "\" declared at "
                        + v.declRange() + ": " + e.describe() + ".", n.argument() != null ? n.argument().range()
                        : v.declRange()));
                val = Value.unknown(v.type().type());
            }
        }
        if (v.sensitive()) {
            val = val.mark(Mark.SENSITIVE);
        }
        if (v.ephemeral()) {
            val = val.mark(Mark.EPHEMERAL);
        }
        mi.vars().put(v.name(), val);
        if (!lateValidations.contains(n)) {
            validate(mi, n, d);
        }
    }

    /** Checks a variable's validation rules against its value (set in {@code mi}) and what they refer to. */
    private void validate(ModuleInst mi, VariableNode n, Diagnostics d) {
        Variable v = n.variable();
        // as terraform: the failure points at where the value came from, the module call's argument or
        // a variables file's line, else the declaration (a default, -var or TF_VAR_)
        SourceRange valueRange = mi.parent() != null && n.argument() != null ? n.argument().range()
                : mi.parent() == null ? run.rootVarRanges.getOrDefault(v.name(), v.declRange()) : v.declRange();
        for (CheckRule r : v.validations()) {
            var condCtx = run.scope.context(mi, null, null, r.condition());
            Value cond = Evaluator.evaluate(r.condition(), condCtx, d);
            if (cond != null && cond.isKnown()
                    && Boolean.FALSE.equals(ConditionValue.validation(cond, r.condition(), condCtx, d))) {
                Value msg = Evaluator.evaluate(r.errorMessage(), run.scope.context(mi, null, null, r.errorMessage()),
                        new Diagnostics());
                d.add(DiagnosticValues.attach(Diagnostic.error("Invalid value for variable", text(msg)
                        + "\n\nThis was checked by the validation rule at " + r.declRange() + ".", valueRange),
                        r.condition(), condCtx));
            }
        }
    }

    static String text(Value msg) {
        return msg != null && msg.isKnown() && !msg.isNull() && msg.type() == Type.STRING ? msg.unmark().asString() : "";
    }

    private void output(ModuleInst mi, Output o, Diagnostics d) {
        var ctx = run.scope.context(mi, null, null, collect(o));
        String outputAddr = (mi.addr().isRoot() ? "" : mi.addr() + ".") + "output." + o.name();
        java.util.function.Supplier<ConditionResults> object = () -> ConditionResults.output(mi.addr(),
                mi.tree().path().isRoot() ? null : mi.tree().path().toString(), o.name());
        boolean failedHere = false;
        for (CheckRule r : o.preconditions()) {
            CheckRules.Outcome c = CheckRules.evaluate(r, ctx, ctx, d);
            failedHere |= c.error();
            if (c.failed()) {
                Diagnostic failed = DiagnosticValues.attach(Diagnostic.error("Module output value precondition failed",
                        CheckRules.failureDetail(c), r.condition().range()), r.condition(), ctx);
                // terraform's refresh-only plan reports it as a warning
                d.add(InstancePlanner.refreshOnlyPlan(run) ? InstancePlanner.asWarning(failed) : failed);
                failedHere |= !InstancePlanner.refreshOnlyPlan(run);
            }
            run.conditionResult(outputAddr, object, c.status(), CheckRules.problem(c));
        }
        Diagnostics valueDiags = new Diagnostics();
        // as terraform's: a root output whose planned value was wholly known keeps it (its preconditions, above,
        // are still evaluated); the others are evaluated with what is known by now
        Value planned = mi.parent() == null ? run.plannedOutputs.get(o.name()) : null;
        Value v = planned != null ? planned
                : o.value() == null ? Value.DYNAMIC_NULL : Evaluator.evaluate(o.value(), ctx, valueDiags);
        d.addAll(valueDiags);
        if (v == null) {
            v = Value.DYNAMIC_UNKNOWN;
        }
        if (o.sensitive()) {
            v = v.mark(Mark.SENSITIVE);
        }
        mi.outputs().put(o.name(), v);
        if (mi.parent() == null) {
            if (!o.sensitive() && v.unmarkDeep().marks().contains(Mark.SENSITIVE)) {
                d.add(Diagnostic.error("Output refers to sensitive values", "To reduce the risk of accidentally "
                        + "exporting sensitive data that was intended to be only internal, Terraform requires that any "
                        + "root module output containing sensitive data be explicitly marked as sensitive, to confirm "
                        + "your intent.\n\nIf you do intend to export this data, annotate the output value as sensitive "
                        + "by adding the following argument:\n    sensitive = true", o.declRange()));
            }
            if (valueDiags.hasErrors() || failedHere && !run.applying) {
                // terraform's errored plan has no change for an output whose value or precondition failed (at
                // apply, a failed precondition keeps the output's value as it was: the one planned here)
                return;
            }
            rootOutputs.put(o.name(), v);
            rootSensitive.put(o.name(), o.sensitive());
        }
    }

    private static List<io.capstan.hcl.ast.Expression> collect(Output o) {
        List<io.capstan.hcl.ast.Expression> es = new ArrayList<>();
        es.add(o.value());
        for (CheckRule r : o.preconditions()) {
            es.add(r.condition());
            es.add(r.errorMessage());
        }
        return es;
    }

    private void moduleCall(ModuleInst mi, ModuleCallNode n, Diagnostics d) {
        var call = n.call();
        ModuleTree childTree = mi.tree().children().get(call.name());
        if (childTree == null) {
            return;
        }
        Expander.Result ex = Expander.expand(call.count(), call.forEach(),
                run.scope.context(mi, null, null, call.count(), call.forEach()), d);
        again(call.count() != null ? call.count() : call.forEach(), d);
        if (ex == null) {
            mi.calls().put(call.name(), Expansion.unknown());
            return;
        }
        Map<Object, ModuleInst> kids = new LinkedHashMap<>();
        for (Map.Entry<InstanceKey, Value> k : ex.keys().entrySet()) {
            ModuleInst child = ModuleInst.of(mi.addr().child(call.name(), k.getKey()), childTree, mi,
                    Repetition.of(k.getKey(), k.getValue()));
            kids.put(k.getKey(), child);
        }
        mi.children().put(call.name(), kids);
        mi.calls().put(call.name(), new Expansion(ex.kind(), Map.of()));
        moduleInstances.compute(n.childPath(), (p, old) -> {
            List<ModuleInst> l = old == null ? new ArrayList<>() : new ArrayList<>(old);
            l.addAll(kids.values());
            return List.copyOf(l);
        });
    }

    private void resource(ModuleInst mi, ResourceNode n, Diagnostics d) {
        ResourceConfig rc = n.config();
        if (!targeted.contains(n)) {
            fromState(mi, rc);
            return;
        }
        Provider p = mi.tree().module().providerFor(rc.providerLocalName());
        ProviderNode pn = providerOf.get(n);
        Providers.Started prov = pn == null ? run.providers.get(p, d)
                : run.providers.get(pn.addr().toString(), pn.addr().provider(), d);
        if (prov == null) {
            return;
        }
        String providerAddr = "provider[\"" + p + "\"]" + (rc.provider() != null && rc.provider().alias() != null
                ? "." + rc.provider().alias() : "");
        if (pn != null) {
            // state records the configuration the resource resolved to, as Terraform does
            providerAddr = pn.addr().toString();
        } else if (!mi.addr().isRoot()) {
            providerAddr = mi.addr().module().prefix(providerAddr);
        }
        if (!run.validation.block(run, mi, rc, prov, d)) {
            mi.resources().put(rc.addr(), Expansion.unknown());
            return;
        }
        Expander.Result ex = Expander.expand(rc.count(), rc.forEach(),
                run.scope.context(mi, null, null, rc.count(), rc.forEach()), d);
        again(rc.count() != null ? rc.count() : rc.forEach(), d);
        if (ex == null) {
            mi.resources().put(rc.addr(), Expansion.unknown());
            return;
        }
        if (!imports.dynamic().isEmpty() && rc.addr().mode() == ResourceMode.MANAGED
                && run.options.mode() == PlanMode.NORMAL) {
            imports.expand(run, root, mi, rc.addr(), d);
        }
        if (!imports.all().isEmpty() && rc.addr().mode() == ResourceMode.MANAGED
                && run.options.mode() == PlanMode.NORMAL && !run.applying
                && (!imports.evaluateIds(run, root, mi, rc.addr(), d)
                || !imports.allConfigured(mi, rc.addr(), ex.keys().keySet(), d))) {
            // as terraform: an import id that cannot be used, or an import into an instance the
            // resource does not have, stops the resource before any instance is planned
            mi.resources().put(rc.addr(), Expansion.unknown());
            return;
        }
        List<Map.Entry<InstanceKey, Value>> keys = new ArrayList<>(ex.keys().entrySet());
        Value[] results = new Value[keys.size()];
        Diagnostics[] found = new Diagnostics[keys.size()];
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Map.Entry<InstanceKey, Value> k = keys.get(i);
            InstancePlanner.Target t = new InstancePlanner.Target(mi, rc, k.getKey(),
                    Repetition.of(k.getKey(), k.getValue()), prov, providerAddr, deps.getOrDefault(n, List.of()));
            found[i] = new Diagnostics();
            if (!acquire()) {
                break; // interrupted: what was started is awaited below
            }
            Runnable one = new PlanInstance(rc, t, results, found, i);
            if (keys.size() == 1) {
                one.run();
            } else {
                // the instances of one count/for_each resource run side by side, as Terraform's expanded
                // instance nodes do, within the same -parallelism bound as everything else. The permit is
                // taken before the task is handed to the pool, so the pool never holds more threads than
                // -parallelism allows (taken inside the task, a count of 1,000 started 1,000 threads
                // that waited for a permit: about 70 MB of stacks and the CPU to start them)
                try {
                    running.add(instancePool().submit(one));
                } catch (RuntimeException e) {
                    permits.release();
                    throw e;
                }
            }
        }
        awaitAll(running, d);
        Map<InstanceKey, Value> values = new LinkedHashMap<>();
        // the body's deprecated references, again for each evaluation of it (DeprecationRepeats)
        List<Diagnostic> deprecated = run.deprecations.isEmpty() ? List.of()
                : run.deprecations.in(rc.declRange(), () -> io.capstan.graph.config.BodyExpressions.of(rc.config()).expressions());
        List<Diagnostic> inConditions = conditionDeprecations(rc);
        List<Diagnostic> inProvisioners = provisionerDeprecations(rc);
        for (int i = 0; i < keys.size(); i++) {
            if (found[i] != null) { // null: not started, the walk was interrupted
                d.addAll(found[i]);
                if (!deprecated.isEmpty() || !inConditions.isEmpty() || !inProvisioners.isEmpty()) {
                    InstanceKey key = keys.get(i).getKey();
                    for (int times = evaluations(mi, rc, key); times > 0; times--) {
                        d.addAll(deprecated);
                    }
                    if (conditionsEvaluated(mi, rc, key)) {
                        d.addAll(inConditions);
                    }
                    if (creates(mi, rc, key)) {
                        d.addAll(inProvisioners);
                    }
                }
            }
            values.put(keys.get(i).getKey(), results[i] == null ? Value.DYNAMIC_UNKNOWN : results[i]);
        }
        if (rc.addr().mode() == ResourceMode.MANAGED) {
            if (run.applying) {
                keepHusk(mi, rc, keys, found, providerAddr);
            } else if (!keys.isEmpty()) {
                // terraform's plan records each planned instance's prior object (none for a resource kept without
                // instances) in the refreshed state, and so drops the resource kept without instances
                run.state.removeHusk(new io.capstan.engine.state.ResourceState(Addrs.stateModule(mi.addr()),
                        "managed", rc.addr().type(), rc.addr().name(), providerAddr, List.of()).address());
            }
        }
        mi.resources().put(rc.addr(), new Expansion(ex.kind(), values));
    }

    /**
     * terraform's apply records a resource in the state as its node runs, before its instances: when an instance
     * planned to change failed (an inconsistent final plan, a failed precondition, an argument that cannot be
     * evaluated any more) and the resource has no object left, the state keeps it without instances.
     */
    private void keepHusk(ModuleInst mi, ResourceConfig rc, List<Map.Entry<InstanceKey, Value>> keys,
                          Diagnostics[] found, String providerAddr) {
        // terraform's apply records each resource whose expansion it evaluates in the state as the resource's node
        // runs, before its instances: one with none (count = 0, an empty for_each) stays so when the apply fails
        boolean failed = keys.isEmpty();
        for (int i = 0; i < keys.size() && !failed; i++) {
            failed = found[i] != null && found[i].hasErrors()
                    && run.inPlan(Addrs.instance(mi.addr(), rc.addr(), keys.get(i).getKey()));
        }
        if (!failed) {
            return;
        }
        io.capstan.engine.state.ResourceState husk = new io.capstan.engine.state.ResourceState(
                Addrs.stateModule(mi.addr()), "managed", rc.addr().type(), rc.addr().name(), providerAddr, List.of());
        if (!run.state.hasObjects(husk.address())) {
            run.recorder.putHusk(husk); // the live state, the journal and the intermediate snapshots
        }
    }

    /*
     * A class rather than a lambda: resources are visited on several walker threads at once, and when two of them
     * reach a lambda's call site first together, JDK 17 takes the archived class for one and spins a new class
     * for the other (several milliseconds interpreted); a lambda call site also costs every run its bootstrap (#6).
     */

    /** Plans one instance into its slot of the resource's results, then gives back its permit. */
    private final class PlanInstance implements Runnable {
        private final ResourceConfig rc;
        private final InstancePlanner.Target t;
        private final Value[] results;
        private final Diagnostics[] found;
        private final int slot;

        PlanInstance(ResourceConfig rc, InstancePlanner.Target t, Value[] results, Diagnostics[] found, int slot) {
            this.rc = rc;
            this.t = t;
            this.results = results;
            this.found = found;
            this.slot = slot;
        }

        @Override
        public void run() {
            try {
                results[slot] = instance(rc, t, found[slot]);
            } finally {
                permits.release();
            }
        }
    }

    /** Takes one of the run's {@code -parallelism} permits; false when interrupted while waiting. */
    private boolean acquire() {
        try {
            permits.acquire();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Plans (or applies) one resource instance; the caller holds one of the run's
     * {@code -parallelism} permits for it, so instances running side by side never exceed the
     * bound; null when the run is stopping.
     */
    /**
     * How often terraform's walk evaluates an instance's body: once when planning (refresh-only too);
     * applying a normal plan, twice for an instance it creates or updates (its final plan, then the
     * apply) and never for one it leaves or only destroys.
     */
    /**
     * The deprecated references in a resource's pre- and postconditions (each rule's condition and
     * message), given again for each instance whose conditions a walk evaluates: terraform's plan
     * walk checks them for every instance (a refresh-only plan's too), its apply walk for every
     * instance of a normal plan that is not deleted (unchanged ones too), a refresh-only apply for none.
     */
    private List<Diagnostic> conditionDeprecations(ResourceConfig rc) {
        if (run.deprecations.isEmpty()) {
            return List.of();
        }
        List<Diagnostic> out = new ArrayList<>();
        for (List<CheckRule> rules : List.of(rc.lifecycle().preconditions(), rc.lifecycle().postconditions())) {
            for (CheckRule r : rules) {
                out.addAll(run.deprecations.in(r.condition().range(), () -> java.util.Arrays.asList(r.condition(),
                        r.errorMessage())));
            }
        }
        return out;
    }

    private boolean conditionsEvaluated(ModuleInst mi, ResourceConfig rc, InstanceKey key) {
        if (!run.applying) {
            return true;
        }
        if (run.options.mode() != PlanMode.NORMAL) {
            return false;
        }
        ResourceChange c = run.planned.get(Addrs.instance(mi.addr(), rc.addr(), key).toString());
        return c != null && c.action() != Action.DELETE && c.action() != Action.FORGET;
    }

    /**
     * The deprecated references in a resource's creation-time provisioners (each one's arguments and
     * the connection it uses), given again for each instance an apply creates: terraform evaluates
     * them only when it runs them.
     */
    private List<Diagnostic> provisionerDeprecations(ResourceConfig rc) {
        if (run.deprecations.isEmpty() || !run.applying || rc.provisioners().isEmpty()) {
            return List.of();
        }
        List<Diagnostic> out = new ArrayList<>();
        for (io.capstan.graph.config.Provisioner p : rc.provisioners()) {
            if ("destroy".equals(p.when())) {
                continue;
            }
            out.addAll(run.deprecations.in(p.declRange(), () -> {
                List<io.capstan.hcl.ast.Expression> all = new ArrayList<>(
                        io.capstan.graph.config.BodyExpressions.of(p.config()).expressions());
                all.addAll(io.capstan.graph.config.BodyExpressions.of(p.connection()).expressions());
                all.addAll(io.capstan.graph.config.BodyExpressions.of(rc.connection()).expressions());
                return all;
            }));
        }
        return out;
    }

    private boolean creates(ModuleInst mi, ResourceConfig rc, InstanceKey key) {
        if (!run.applying || run.options.mode() != PlanMode.NORMAL) {
            return false;
        }
        ResourceChange c = run.planned.get(Addrs.instance(mi.addr(), rc.addr(), key).toString());
        return c != null && switch (c.action()) {
            case CREATE, DELETE_THEN_CREATE, CREATE_THEN_DELETE -> true;
            default -> false;
        };
    }

    private int evaluations(ModuleInst mi, ResourceConfig rc, InstanceKey key) {
        if (!run.applying) {
            // a refresh-only plan evaluates no resource body (terraform's reads the objects only)
            return run.options.mode() == PlanMode.REFRESH_ONLY ? 0 : 1;
        }
        if (run.options.mode() != PlanMode.NORMAL) {
            return 0;
        }
        ResourceChange c = run.planned.get(Addrs.instance(mi.addr(), rc.addr(), key).toString());
        if (c == null) {
            return 0;
        }
        return switch (c.action()) {
            case CREATE, UPDATE, DELETE_THEN_CREATE, CREATE_THEN_DELETE -> 2;
            default -> 0;
        };
    }

    private Value instance(ResourceConfig rc, InstancePlanner.Target t, Diagnostics d) {
        if (run.stop.stopped()) {
            return null; // a graceful stop starts nothing new
        }
        Value v = rc.addr().mode() == ResourceMode.MANAGED ? instances.plan(t, d) : DataReader.read(run, t, d);
        String unsaved = run.recorder.takeFailure();
        if (unsaved != null) {
            d.add(Diagnostic.error(unsaved, "", null)); // terraform's halting state hook: this node fails
        }
        return v;
    }

    private java.util.concurrent.ExecutorService instancePool() {
        synchronized (permits) {
            if (pool == null) {
                pool = java.util.concurrent.Executors.newCachedThreadPool(r -> {
                    Thread th = new Thread(r, "capstan-instance");
                    th.setDaemon(true);
                    return th;
                });
            }
            return pool;
        }
    }

    private static void awaitAll(List<java.util.concurrent.Future<?>> running, Diagnostics d) {
        for (java.util.concurrent.Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    /** A resource outside {@code -target}: its instances as state has them. */
    private void fromState(ModuleInst mi, ResourceConfig rc) {
        String prefix = Addrs.resource(mi.addr(), rc.addr());
        Map<InstanceKey, Value> values = new LinkedHashMap<>();
        Expansion.Kind kind = rc.count() != null ? Expansion.Kind.COUNT : rc.forEach() != null
                ? Expansion.Kind.FOR_EACH : Expansion.Kind.SINGLE;
        for (LiveState.Entry e : run.state.entries().values()) {
            if (e.resourceAddress().equals(prefix)) {
                run.claimed.add(e.address());
                Value v = io.capstan.hcl.value.ValueJson.decodeInfer(e.instance().attributes().toString());
                values.put(StateValues.key(e.instance().indexKey()), v);
            }
        }
        mi.resources().put(rc.addr(), new Expansion(kind, values));
    }

    /** Nodes in scope of {@code -target}: the targeted resources and everything they depend on. */
    private java.util.Set<GraphNode> targetedNodes() {
        java.util.Set<GraphNode> all = new java.util.HashSet<>(graph.nodes());
        if (run.targets.isEmpty()) {
            return all;
        }
        java.util.Set<GraphNode> out = new java.util.HashSet<>();
        java.util.ArrayDeque<GraphNode> todo = new java.util.ArrayDeque<>();
        for (GraphNode n : graph.nodes()) {
            if (n instanceof ResourceNode && run.targets.touches(n.name())) {
                todo.add(n);
            } else if (n instanceof ResourceNode r && !n.module().isRoot() && run.targets.covers(
                    String.join(".", n.module().names().stream().map(s -> "module." + s).toList()))) {
                todo.add(r);
            }
        }
        while (!todo.isEmpty()) {
            GraphNode n = todo.poll();
            if (out.add(n)) {
                todo.addAll(graph.dependencies(n));
            }
        }
        return out;
    }
}
