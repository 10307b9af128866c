package io.capstan.engine.plan;

import io.capstan.engine.builtin.BuiltinTerraformProvider;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.ApplyResourceChangeRequest;
import io.capstan.provider.client.ApplyResourceChangeResponse;
import io.capstan.provider.client.PlanResourceChangeRequest;
import io.capstan.provider.client.PlanResourceChangeResponse;
import io.capstan.provider.codec.WireCodec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * What every node of one plan or apply walk shares: options, scope builder, providers, the
 * live state, the changes found so far and, when applying, the saved plan and where results go.
 */
final class RunContext {
    final PlanOptions options;
    final Scope scope;
    final Providers providers;
    final LiveState state;
    final boolean applying;
    final Map<String, ResourceChange> planned;
    final StateRecorder recorder;
    final ChangeListener listener;
    final Set<String> claimed = ConcurrentHashMap.newKeySet();
    /**
     * Added to by the instance threads, read once the walk is over: a synchronized list (a copy-on-write
     * one copied the whole array for each of a plan's changes).
     */
    final List<ResourceChange> changes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    /**
     * The results of resource instances' pre/postconditions and outputs' preconditions, by instance
     * address, in evaluation order per object (terraform's {@code checks} beside the check blocks').
     */
    final Map<String, ConditionResults> conditionResults = new ConcurrentHashMap<>();
    /** Objects the refresh found changed or deleted outside Capstan (terraform's {@code resource_drift}). */
    final List<ResourceChange> drift = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final Map<String, Boolean> changedResources = new ConcurrentHashMap<>();
    private final Set<String> replace;
    final Targets targets;
    final StopSignal stop;
    /**
     * Why a check block failed before its assertions ran (its data source's read errors, as
     * terraform's "problems"), by check instance address ({@link Addrs#check}).
     */
    final Map<String, String> checkFailures = new ConcurrentHashMap<>();
    /** Test-only walk chaos for every walker of this run (null: off); see {@link Engine#chaos}. */
    io.capstan.engine.walk.WalkChaos chaos;
    /**
     * Null, or the PlanResourceChange answers of a plan this process applies at once: a planning
     * run fills it, the apply of that plan reuses from it (see {@link PlanMemo}).
     */
    PlanMemo planMemo;
    /** Where each root variable's value came from when a variables file set it (see {@link io.capstan.graph.config.InputVariables}). */
    Map<String, io.capstan.hcl.diag.SourceRange> rootVarRanges = Map.of();
    /** Root resources whose configuration this plan generates ({@code -generate-config-out}), and the file's name. */
    Set<io.capstan.graph.addrs.Resource> generating = Set.of();
    String generateConfigFile;
    /**
     * The providers' answers to ValidateResourceConfig / ValidateDataResourceConfig: one per run,
     * shared by a plan and the apply that follows it in the same process (see {@link ProviderValidation}).
     */
    ProviderValidation validation = new ProviderValidation();
    /**
     * Root output values already decided, by name: terraform evaluates a root output again only when
     * its planned value was not wholly known. Applying, the plan's known values; re-planning a saved
     * plan to apply it, those the plan file recorded (a {@code file()} changed since keeps the planned
     * text). Empty otherwise.
     */
    Map<String, Value> plannedOutputs = Map.of();
    /** The validation's "Deprecated attribute" warnings, given again per evaluation by the walk (see {@link DeprecationRepeats}). */
    DeprecationRepeats deprecations = DeprecationRepeats.NONE;
    /** Applying a plan file: the planned values it recorded, by instance address (see {@link FinalPlanCheck}); else null. */
    Map<String, FinalPlanCheck.Recorded> recordedPlan;

    RunContext(PlanOptions options, Scope scope, Providers providers, LiveState state, Plan saved,
               StateRecorder recorder, ChangeListener listener) {
        this(options, scope, providers, state, saved, recorder, listener, new StopSignal());
    }

    RunContext(PlanOptions options, Scope scope, Providers providers, LiveState state, Plan saved,
               StateRecorder recorder, ChangeListener listener, StopSignal stop) {
        this.stop = stop;
        this.options = Objects.requireNonNull(options, "options");
        this.scope = scope;
        this.providers = providers;
        this.state = state;
        this.applying = saved != null;
        this.planned = new ConcurrentHashMap<>();
        if (saved != null) {
            // a deposed object's deletion shares its instance's address: it never stands for the instance
            saved.changes().stream().filter(c -> c.deposed() == null).forEach(c -> planned.put(c.address(), c));
            saved.changes().forEach(c -> {
                if (c.action().changes()) {
                    changedResources.put(Addrs.resource(c.module(), c.resource()), true);
                }
            });
        }
        this.recorder = recorder;
        this.listener = listener == null ? ChangeListener.NONE : listener;
        this.replace = Set.copyOf(options.replace());
        this.targets = new Targets(options.targets());
    }

    /** Adds one condition's status ({@code pass}, {@code fail}, {@code unknown}) to the object {@code addr}'s. */
    void conditionResult(String addr, java.util.function.Supplier<ConditionResults> object, String status,
                         String problem) {
        conditionResults.computeIfAbsent(addr, k -> object.get()).add(status, problem);
    }

    /** Records that the check {@code checkAddr} failed with {@code problem}; its assertions are then skipped. */
    void checkFailed(String checkAddr, String problem) {
        checkFailures.put(checkAddr, problem);
    }

    boolean replaceRequested(String addr) {
        return replace.contains(addr);
    }

    /** True when the saved plan (applying) has a change for this instance. */
    boolean inPlan(String addr) {
        ResourceChange c = planned.get(addr);
        return c != null && c.action().changes();
    }

    /** True when the saved plan imports {@code addr} (an import is applied even without changes). */
    boolean importPlanned(String addr) {
        ResourceChange c = planned.get(addr);
        return c != null && c.importId() != null;
    }

    void addChange(ResourceChange c) {
        changes.add(c);
        if (c.action().changes()) {
            changedResources.put(Addrs.resource(c.module(), c.resource()), true);
        }
    }

    boolean changedResource(String resourceAddr) {
        return changedResources.containsKey(resourceAddr);
    }

    /**
     * Destroys the deposed object {@code key} at {@code addr} and records that it is gone; false
     * (with diagnostics) when the provider failed, in which case it stays deposed in state.
     */
    boolean deleteDeposed(String addr, String key, Providers.Started provider, String typeName, Value prior,
                          Type type, byte[] priv, Diagnostics diags, SourceRange where) {
        ChangeListener deposedListener = new ChangeListener() {
            @Override
            public void event(String address, ChangeListener.Phase phase, String id, long elapsedMillis) {
                listener.deposedEvent(address, key, phase, id, elapsedMillis);
            }
        };
        if (!deleteCall(addr, provider, typeName, prior, type, priv, diags, where, null, deposedListener)) {
            return false;
        }
        recorder.removeDeposed(addr, key);
        return true;
    }

    /**
     * True when a resource named as the graph names it (module path without instance keys, as
     * in {@code InstancePlanner.Target.deps}) has any instance with a planned change.
     */
    boolean changedResourceStatic(String staticAddr) {
        if (changedResources.containsKey(staticAddr)) {
            return true;
        }
        for (String k : changedResources.keySet()) {
            if (k.indexOf('[') >= 0 && k.replaceAll("\\[[^\\]]*\\]", "").equals(staticAddr)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Destroys one object through its provider and records that; false (with diagnostics) when
     * the provider failed, in which case the object stays in state.
     */
    boolean delete(String addr, Providers.Started provider, String typeName, Value prior, Type type, byte[] priv,
                   Diagnostics diags, SourceRange where) {
        return delete(addr, provider, typeName, prior, type, priv, diags, where, true);
    }

    /**
     * As above; {@code removeFromState} false when the address already records a replacement
     * (create-before-destroy), so only the old object goes.
     */
    boolean delete(String addr, Providers.Started provider, String typeName, Value prior, Type type, byte[] priv,
                   Diagnostics diags, SourceRange where, boolean removeFromState) {
        return delete(addr, provider, typeName, prior, type, priv, diags, where, removeFromState, null);
    }

    /**
     * As above, running {@code provision} (destroy-time provisioners) once "Destroying..." is announced,
     * as Terraform does; when it returns false the object is left alone and stays in state.
     */
    boolean delete(String addr, Providers.Started provider, String typeName, Value prior, Type type, byte[] priv,
                   Diagnostics diags, SourceRange where, boolean removeFromState, BooleanSupplier provision) {
        if (!deleteCall(addr, provider, typeName, prior, type, priv, diags, where, provision, listener)) {
            return false;
        }
        if (removeFromState) {
            recorder.remove(addr);
        }
        return true;
    }

    /** The provider calls of a deletion, announced to {@code listener}; true when the object is gone. */
    private boolean deleteCall(String addr, Providers.Started provider, String typeName, Value prior, Type type,
                               byte[] priv, Diagnostics diags, SourceRange where, BooleanSupplier provision,
                               ChangeListener listener) {
        WireCodec codec = WireCodec.INSTANCE;
        long start = System.nanoTime();
        listener.event(addr, ChangeListener.Phase.DESTROYING, InstancePlanner.idOf(prior), 0);
        if (provision != null && !provision.getAsBoolean()) {
            listener.event(addr, ChangeListener.Phase.FAILED, null, (System.nanoTime() - start) / 1_000_000);
            return false;
        }
        Value unmarked = prior.unmarkDeep().value();
        if (provider.client() instanceof BuiltinTerraformProvider builtin && builtin.servesValues(typeName)) {
            // in-process (as InstancePlanner plans and applies): a deletion needs no call
            listener.event(addr, ChangeListener.Phase.DESTROYED, null, (System.nanoTime() - start) / 1_000_000);
            return true;
        }
        PlanResourceChangeResponse pr = provider.client().planResourceChange(new PlanResourceChangeRequest(typeName,
                codec.encode(unmarked, type), codec.encode(Value.nullOf(type), type), codec.encode(Value.nullOf(type), type),
                priv, null, null, null));
        Providers.report(pr.diagnostics(), diags, where, addr);
        if (pr.hasErrors()) {
            listener.event(addr, ChangeListener.Phase.FAILED, null, 0);
            return false;
        }
        ApplyResourceChangeResponse ar = provider.client().applyResourceChange(new ApplyResourceChangeRequest(typeName,
                codec.encode(unmarked, type), codec.encode(Value.nullOf(type), type),
                codec.encode(Value.nullOf(type), type), pr.plannedPrivate(), null, null));
        Providers.report(ar.diagnostics(), diags, where, addr);
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (ar.hasErrors()) {
            listener.event(addr, ChangeListener.Phase.FAILED, null, ms);
            return false;
        }
        listener.event(addr, ChangeListener.Phase.DESTROYED, null, ms);
        return true;
    }
}
