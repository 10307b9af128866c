package io.capstan.engine.plan;

import io.capstan.engine.builtin.BuiltinTerraformProvider;
import io.capstan.engine.builtin.TerraformData;
import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.ResourceMode;
import io.capstan.graph.config.CheckRule;
import io.capstan.graph.config.ResourceConfig;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.eval.DiagnosticValues;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.ApplyResourceChangeRequest;
import io.capstan.provider.client.ApplyResourceChangeResponse;
import io.capstan.provider.client.AttributePath;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.PathStep;
import io.capstan.provider.client.PlanResourceChangeRequest;
import io.capstan.provider.client.PlanResourceChangeResponse;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans (and, when applying, carries out) the change of one managed resource instance:
 * refresh, evaluate configuration, ask the provider, decide the action, check conditions.
 * Returns the value the rest of the configuration sees for the instance.
 */
final class InstancePlanner {
    private static final WireCodec CODEC = WireCodec.INSTANCE;

    private final RunContext run;
    private final ImportBlocks imports;

    InstancePlanner(RunContext run, ImportBlocks imports) {
        this.run = run;
        this.imports = imports;
    }

    /** What the walk needs to know about one instance. */
    record Target(ModuleInst mi, ResourceConfig rc, InstanceKey key, Repetition rep, Providers.Started provider,
                  String providerAddr, List<String> deps) {
        String address() {
            return Addrs.instance(mi.addr(), rc.addr(), key);
        }
    }

    Value plan(Target t, Diagnostics diags) {
        if (!run.generating.isEmpty() && !run.applying && t.mi().addr().isRoot()
                && run.generating.contains(t.rc().addr())) {
            return planGenerated(t, diags);
        }
        return plan(t, null, null, diags);
    }

    /**
     * Terraform's {@code -generate-config-out} for a root resource with no block: the object is
     * imported, a block is generated from it and the provider's schema, and the instance is planned
     * with that block as its configuration. When planning then fails, terraform still records the
     * import (a no-op change) with the generated block, so that it can be written.
     */
    private Value planGenerated(Target t, Diagnostics diags) {
        String addr = t.address();
        Schema schema = t.provider().schema().resourceSchemas().get(t.rc().addr().type());
        ImportBlocks.Entry im = imports.forAddress(addr);
        if (schema == null || im == null) {
            return plan(t, null, null, diags);
        }
        ObjectType type = SchemaTypes.impliedType(schema);
        run.claimed.add(addr);
        ImportBlocks.Imported imported = ImportBlocks.run(run, t, im, imports.evaluatedId(addr), type, diags);
        if (imported == null) {
            return Value.unknown(type);
        }
        io.capstan.graph.addrs.Provider p = t.mi().tree().module().providerFor(t.rc().providerLocalName());
        String alias = t.rc().provider() == null ? null : t.rc().provider().alias();
        String contents = GeneratedConfig.contents(addr, t.rc().addr().type(), schema.block(), p.type(), alias,
                imported.object(), diags);
        String block = GeneratedConfig.wrap(t.rc().addr().type(), t.rc().addr().name(), contents);
        var rc = io.capstan.graph.config.GeneratedResources.withBody(t.rc(), contents, run.generateConfigFile);
        diags.addAll(rc.diagnostics());
        Diagnostics planned = new Diagnostics();
        Value v = rc.hasErrors() ? Value.unknown(type) : plan(new Target(t.mi(), rc.value(), t.key(), t.rep(),
                t.provider(), t.providerAddr(), t.deps()), imported, block, planned);
        diags.addAll(planned);
        if (rc.hasErrors() || planned.hasErrors()) {
            Value before = Sensitivity.markSchema(imported.object(), schema.block());
            run.addChange(new ResourceChange(t.mi().addr(), t.rc().addr(), t.key(), Action.NO_OP, before, before,
                    type, null, List.of(), t.providerAddr(), t.deps(), false, imported.id(), null, block));
        }
        return v;
    }

    private Value plan(Target t, ImportBlocks.Imported preImported, String generatedConfig, Diagnostics diags) {
        String addr = t.address();
        Schema schema = t.provider().schema().resourceSchemas().get(t.rc().addr().type());
        if (schema == null) {
            diags.add(Diagnostic.error("Invalid resource type", "The provider " + t.provider().client().providerName()
                    + " does not support resource type \"" + t.rc().addr().type() + "\".", t.rc().typeRange()));
            return Value.DYNAMIC_UNKNOWN;
        }
        ObjectType type = SchemaTypes.impliedType(schema);
        run.claimed.add(addr);
        LiveState.Entry priorEntry = run.state.get(addr);
        Value prior = priorEntry == null ? Value.nullOf(type) : StateValues.value(priorEntry.instance(), type);
        byte[] priorPrivate = priorEntry == null ? new byte[0] : StateValues.privateBytes(priorEntry.instance());
        boolean tainted = priorEntry != null && priorEntry.instance().tainted();
        if (!run.applying && run.options.refresh() && priorEntry != null) {
            // as terraform attributes a refresh's diagnostics: to the block's body (its opening brace)
            Value refreshed = ObjectRefresh.refresh(run, t.provider().client(), priorEntry, t.key(), prior, type, schema,
                    t.rc().config().missingItemRange(), addr, new DriftOf(t, type), diags);
            if (refreshed == null) {
                return prior;
            }
            if (refreshed.isNull()) {
                priorEntry = null;
            }
            prior = refreshed;
        }
        ImportBlocks.Imported imported = null;
        ImportBlocks.Entry im = priorEntry == null && run.options.mode() == PlanMode.NORMAL
                ? imports.forAddress(addr) : null;
        if (preImported != null) {
            imported = preImported;
            prior = imported.object();
            priorPrivate = imported.privateData();
        } else if (im != null) {
            imported = ImportBlocks.run(run, t, im, imports.evaluatedId(addr), type, diags);
            if (imported == null) {
                return Value.unknown(type);
            }
            prior = imported.object();
            priorPrivate = imported.privateData();
        }
        if (run.options.mode() == PlanMode.REFRESH_ONLY) {
            Value self = imported == null && priorEntry == null ? null
                    : imported != null ? prior : markedPrior(priorEntry, prior, schema);
            if (!run.applying) {
                // as terraform's refresh-only plan: the conditions checked against what the refresh found (also
                // without an object), failures as warnings
                conditions(t, t.rc().lifecycle().preconditions(), null, "Resource precondition failed", diags);
                conditions(t, t.rc().lifecycle().postconditions(), self == null ? Value.unknown(type) : self,
                        "Resource postcondition failed", diags);
            }
            if (self == null) {
                // no object (never created, or deleted outside): terraform's refresh-only plan knows nothing of it,
                // nor does its apply (an output still unknown then is saved as null)
                return Value.unknown(type);
            }
            return self;
        }
        FinalPlanCheck.Recorded saved = run.applying || run.recordedPlan == null ? null : run.recordedPlan.get(addr);
        Diagnostics decoding = saved == null ? diags : new Diagnostics();
        Value config = ConfigDecoder.decode(t.rc().config(), schema.block(), new ScopeOf(t), decoding);
        if (decoding != diags) {
            if (decoding.hasErrors() && deferredToApply(t, saved, markedPrior(priorEntry, prior, schema), type)) {
                return Value.unknown(type);
            }
            diags.addAll(decoding);
        }
        if (diags.hasErrors()) {
            return Value.unknown(type);
        }
        if (!conditions(t, t.rc().lifecycle().preconditions(), null, "Resource precondition failed", diags)) {
            return Value.unknown(type);
        }
        WireConfig wireConfig = new WireConfig(config, type);
        if (!run.validation.instance(t, wireConfig, diags)) {
            return Value.unknown(type);
        }
        Value configUnmarked = wireConfig.value();
        Value proposedConfig = ignoreChanges(t.rc(), configUnmarked, prior);
        Value proposed = ProposedNew.of(schema.block(), prior, proposedConfig);
        PlanAnswer answer = planCall(t, type, prior, proposed, wireConfig, priorPrivate);
        PlanResourceChangeResponse pr = answer.response();
        report(pr.diagnostics(), diags, t.rc(), addr);
        if (pr.hasErrors()) {
            return Value.unknown(type);
        }
        Value planned = answer.planned();
        byte[] plannedPrivate = pr.plannedPrivate();
        Action action;
        String reason = null;
        List<String> replacePaths = new ArrayList<>();
        for (AttributePath p : pr.requiresReplace()) {
            if (!p.steps().isEmpty() && p.steps().get(0) instanceof PathStep.AttributeName a) {
                replacePaths.add(a.name());
            }
        }
        if (prior.isNull()) {
            action = Action.CREATE;
        } else if (tainted) {
            action = Action.DELETE_THEN_CREATE;
            reason = "replace_because_tainted";
        } else if (run.replaceRequested(addr)) {
            action = Action.DELETE_THEN_CREATE;
            reason = "replace_by_request";
        } else if (!replacePaths.isEmpty() && !planned.equals(prior)) {
            action = Action.DELETE_THEN_CREATE;
            reason = "replace_because_cannot_update";
        } else if (triggered(t, diags)) {
            action = Action.DELETE_THEN_CREATE;
            reason = "replace_by_triggers";
        } else if (planned.equals(prior)) {
            // as Terraform: recording or dropping a sensitive mark is an update even when values are equal
            action = Sensitivity.samePaths(Sensitivity.paths(markedPrior(priorEntry, prior, schema)),
                    Sensitivity.paths(Sensitivity.markSchema(Sensitivity.copyMarks(planned, config), schema.block())))
                    ? Action.NO_OP : Action.UPDATE;
        } else {
            action = Action.UPDATE;
        }
        if (action.isReplace()) {
            if (t.rc().lifecycle().createBeforeDestroy()) {
                action = Action.CREATE_THEN_DELETE;
            }
            PlanAnswer freshAnswer = planCall(t, type, Value.nullOf(type),
                    ProposedNew.of(schema.block(), Value.nullOf(type), configUnmarked), wireConfig, new byte[0]);
            PlanResourceChangeResponse fresh = freshAnswer.response();
            report(fresh.diagnostics(), diags, t.rc(), addr);
            if (fresh.hasErrors()) {
                return Value.unknown(type);
            }
            planned = freshAnswer.planned();
            plannedPrivate = fresh.plannedPrivate();
            if (t.rc().lifecycle().preventDestroy()) {
                diags.add(preventDestroy(addr, t.rc()));
                return Value.unknown(type);
            }
        }
        // Terraform's marks: the configuration's sensitive paths, then the schema's; before, the state's
        planned = Sensitivity.markSchema(Sensitivity.copyMarks(planned, config), schema.block());
        Value before = imported != null ? Sensitivity.markSchema(prior, schema.block())
                : markedPrior(priorEntry, prior, schema);
        ResourceChange change = new ResourceChange(t.mi().addr(), t.rc().addr(), t.key(), action, before, planned, type,
                reason, replacePaths, t.providerAddr(), t.deps(), t.rc().lifecycle().createBeforeDestroy(),
                imported == null ? null : imported.id(), null, generatedConfig);
        Value result = planned;
        if (run.applying && action.changes() && run.inPlan(addr)) {
            FinalPlanCheck.Recorded recorded = run.recordedPlan == null ? null : run.recordedPlan.get(addr);
            if (recorded != null) {
                List<io.capstan.hcl.diag.Diagnostic> inconsistent = FinalPlanCheck.check(addr,
                        io.capstan.engine.json.StateValuesJson.providerSource(t.providerAddr()), recorded, planned);
                if (!inconsistent.isEmpty()) {
                    diags.addAll(inconsistent);
                    return Value.unknown(type);
                }
            }
            result = apply(t, change, schema, wireConfig, plannedPrivate, priorPrivate, diags);
            if (result == null) {
                return Value.unknown(type);
            }
        } else if (run.applying) {
            if (imported != null && run.importPlanned(addr)) {
                // an import without changes still enters state
                run.recorder.put(new LiveState.Entry(Addrs.stateModule(t.mi().addr()), "managed",
                        t.rc().addr().type(), t.rc().addr().name(), t.providerAddr(), StateValues.instance(t.key(),
                        schema.version(), before, type, priorPrivate, t.deps(),
                        t.rc().lifecycle().createBeforeDestroy())));
            }
            result = prior.isNull() ? planned : Sensitivity.markSchema(Sensitivity.copyMarks(prior, config),
                    schema.block());
        } else {
            run.addChange(change);
        }
        if (!t.rc().lifecycle().postconditions().isEmpty()) {
            // as terraform: checked against the planned object too; a condition still unknown waits for apply
            conditions(t, t.rc().lifecycle().postconditions(), result, "Resource postcondition failed", diags);
        }
        return result;
    }

    /**
     * A saved plan's instance whose arguments cannot be evaluated any more (a {@code file()} whose file was
     * removed since the plan): terraform applies the plan file's change without planning it again, so the error
     * comes in its apply walk, after the independent changes. Capstan plans the saved plan again first: the
     * recorded change stands in the plan (its new value unknown) and the apply walk, evaluating the arguments
     * again, fails the instance there. False (the errors stand now) for a change other than a create, update or
     * replacement.
     */
    private boolean deferredToApply(Target t, FinalPlanCheck.Recorded recorded, Value before, ObjectType type) {
        Action action = recorded.action();
        if (action == null || !action.changes() || action == Action.DELETE || action == Action.READ) {
            return false;
        }
        run.addChange(new ResourceChange(t.mi().addr(), t.rc().addr(), t.key(), action, before, Value.unknown(type),
                type, null, List.of(), t.providerAddr(), t.deps(), t.rc().lifecycle().createBeforeDestroy(), null));
        return true;
    }

    /** Records what the refresh found changed outside Capstan, as terraform's {@code resource_drift}. */
    /*
     * Two small classes rather than lambdas: the instances are planned on several threads at once, and when two
     * of them reach a lambda's call site first together, JDK 17 takes the archived class for one and spins a new
     * class for the other (several milliseconds interpreted); a lambda call site also costs every run its
     * bootstrap (#6: a 100-resource plan's fixed cost).
     */

    /** The instance's evaluation scope for an expression of its body. */
    private final class ScopeOf implements java.util.function.Function<Expression, io.capstan.hcl.eval.EvalContext> {
        private final Target t;

        ScopeOf(Target t) {
            this.t = t;
        }

        @Override
        public io.capstan.hcl.eval.EvalContext apply(Expression e) {
            return run.scope.context(t.mi(), t.rep(), null, e);
        }
    }

    /** Records the instance's drift found by its refresh. */
    private final class DriftOf implements ObjectRefresh.Drift {
        private final Target t;
        private final Type type;

        DriftOf(Target t, Type type) {
            this.t = t;
            this.type = type;
        }

        @Override
        public void record(Action action, Value before, Value after) {
            drift(t, action, before, after, type);
        }
    }

    private void drift(Target t, Action action, Value before, Value after, Type type) {
        run.drift.add(new ResourceChange(t.mi().addr(), t.rc().addr(), t.key(), action, before, after, type, null,
                List.of(), t.providerAddr(), t.deps(), t.rc().lifecycle().createBeforeDestroy(), null));
    }

    /** The prior object with the state's sensitive paths and the schema's: Terraform's before value. */
    private static Value markedPrior(LiveState.Entry priorEntry, Value prior, Schema schema) {
        Value v = priorEntry == null ? prior : Sensitivity.mark(prior, priorEntry.instance().sensitiveAttributes());
        return Sensitivity.markSchema(v, schema.block());
    }

    /** A provider's plan answer with its planned state decoded (null when the answer has none). */
    private record PlanAnswer(PlanResourceChangeResponse response, Value planned) {
    }

    private PlanAnswer planCall(Target t, Type type, Value prior, Value proposed, WireConfig config,
                               byte[] priorPrivate) {
        if (t.provider().client() instanceof BuiltinTerraformProvider builtin) {
            // in-process: values in and out, no MessagePack (nor memo: planning again costs less than a lookup)
            TerraformData.Planned p = builtin.planValues(t.rc().addr().type(), prior, proposed);
            if (p != null) {
                List<AttributePath> replace = new ArrayList<>(p.requiresReplace().size());
                for (String a : p.requiresReplace()) {
                    replace.add(new AttributePath(List.of(new PathStep.AttributeName(a))));
                }
                return new PlanAnswer(new PlanResourceChangeResponse(null, replace, null, List.of(), false, null, null),
                        p.state());
            }
        }
        PlanResourceChangeRequest req = new PlanResourceChangeRequest(t.rc().addr().type(),
                CODEC.encode(prior, type), CODEC.encode(proposed, type), config.wire(), priorPrivate,
                null, null, null);
        var client = t.provider().client();
        PlanMemo memo = run.planMemo;
        if (memo != null && run.applying) {
            // applying: the plan's answer to this same request, if it had one (see PlanMemo)
            PlanResourceChangeResponse kept = memo.reuse(t.address(), client, req);
            if (kept != null) {
                return new PlanAnswer(kept, decode(kept.plannedState(), type));
            }
        }
        PlanResourceChangeResponse resp = client.planResourceChange(req);
        if (memo != null && !run.applying) {
            memo.remember(t.address(), client, req, resp);
        }
        return new PlanAnswer(resp, resp.hasErrors() ? null : decode(resp.plannedState(), type));
    }

    private static Value decode(DynamicValue dv, Type type) {
        return dv == null ? Value.nullOf(type) : CODEC.decode(dv, type);
    }

    /** Applies one planned change; the new object, or null on failure (state keeps what is true). */
    private Value apply(Target t, ResourceChange c, Schema schema, WireConfig config, byte[] plannedPrivate,
                        byte[] priorPrivate, Diagnostics diags) {
        String addr = c.address();
        ObjectType type = (ObjectType) c.type();
        Type t0 = type;
        if (c.action() == Action.DELETE_THEN_CREATE) {
            // destroy-time provisioners see the old object as self; Terraform skips them for a tainted one
            // and for a create-before-destroy's deposed object
            boolean oldTainted = run.state.get(addr) != null && run.state.get(addr).instance().tainted();
            java.util.function.BooleanSupplier provisionOld = !oldTainted
                    && LocalExec.any(t.rc().provisioners(), "destroy")
                    ? () -> LocalExec.runAll(run, t, "destroy", c.before(), diags) : null;
            if (!run.delete(addr, t.provider(), t.rc().addr().type(), c.before(), t0, priorPrivate, diags,
                    t.rc().declRange(), true, provisionOld)) {
                return null;
            }
        }
        ChangeListener.Phase starting = c.action() == Action.UPDATE ? ChangeListener.Phase.MODIFYING
                : ChangeListener.Phase.CREATING;
        long start = System.nanoTime();
        run.listener.event(addr, starting, c.action() == Action.UPDATE ? idOf(c.before()) : null, 0);
        Value priorForCall = c.action() == Action.UPDATE ? c.before() : Value.nullOf(type);
        Value plannedUnmarked = c.after().unmarkDeep().value();
        ApplyResourceChangeResponse ar;
        Value applied = t.provider().client() instanceof BuiltinTerraformProvider builtin
                ? builtin.applyValues(t.rc().addr().type(), plannedUnmarked) : null;
        if (applied != null) {
            ar = new ApplyResourceChangeResponse(null, null, List.of(), false, null);
        } else {
            ar = t.provider().client().applyResourceChange(new ApplyResourceChangeRequest(t.rc().addr().type(),
                    CODEC.encode(priorForCall, type), CODEC.encode(plannedUnmarked, type), config.wire(),
                    plannedPrivate, null, null));
            applied = decode(ar.newState(), type);
        }
        report(ar.diagnostics(), diags, t.rc(), addr);
        long ms = (System.nanoTime() - start) / 1_000_000;
        // the new object carries the planned object's marks (configuration and schema), as Terraform's
        Value newState = Sensitivity.markSchema(Sensitivity.copyMarks(applied, c.after()), schema.block());
        if (!newState.isNull()) {
            boolean failed = ar.hasErrors();
            LiveState.Entry e = new LiveState.Entry(Addrs.stateModule(t.mi().addr()), "managed", t.rc().addr().type(),
                    t.rc().addr().name(), t.providerAddr(), StateValues.instance(t.key(), schema.version(), newState,
                    type, ar.privateData(), t.deps(), t.rc().lifecycle().createBeforeDestroy()));
            if (failed && c.action() != Action.UPDATE) {
                e = new LiveState.Entry(e.module(), e.mode(), e.type(), e.name(), e.provider(),
                        e.instance().withStatus("tainted"));
            }
            // create-before-destroy: the new object becomes current and the old one deposed in one durable
            // record before the old one's deletion starts, so a crash or a failed delete loses neither
            String deposedKey = c.action() == Action.CREATE_THEN_DELETE ? DeposedObjects.newKey() : null;
            if (deposedKey != null) {
                run.recorder.depose(e, deposedKey);
            } else {
                run.recorder.put(e);
            }
            if (!failed && c.action() != Action.UPDATE && !t.rc().provisioners().isEmpty()
                    && !LocalExec.runAll(run, t, "create", newState, diags)) {
                // a failed creation-time provisioner taints the new object, as Terraform does
                run.recorder.put(new LiveState.Entry(e.module(), e.mode(), e.type(), e.name(), e.provider(),
                        e.instance().withStatus("tainted")));
                run.listener.event(addr, ChangeListener.Phase.FAILED, null, (System.nanoTime() - start) / 1_000_000);
                return null;
            } else if (!failed && c.action() != Action.UPDATE && !t.rc().provisioners().isEmpty()) {
                // terraform writes the object again once its provisioners succeeded, and reports that state update
                // to its hooks then (not before the provisioners): a remote backend's due snapshot is taken here
                run.recorder.put(e);
            }
            if (deposedKey != null && !failed
                    && !run.deleteDeposed(addr, deposedKey, t.provider(), t.rc().addr().type(), c.before(), t0,
                    priorPrivate, diags, t.rc().declRange())) {
                return null;
            }
        }
        if (ar.hasErrors()) {
            run.listener.event(addr, ChangeListener.Phase.FAILED, null, ms);
            return null;
        }
        String id = !newState.isNull() && newState.type() instanceof ObjectType ot && ot.hasAttribute("id")
                ? idOf(newState) : null;
        // Terraform's "Creation complete after Ns" counts the creation-time provisioners too
        run.listener.event(addr, c.action() == Action.UPDATE ? ChangeListener.Phase.MODIFIED
                : ChangeListener.Phase.CREATED, id, (System.nanoTime() - start) / 1_000_000);
        return newState;
    }

    static String idOf(Value v) {
        Value id = v.attr("id");
        return id.isKnown() && !id.isNull() && id.type() == Type.STRING ? id.unmark().asString() : null;
    }

    static Diagnostic preventDestroy(String addr, ResourceConfig rc) {
        return Diagnostic.error("Instance cannot be destroyed", "Resource " + addr + " has lifecycle.prevent_destroy "
                + "set, but the plan calls for this resource to be destroyed. To avoid this error and continue with "
                + "the plan, either disable lifecycle.prevent_destroy or reduce the scope of the plan using the "
                + "-target option.", rc.declRange());
    }

    /**
     * Evaluates {@code rules} (pre- or postconditions) as terraform does ({@link CheckRules}),
     * recording each result; false when one failed or could not be evaluated.
     */
    boolean conditions(Target t, List<CheckRule> rules, Value self, String summary, Diagnostics diags) {
        boolean ok = true;
        for (CheckRule r : rules) {
            var condCtx = run.scope.context(t.mi(), t.rep(), self, r.condition());
            var msgCtx = r.errorMessage() == null ? condCtx : run.scope.context(t.mi(), t.rep(), self, r.errorMessage());
            CheckRules.Outcome o = CheckRules.evaluate(r, condCtx, msgCtx, diags);
            conditionResult(t, o.status(), CheckRules.problem(o));
            if (o.error()) {
                // terraform: an error whatever the mode, the condition's status "error"
                ok = false;
            } else if (o.failed()) {
                Diagnostic d = DiagnosticValues.attach(Diagnostic.error(summary, CheckRules.failureDetail(o),
                        r.condition().range()), r.condition(), condCtx);
                if (refreshOnlyPlan(run)) {
                    // terraform's refresh-only plan reports a failed condition as a warning and goes on
                    diags.add(asWarning(d));
                } else {
                    diags.add(d);
                    ok = false;
                }
            }
        }
        return ok;
    }

    /** True while planning in refresh-only mode, where terraform's failed conditions are warnings. */
    static boolean refreshOnlyPlan(RunContext run) {
        return !run.applying && run.options.mode() == PlanMode.REFRESH_ONLY;
    }

    /** {@code d} as a warning. */
    static Diagnostic asWarning(Diagnostic d) {
        return new Diagnostic(io.capstan.hcl.diag.Severity.WARNING, d.summary(), d.detail(), d.subject(), d.context(),
                d.address(), d.functionCall(), d.functionCallJson(), d.values());
    }

    void conditionResult(Target t, String status, String problem) {
        run.conditionResult(t.address(), () -> ConditionResults.resource(t.mi().addr(),
                t.mi().tree().path().isRoot() ? null : t.mi().tree().path().toString(), t.rc().addr(), t.key()),
                status, problem);
    }

    /** {@code ignore_changes}: the listed top-level arguments keep their prior values. */
    private static Value ignoreChanges(ResourceConfig rc, Value config, Value prior) {
        if (prior.isNull() || (!rc.lifecycle().ignoreAllChanges() && rc.lifecycle().ignoreChanges().isEmpty())) {
            return config;
        }
        Map<String, Value> out = new LinkedHashMap<>(config.entries());
        if (rc.lifecycle().ignoreAllChanges()) {
            for (String k : out.keySet()) {
                out.put(k, prior.attr(k));
            }
            return Value.object(out);
        }
        for (Expression e : rc.lifecycle().ignoreChanges()) {
            for (Traversal tr : e.variables()) {
                String name = tr.rootName();
                if (out.containsKey(name)) {
                    out.put(name, prior.attr(name));
                }
            }
        }
        return Value.object(out);
    }

    /** {@code replace_triggered_by}: any referenced instance planned to change forces replacement. */
    private boolean triggered(Target t, Diagnostics diags) {
        for (Expression e : t.rc().lifecycle().replaceTriggeredBy()) {
            for (Traversal tr : e.variables()) {
                if (tr.steps().size() < 2 || !(tr.steps().get(1) instanceof TraverseAttr a)) {
                    continue;
                }
                String prefix = Addrs.resource(t.mi().addr(),
                        io.capstan.graph.addrs.Resource.managed(tr.rootName(), a.name()));
                if (run.changedResource(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isManaged(ResourceConfig rc) {
        return rc.addr().mode() == ResourceMode.MANAGED;
    }

    /**
     * A provider's diagnostics about an instance, each where terraform points it: at the argument its
     * attribute path names, else at the block body's opening brace (terraform's "whole containing
     * body", with the block as context).
     */
    private static void report(java.util.List<io.capstan.provider.client.ProviderDiagnostic> from, Diagnostics diags,
                               io.capstan.graph.config.ResourceConfig rc, String addr) {
        for (io.capstan.provider.client.ProviderDiagnostic pd : from) {
            Providers.report(java.util.List.of(pd), diags, DataReader.where(pd, rc), addr);
        }
    }
}
