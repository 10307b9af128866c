package io.capstan.engine.plan;

import io.capstan.engine.state.OutputState;
import io.capstan.engine.state.StateCodec;
import io.capstan.engine.state.StateFile;
import io.capstan.engine.walk.ParallelWalker;
import io.capstan.engine.walk.WalkResult;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.config.Check;
import io.capstan.graph.config.CheckRule;
import io.capstan.graph.config.InputVariables;
import io.capstan.graph.config.ModuleTree;
import io.capstan.graph.graph.GraphBuilder;
import io.capstan.graph.graph.GraphType;
import io.capstan.graph.graph.ResourceGraph;
import io.capstan.graph.validate.Validation;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.eval.DiagnosticValues;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.value.TypeJson;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

/**
 * The engine's entry point for one working directory: {@link #plan} loads and validates the
 * configuration, collects variables, applies {@code moved} blocks, walks the graph asking
 * providers for each instance's change, and finds orphans; {@link #apply} carries a plan out
 * (forward walk for creates/updates/replacements, then deletions dependents-first).
 */
public final class Engine {
    private final Path dir;
    private final Providers providers;
    private ModuleTree config;
    private ResourceGraph graph;
    private Map<String, Value> rootVars = Map.of();
    private volatile boolean planningStarted;
    private final StopSignal stop = new StopSignal();
    /** Provider-defined functions, called on unconfigured provider instances of this run. */
    private final io.capstan.engine.functions.PluginFunctions functions;
    /** Null, or the walk chaos tests ask for (shuffled, delayed nodes: missing edges show up). */
    private io.capstan.engine.walk.WalkChaos chaos = io.capstan.engine.walk.WalkChaos.fromSystemProperty();
    /**
     * The last plan's PlanResourceChange answers when its options say this process applies it
     * ({@link PlanOptions#appliesInProcess}); null otherwise, and after the apply.
     */
    private PlanMemo planMemo;
    /** The plan's provider validation answers, for the apply that follows it in this process. */
    private ProviderValidation validation = new ProviderValidation();
    /** The last plan's diagnostics from loading and validating the configuration and reading its variables. */
    private Diagnostics setupDiagnostics = new Diagnostics();
    /** Whether a required root variable without a value is unknown rather than an error ({@code console -plan}). */
    private boolean allowUnsetVariables;
    private java.util.function.Function<ModuleTree, Diagnostics> configCheck;
    /** The saved plan's variables when {@link #plan} re-plans a saved plan to apply it; null otherwise. */
    private SavedVariables saved;
    /** What the last {@link #plan}'s saved plan file records of the variables it was given. */
    private SavedVariables plannedVariables = new SavedVariables(Map.of(), java.util.Set.of());
    /** The last {@link #plan}'s comparison of the values given with a saved plan's ({@link #fromSavedPlan}). */
    private Diagnostics savedPlanDiagnostics = new Diagnostics();
    /** The last plan walk's root module instance and scope (null before a walk): {@link #rootContext}. */
    private ModuleInst planRoot;
    private Scope planScope;
    /** The file name {@code plan -generate-config-out} writes to (null: no configuration is generated). */
    private String generateConfigFile;

    public Engine(Path dir, Providers providers) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.providers = Objects.requireNonNull(providers, "providers");
        this.functions = new io.capstan.engine.functions.PluginFunctions(providers);
    }

    /**
     * Stops the running plan or apply gracefully (Terraform's first interrupt): nothing new starts,
     * provider calls in flight finish and are recorded, providers get StopProvider, provisioner
     * commands are killed; the run then returns with an "execution halted" error. Any thread.
     */
    public void stop() {
        stop.stop(providers);
    }

    /**
     * Walks this engine's plans and applies in {@link io.capstan.engine.walk.WalkChaos chaos mode}
     * (tests only; null turns it off). Without a call, {@code -Dcapstan.walk.chaos=SEED} decides.
     */
    public Engine chaos(io.capstan.engine.walk.WalkChaos c) {
        this.chaos = c;
        return this;
    }

    /**
     * Whether the last {@link #plan} got past validation and {@code moved} blocks, so that even an
     * errored plan is one terraform would render and save ("Planning failed.", an errored plan file,
     * the {@code -json} change summary). Errors found before that leave only their diagnostics.
     */
    public boolean planningStarted() {
        return planningStarted;
    }

    /** What {@link #lastFinished} knows of the last plan's walk: only when it generated configuration. */
    private Map<String, Set<String>> resourceWaits = Map.of();

    /**
     * The change of {@code changes} that terraform's plan walk necessarily finishes last, or null when
     * its order is not fixed: the one whose resource waits (through references, {@code depends_on} or an
     * {@code import} block's {@code id}) for the resource of every other change, and has no other
     * instance among them. terraform appends each instance's change to the plan as it finishes, so this
     * one is its plan's last. Known only after a plan with {@code -generate-config-out}.
     */
    public ResourceChange lastFinished(List<ResourceChange> changes) {
        for (ResourceChange candidate : changes) {
            String name = candidate.module().module().prefix(candidate.resource().toString());
            Set<String> waits = resourceWaits.get(name);
            if (waits == null) {
                continue;
            }
            boolean all = true;
            for (ResourceChange other : changes) {
                if (other == candidate) {
                    continue;
                }
                String o = other.module().module().prefix(other.resource().toString());
                if (o.equals(name) || !waits.contains(o)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * What the last {@link #plan} found loading and validating the configuration (e.g. "Quoted
     * references are deprecated"): terraform's apply of a saved
     * plan loads and validates the configuration again and shows these (not the planning's) with
     * the apply's diagnostics. The variables' are not among them: that apply compares the values
     * it is given with the plan's instead.
     */
    public Diagnostics setupDiagnostics() {
        return setupDiagnostics;
    }

    /**
     * Makes {@link #plan} take a required root variable that has no value as unknown of its type,
     * as terraform's {@code console} does ({@code AllowUnsetVariables}), instead of "No value for
     * required variable".
     */
    public Engine allowUnsetVariables(boolean allow) {
        this.allowUnsetVariables = allow;
        return this;
    }

    /**
     * A check {@link #plan} makes of the configuration once it has loaded without errors, before
     * the variables and validation (not when re-planning a saved plan, whose reader checks it): its
     * errors end the plan with the load's diagnostics and its own. The commands check the dependency
     * lock file here, where terraform's local backend does.
     */
    public Engine configCheck(java.util.function.Function<ModuleTree, Diagnostics> check) {
        this.configCheck = check;
        return this;
    }

    /**
     * Makes {@link #plan} re-plan a saved plan to apply it: with the variable values {@code saved}
     * records (and the apply-time ephemeral ones from the options' inputs), the values the options
     * give compared with the plan's as terraform compares them ({@link #savedPlanDiagnostics}).
     */
    public Engine fromSavedPlan(SavedVariables saved) {
        this.saved = saved;
        return this;
    }

    /**
     * Makes {@link #plan} load the configuration a saved plan recorded instead of the working
     * directory's files, as terraform applies the snapshot its plan file embeds (null: the files').
     */
    public Engine fromSnapshot(io.capstan.graph.config.ConfigSnapshot snapshot) {
        this.snapshot = snapshot;
        return this;
    }

    private io.capstan.graph.config.ConfigSnapshot snapshot;

    /**
     * Makes {@link #plan} of a saved plan keep the root output values the plan file recorded (those that
     * were wholly known), as terraform's apply keeps a known planned value instead of evaluating the
     * output again; the others are evaluated.
     */
    public Engine withPlannedOutputs(Map<String, Value> outputs) {
        this.savedOutputs = Map.copyOf(outputs);
        return this;
    }

    private Map<String, Value> savedOutputs = Map.of();

    /**
     * Makes {@link #apply} of a saved plan check each instance's final plan against the planned values
     * {@code planJson} (the plan file's JSON plan) recorded, as terraform checks its plan's ("Provider
     * produced inconsistent final plan" for a {@code file()} whose file changed since the plan).
     */
    public Engine withRecordedPlan(com.fasterxml.jackson.databind.JsonNode planJson) {
        Map<String, FinalPlanCheck.Recorded> m = new HashMap<>();
        if (planJson != null) {
            for (com.fasterxml.jackson.databind.JsonNode rc : planJson.path("resource_changes")) {
                com.fasterxml.jackson.databind.JsonNode ch = rc.path("change");
                if (rc.has("deposed") || !ch.has("after")) {
                    continue;
                }
                m.put(rc.path("address").asText(), new FinalPlanCheck.Recorded(ch.get("after"), ch.get("after_unknown"),
                        actionOf(ch.path("actions"))));
            }
        }
        this.recordedPlan = m;
        return this;
    }

    private Map<String, FinalPlanCheck.Recorded> recordedPlan;

    /** The action a JSON plan's {@code actions} array names; null for none known. */
    private static Action actionOf(com.fasterxml.jackson.databind.JsonNode actions) {
        List<String> names = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode a : actions) {
            names.add(a.asText());
        }
        for (Action a : Action.values()) {
            if (a.json().equals(names)) {
                return a;
            }
        }
        return null;
    }

    /** The root output values of {@code plan} that are wholly known: what its apply keeps ({@link #withPlannedOutputs}). */
    public static Map<String, Value> knownOutputs(Plan plan) {
        Map<String, Value> out = new LinkedHashMap<>();
        plan.outputs().forEach((n, v) -> {
            if (v != null && v.unmarkDeep().value().isWhollyKnown()) {
                out.put(n, v);
            }
        });
        return out;
    }

    /**
     * The last {@link #plan}'s configuration as a plan file records it: each module's files as
     * loaded and its record in init's manifest. Null before a plan and when loading failed.
     */
    public io.capstan.graph.config.ConfigSnapshot configSnapshot() {
        if (config == null) {
            return null;
        }
        if (snapshot != null) {
            return snapshot;
        }
        Path data = dir.toAbsolutePath().normalize().resolve(ValidateProviders.dataDir(providers.resolver()));
        return io.capstan.graph.config.ConfigSnapshot.of(config, dir,
                io.capstan.graph.config.InstalledModules.read(data));
    }

    /** What a plan file of the last {@link #plan} records of its variables. */
    public SavedVariables plannedVariables() {
        return plannedVariables;
    }

    /**
     * The last {@link #plan}'s warnings comparing the values given with a saved plan's ("Ignoring
     * variable when applying a saved plan", undeclared values); its errors fail the plan.
     */
    public Diagnostics savedPlanDiagnostics() {
        return savedPlanDiagnostics;
    }

    /**
     * Makes {@link #plan} generate configuration, as terraform's {@code -generate-config-out}, for
     * each root {@code import} block whose resource has no block ({@code fileName}: where it will be
     * written, for the generated body's source ranges; null turns it off). The planned changes of
     * those resources carry the generated block ({@link ResourceChange#generatedConfig}).
     */
    public Engine generateConfig(String fileName) {
        this.generateConfigFile = fileName;
        return this;
    }

    /**
     * Plans without the validate walk, as terraform's {@code console -plan} does (its operation has
     * no type, so its local run skips validation): what that walk would reject (a bad {@code count} or
     * {@code for_each}...) is found by the plan walk instead, which goes on with the rest.
     */
    public Engine withoutValidateWalk() {
        this.validateWalk = false;
        return this;
    }

    private boolean validateWalk = true;
    /** The last plan's validation's "Deprecated attribute" warnings, which its walks and its apply's repeat. */
    private DeprecationRepeats deprecations = DeprecationRepeats.NONE;

    /** Whether the last {@link #plan} walked the configuration, so that {@link #rootContext} has a context to give. */
    public boolean walked() {
        return planRoot != null;
    }

    /**
     * An evaluation context of the root module as the last {@link #plan}'s walk left it (terraform's
     * {@code PlanAndEval} scope, for {@code console -plan}): variables, locals, the planned values of
     * resources (unknown where known only after apply), data sources read, module outputs, with the
     * plan's functions (impure ones unknown). It holds what {@code expr} refers to; references to
     * what the module does not declare are the caller's to reject. Empty when the plan stopped
     * before walking (invalid configuration, variables, graph or {@code moved} blocks).
     */
    public java.util.Optional<io.capstan.hcl.eval.EvalContext> rootContext(io.capstan.hcl.ast.Expression expr) {
        if (planRoot == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(planScope.context(planRoot, null, null, expr));
    }

    /** The loaded configuration (null before {@link #plan}); the CLI renders diagnostics with its sources. */
    public ModuleTree config() {
        return config;
    }

    public Plan plan(StateFile prior, PlanOptions opts) {
        return plan(prior, opts, ChangeListener.NONE);
    }

    /**
     * Starts loading the working directory's configuration on another thread, for the next {@link #plan}
     * (which waits for it): a command calls this before it locks and reads the state, so the two overlap on
     * a second core. The load is the one {@link #plan} would make (same files, same diagnostics); nothing
     * of it is shown unless that plan runs. Not for a saved plan's snapshot ({@link #fromSnapshot}).
     */
    public Engine preloadConfiguration() {
        java.util.concurrent.FutureTask<io.capstan.hcl.diag.Result<ModuleTree>> load =
                new java.util.concurrent.FutureTask<>(new ConfigLoad(dir, ValidateProviders.dataDir(providers.resolver())));
        Thread t = new Thread(load, "capstan-config-load");
        t.setDaemon(true);
        t.start();
        preloaded = load;
        return this;
    }

    /** The configuration {@link #preloadConfiguration} is loading, or null. */
    private java.util.concurrent.FutureTask<io.capstan.hcl.diag.Result<ModuleTree>> preloaded;

    private static final class ConfigLoad
            implements java.util.concurrent.Callable<io.capstan.hcl.diag.Result<ModuleTree>> {
        private final Path dir;
        private final Path dataDir;

        ConfigLoad(Path dir, Path dataDir) {
            this.dir = dir;
            this.dataDir = dataDir;
        }

        @Override
        public io.capstan.hcl.diag.Result<ModuleTree> call() {
            return io.capstan.graph.config.ConfigLoader.load(dir, dataDir);
        }
    }

    /** What {@link #preloadConfiguration} loaded (waiting for it), once; null without one. */
    private io.capstan.hcl.diag.Result<ModuleTree> preloadedConfiguration() {
        java.util.concurrent.FutureTask<io.capstan.hcl.diag.Result<ModuleTree>> load = preloaded;
        preloaded = null;
        if (load == null) {
            return null;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return load.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the load ends by itself; its result is still the one to use
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            // what the load threw on its thread, as it would have been thrown on this one
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * For a plan's validation, which asks providers nothing else before the walk: the resource
     * types' schemas for the static check of references (terraform's validate walk has them all),
     * from the instances started early for the plan ({@link SchemaTraversals#of}).
     */
    private io.capstan.graph.validate.ProviderChecks referenceSchemas() {
        SchemaTraversals traversals = SchemaTraversals.of(() -> providers);
        return new io.capstan.graph.validate.ProviderChecks() {
            @Override
            public io.capstan.graph.graph.ResourceTypeSchemas schemas() {
                return traversals;
            }
        };
    }

    /** Whether the last plan's configuration refers to a deprecated attribute, whose warning each walk repeats. */
    public boolean repeatsDeprecations() {
        return !deprecations.isEmpty();
    }

    public Plan plan(StateFile prior, PlanOptions opts, ChangeListener listener) {
        Diagnostics diags = new Diagnostics();
        planMemo = opts.appliesInProcess() ? new PlanMemo() : null;
        validation = new ProviderValidation();
        planningStarted = false;
        setupDiagnostics = new Diagnostics();
        plannedVariables = new SavedVariables(Map.of(), java.util.Set.of());
        planRoot = null;
        planScope = null;
        // a destroy plans no resource blocks, but terraform validates the configuration first all the same
        // (its provider rejecting a block refuses the destroy, -refresh=false too); other modes ask the
        // provider per block in the walk (ProviderValidation). The providers stay open for the plan.
        // (not when applying a saved destroy plan: terraform's apply of a plan file validates nothing, and its
        // destroy walk evaluates no resource block, so the providers' validation warnings are not shown again)
        io.capstan.graph.validate.ProviderChecks providerChecks = opts.mode() == PlanMode.DESTROY && saved == null
                ? new ValidateProviders(() -> providers) : referenceSchemas();
        // a saved plan's configuration was validated when it was planned: terraform's apply of the plan file
        // walks no validation again (a file() whose file is gone since is no error there)
        boolean validating = saved == null && (validateWalk || opts.mode() == PlanMode.DESTROY);
        io.capstan.hcl.diag.Result<ModuleTree> loaded = snapshot != null
                ? io.capstan.graph.config.ConfigLoader.load(dir, snapshot) : preloadedConfiguration();
        if (loaded == null) {
            loaded = io.capstan.graph.config.ConfigLoader.load(dir, ValidateProviders.dataDir(providers.resolver()));
        }
        if (configCheck != null && saved == null && loaded.value() != null && !loaded.hasErrors()) {
            Diagnostics checked = configCheck.apply(loaded.value());
            if (checked.hasErrors()) {
                config = loaded.value();
                return failed(opts, prior, diags.addAll(loaded.diagnostics()).addAll(checked));
            }
        }
        // the validate graph's build, which the plan's graph goes on from (GraphBuilder.plan)
        GraphBuilder.Reuse validateGraph = new GraphBuilder.Reuse();
        Validation.Outcome v = Validation.validate(loaded, functions, providerChecks, validating, validateGraph);
        config = v.config();
        diags.addAll(v.diagnostics());
        deprecations = DeprecationRepeats.of(v.diagnostics());
        LiveState state = LiveState.of(prior);
        if (!v.valid()) {
            return failed(opts, prior, diags);
        }
        // terraform validates first; from here on its core returns an (errored) plan, variables included
        planningStarted = true;
        Map<String, io.capstan.hcl.diag.SourceRange> varRanges = new LinkedHashMap<>();
        // one pass over the values given: as given (what a saved plan records or is compared with) and converted
        InputVariables.Inputs inputs = InputVariables.read(config.module(), dir, opts.vars(), opts.env());
        Result<Map<String, Value>> vars;
        savedPlanDiagnostics = new Diagnostics();
        if (saved != null) {
            // applying a saved plan: its values, the ephemeral ones given again; the values given now are only
            // compared with the plan's (terraform's backend and core checks)
            savedPlanDiagnostics = SavedPlanVariables.diagnostics(config.module(), saved, inputs.given());
            Diagnostics vd = new Diagnostics().addAll(inputs.fileDiagnostics());
            Map<String, Value> values = Map.of();
            if (savedPlanDiagnostics.hasErrors()) {
                vd.addAll(savedPlanDiagnostics);
            } else {
                Map<String, Value> given = new LinkedHashMap<>(saved.values());
                saved.applyTime().forEach(n -> given.put(n, inputs.given().get(n).value()));
                Result<Map<String, Value>> r = InputVariables.fromGiven(config.module(), given);
                vd.addAll(r.diagnostics());
                values = r.value();
            }
            vars = new Result<>(values, vd);
        } else {
            vars = inputs.values(allowUnsetVariables ? InputVariables.Unset.UNKNOWN : InputVariables.Unset.REQUIRED,
                    varRanges);
        }
        plannedVariables = SavedVariables.of(config.module(), inputs.given());
        diags.addAll(vars.diagnostics());
        // (without the references' "Deprecated attribute" warnings: terraform's apply of a saved plan shows
        // only its apply walk's, which the walk repeats, see DeprecationRepeats)
        setupDiagnostics = new Diagnostics();
        for (io.capstan.hcl.diag.Diagnostic d : v.diagnostics()) {
            if (!deprecations.contains(d)) {
                setupDiagnostics.add(d);
            }
        }
        if (vars.hasErrors()) {
            // terraform's backend finds a missing required variable before it plans; bad values, inside
            planningStarted = saved == null && vars.diagnostics().asList().stream()
                    .noneMatch(d -> d.summary().equals("No value for required variable"));
            return failed(opts, prior, diags);
        }
        rootVars = vars.value();
        // terraform's -generate-config-out: the walk plans a placeholder block for each import target
        // without one, whose body is generated once its object is imported (InstancePlanner)
        ModuleTree planTree = config;
        Set<io.capstan.graph.addrs.Resource> generating = Set.of();
        if (generateConfigFile != null && opts.mode() == PlanMode.NORMAL) {
            Map<io.capstan.graph.addrs.Resource, io.capstan.graph.config.Import> targets = new LinkedHashMap<>(
                    io.capstan.graph.config.GeneratedResources.targets(config));
            targets.keySet().removeIf(r -> state.get(Addrs.instance(ModuleInstance.ROOT, r,
                    io.capstan.graph.addrs.InstanceKey.NONE)) != null);
            if (!targets.isEmpty()) {
                planTree = io.capstan.graph.config.GeneratedResources.withPlaceholders(config, targets);
                generating = Set.copyOf(targets.keySet());
            }
        }
        Result<ResourceGraph> g = GraphBuilder.plan(validateGraph, planTree);
        if (g == null) {
            g = GraphBuilder.build(planTree, GraphType.PLAN);
        }
        diags.addAll(g.diagnostics());
        if (g.hasErrors() || g.value() == null) {
            return failed(opts, prior, diags);
        }
        graph = g.value();
        Map<String, String> moved = Moves.apply(config, state, providers, diags);
        if (diags.hasErrors()) {
            // as terraform's move errors (found before its plan walk): no plan at all
            planningStarted = false;
            return failed(opts, prior, diags);
        }
        RunContext run = new RunContext(opts, new Scope(dir, opts.workspace(), functions, true), providers, state, null,
                planRecorder(state), listener, stop);
        run.chaos = chaos;
        run.planMemo = planMemo;
        run.rootVarRanges = varRanges;
        // a saved plan planned again: an argument its instance can no longer evaluate fails in the apply walk
        run.recordedPlan = recordedPlan;
        run.deprecations = deprecations;
        run.validation = validation;
        run.generating = generating;
        run.generateConfigFile = generateConfigFile;
        if (saved != null) {
            run.plannedOutputs = savedOutputs;
        }
        List<ResourceChange> changes = new ArrayList<>();
        List<CheckResult> checks = new ArrayList<>();
        Map<String, Value> outputs = new LinkedHashMap<>();
        Map<String, Boolean> sensitive = new LinkedHashMap<>();
        if (opts.refresh()) {
            DeposedObjects.refresh(run, diags);
        }
        if (opts.mode() != PlanMode.REFRESH_ONLY) {
            for (Orphans.Deletion d : DeposedObjects.find(state, providers, run.targets, diags)) {
                changes.add(d.change());
            }
        }
        if (opts.mode() == PlanMode.DESTROY) {
            if (opts.refresh()) {
                // terraform's destroy refreshes first, as a refresh-only plan of the whole configuration (data
                // sources read, orphans refreshed): what it finds gone is not destroyed; its drift is not shown
                RunContext pre = new RunContext(opts.withMode(PlanMode.REFRESH_ONLY), new Scope(dir,
                        opts.workspace(), functions, true), providers, state, null, planRecorder(state), listener, stop);
                pre.chaos = chaos;
                // as terraform's: the refresh's diagnostics only when it failed (its warnings, a remote state's
                // deprecated backend parameters..., would double those of the validation before it)
                Diagnostics refreshed = new Diagnostics().addAll(new Walk(config, graph, pre, rootVars).run());
                if (!refreshed.hasErrors()) {
                    OrphanRefresh.refresh(pre, refreshed);
                }
                if (refreshed.hasErrors()) {
                    diags.addAll(refreshed);
                }
            }
            for (Orphans.Deletion d : Orphans.find(config, state, Set.of(), Set.of(), List.of(), providers,
                    run.targets, true, diags)) {
                changes.add(d.change());
            }
            if (!deprecations.isEmpty()) {
                // terraform's destroy walk configures each provider the state's objects use (data sources' too):
                // the block's deprecated references warn again there (once each; its refresh before and its apply
                // walk after do not show them)
                Set<String> used = new HashSet<>();
                prior.resources().forEach(r -> used.add(r.provider()));
                for (io.capstan.graph.graph.GraphNode n : graph.nodes()) {
                    if (n instanceof io.capstan.graph.graph.ProviderNode pn && pn.config() != null
                            && used.contains(pn.addr().toString())) {
                        diags.addAll(deprecations.in(pn.config().declRange(),
                                () -> io.capstan.graph.config.BodyExpressions.of(pn.config().config()).expressions()));
                    }
                }
            }
        } else {
            Walk walk = new Walk(planTree, graph, run, rootVars);
            diags.addAll(walk.run());
            planRoot = walk.root;
            planScope = run.scope;
            resourceWaits = generating.isEmpty() ? Map.of() : walk.resourceWaits();
            if (opts.refresh() && !diags.hasErrors()) {
                OrphanRefresh.refresh(run, diags); // as terraform's: what is gone is not planned for deletion
            }
            changes.addAll(run.changes);
            if (validation.blockFailed()) {
                // a provider rejected a block as written: terraform's validate walk fails before any plan
                planningStarted = false;
            }
            if (!diags.hasErrors() && opts.mode() == PlanMode.NORMAL) {
                Set<String> mods = new HashSet<>();
                for (ModuleInst mi : walk.allInstances()) {
                    mods.add(mi.addr().toString());
                }
                List<String> forget = Moves.removedForget(config);
                for (Orphans.Deletion d : Orphans.find(config, state, run.claimed, mods, forget, providers, run.targets,
                        false, diags)) {
                    if (moved.containsKey(d.change().address())
                            && "delete_because_no_resource_config".equals(d.change().actionReason())) {
                        // moved to an address with no resource block: terraform's reason names the move
                        d = new Orphans.Deletion(d.change().withAction(d.change().action(), "delete_because_no_move_target"),
                                d.provider());
                    }
                    changes.add(d.change());
                    if (d.change().action() == Action.FORGET) {
                        diags.add(Diagnostic.warning("Some objects will no longer be managed by Terraform", "If you "
                                + "apply this plan, Terraform will discard its tracking information for the following "
                                + "objects, but will not delete them:\n - " + d.change().address(), null));
                    }
                    if (d.change().action() == Action.DELETE && preventDestroy(d.change())) {
                        diags.add(Diagnostic.error("Instance cannot be destroyed", "Resource " + d.change().address()
                                + " has lifecycle.prevent_destroy set, but the plan calls for this resource to be "
                                + "destroyed. To avoid this error and continue with the plan, either disable "
                                + "lifecycle.prevent_destroy or reduce the scope of the plan using the -target option.",
                                null));
                    }
                }
                checks.addAll(checks(walk, run, false, diags));
                for (ConditionResults c : run.conditionResults.values()) {
                    checks.add(c.result());
                }
            } else if (!diags.hasErrors() && opts.mode() == PlanMode.REFRESH_ONLY) {
                // terraform's refresh-only plan evaluates check blocks and conditions too (the conditions as
                // warnings, against what the refresh found) and keeps their results
                checks.addAll(checks(walk, run, false, diags));
                for (ConditionResults c : run.conditionResults.values()) {
                    checks.add(c.result());
                }
            } else if (opts.mode() == PlanMode.NORMAL) {
                // terraform evaluates check blocks in its walk, so a failed assertion is still reported
                // (a warning) beside the plan's errors, and its result is in the errored plan's checks;
                // what cannot be known in an errored plan is not reported
                checks.addAll(checks(walk, run, false, diags, true));
                // the conditions evaluated before the error are in an errored plan's checks, as in terraform's
                for (ConditionResults c : run.conditionResults.values()) {
                    checks.add(c.result());
                }
                // an errored plan still plans deleting what has no resource block at all, as terraform's does;
                // instances of blocks that failed to expand are not known to be orphans, so nothing else
                Set<String> mods = new HashSet<>();
                for (ModuleInst mi : walk.allInstances()) {
                    mods.add(mi.addr().toString());
                }
                for (Orphans.Deletion d : Orphans.find(config, state, run.claimed, mods, List.of(), providers,
                        run.targets, false, new Diagnostics())) {
                    if (d.change().action() == Action.DELETE && !moved.containsKey(d.change().address())
                            && "delete_because_no_resource_config".equals(d.change().actionReason())) {
                        changes.add(d.change());
                    }
                }
            }
            outputs.putAll(walk.rootOutputs);
            sensitive.putAll(walk.rootSensitive);
        }
        if (stop.stopped()) {
            diags.add(Diagnostic.error("execution halted", "", null));
        }
        changes.sort(ChangeOrder.CHANGES);
        List<OutputChange> outChanges = outputChanges(prior, outputs, sensitive, opts.mode());
        List<ResourceChange> drift = new ArrayList<>(run.drift);
        drift.sort(ChangeOrder.CHANGES);
        return new Plan(opts.mode(), changes, outChanges, outputs, sensitive, state.snapshot(prior.serial()), rootVars,
                diags, moved, checks, drift);
    }

    /**
     * {@code vars} without its "No value for required variable" errors: each such variable is
     * unknown of its declared type instead, as terraform's stub for an unset required variable.
     */
    /** {@code v} with every unknown value in it (itself included) replaced by a null of its type. */
    static Value unknownsAsNull(Value v) {
        Value.Unmarked u = v.unmarkDeep();
        Value w = u.value();
        if (!w.isKnown()) {
            return Value.nullOf(w.type()).withMarks(u.marks());
        }
        if (w.isWhollyKnown() || w.isNull()) {
            return v;
        }
        Value out;
        if (w.type() instanceof io.capstan.hcl.value.ListType t) {
            out = Value.list(t.element(), w.elements().stream().map(Engine::unknownsAsNull).toList());
        } else if (w.type() instanceof io.capstan.hcl.value.SetType t) {
            out = Value.set(t.element(), w.elements().stream().map(Engine::unknownsAsNull).toList());
        } else if (w.type() instanceof io.capstan.hcl.value.MapType t) {
            Map<String, Value> m = new LinkedHashMap<>();
            w.entries().forEach((k, e) -> m.put(k, unknownsAsNull(e)));
            out = Value.map(t.element(), m);
        } else if (w.isMapping()) {
            Map<String, Value> m = new LinkedHashMap<>();
            w.entries().forEach((k, e) -> m.put(k, unknownsAsNull(e)));
            out = Value.object(m);
        } else {
            out = Value.tuple(w.elements().stream().map(Engine::unknownsAsNull).toList());
        }
        return out.withMarks(u.marks());
    }

    /** How many instances' answers the last plan keeps for an in-process apply (0 when it keeps none). */
    int rememberedAnswers() {
        return planMemo == null ? 0 : planMemo.size();
    }

    private boolean preventDestroy(ResourceChange c) {
        // an orphan's block is gone, so its prevent_destroy is too: only a count/for_each shrink keeps it
        ModuleTree t = config;
        for (ModuleInstance.Step s : c.module().steps()) {
            t = t == null ? null : t.children().get(s.name());
        }
        var rc = t == null ? null : t.module().resources().get(c.resource());
        return rc != null && rc.lifecycle().preventDestroy();
    }

    private static Plan failed(PlanOptions opts, StateFile prior, Diagnostics diags) {
        return new Plan(opts.mode(), List.of(), List.of(), Map.of(), Map.of(), prior, Map.of(), diags);
    }

    private static StateRecorder planRecorder(LiveState state) {
        return new StateRecorder() {
            @Override
            public void put(LiveState.Entry entry) {
                state.put(entry);
            }

            @Override
            public void remove(String address) {
                state.remove(address);
            }

            @Override
            public void depose(LiveState.Entry entry, String key) {
                state.depose(entry, key);
            }

            @Override
            public void removeDeposed(String address, String key) {
                state.removeDeposed(address, key);
            }

            @Override
            public void putHusk(io.capstan.engine.state.ResourceState resource) {
                state.putHusk(resource);
            }

            @Override
            public void clearHusks() {
                state.clearHusks();
            }
        };
    }

    private static List<OutputChange> outputChanges(StateFile prior, Map<String, Value> after,
                                                    Map<String, Boolean> sensitive, PlanMode mode) {
        List<OutputChange> out = new ArrayList<>();
        Set<String> names = new java.util.TreeSet<>(prior.outputs().keySet());
        names.addAll(after.keySet());
        for (String n : names) {
            OutputState before = prior.outputs().get(n);
            Value b = before == null ? Value.DYNAMIC_NULL
                    : ValueJson.decode(io.capstan.engine.journal.JsonLine.text(before.value()), TypeJson.fromJson(before.type()));
            Value a = mode == PlanMode.DESTROY ? null : after.get(n);
            boolean sens = sensitive.getOrDefault(n, before != null && before.sensitive());
            Action act;
            if (a == null) {
                act = before == null ? Action.NO_OP : Action.DELETE;
                a = Value.DYNAMIC_NULL;
            } else if (before == null) {
                // state keeps no null outputs: a null output that stays null is no change
                act = a.isKnown() && a.isNull() ? Action.NO_OP : Action.CREATE;
            } else {
                act = a.isWhollyKnown() && a.unmarkDeep().value().equals(b) ? Action.NO_OP : Action.UPDATE;
            }
            out.add(new OutputChange(n, act, b, a, sens));
        }
        return out;
    }

    /**
     * Evaluates {@code check} blocks: failures are warnings; unknown results are deferred to apply.
     * A check whose data source failed to read is failed by that, its assertions skipped.
     */
    private List<CheckResult> checks(Walk walk, RunContext run, boolean applying, Diagnostics diags) {
        return checks(walk, run, applying, diags, false);
    }

    /**
     * As above; {@code errored}: the plan has errors, so an unknown result is reported only for an
     * assertion whose references were all planned without error (terraform skips the others).
     */
    private List<CheckResult> checks(Walk walk, RunContext run, boolean applying, Diagnostics diags, boolean errored) {
        List<CheckResult> results = new ArrayList<>();
        for (ModuleInst mi : walk.allInstances()) {
            String module = mi.addr().isRoot() ? null : mi.addr().toString();
            String configPath = mi.tree().path().isRoot() ? null : mi.tree().path().toString();
            for (Check c : mi.tree().module().checks().values()) {
                String failure = run.checkFailures.get(Addrs.check(mi.addr(), c.name()));
                if (failure != null) {
                    // its data source failed (reported as a warning): terraform skips the assertions
                    results.add(new CheckResult(module, configPath, c.name(), "fail", List.of(failure)));
                    continue;
                }
                if (!run.deprecations.isEmpty()) {
                    // the assertions' deprecated references warn again for each evaluation (per module instance,
                    // in the plan walk and in the apply walk: DeprecationRepeats)
                    diags.addAll(run.deprecations.in(c.declRange(), new CheckExpressions(c)));
                }
                List<String> statuses = new ArrayList<>();
                List<String> problems = new ArrayList<>();
                for (CheckRule r : c.asserts()) {
                    // as terraform's: an assertion that cannot be evaluated is an error (not a warning), status "error"
                    var condCtx = run.scope.context(mi, null, null, r.condition());
                    CheckRules.Outcome o = CheckRules.evaluate(r, condCtx, run.scope.context(mi, null, null,
                            r.errorMessage()), diags);
                    statuses.add(o.status());
                    // in an errored plan, as terraform's: only when what it refers to was planned without error
                    if (o.unknown() && !applying && (!errored || walk.ranAll(mi.tree().path(), r.condition()))) {
                        // with the values it refers to, as terraform shows them
                        diags.add(DiagnosticValues.attach(Diagnostic.warning("Check block assertion known after "
                                + "apply", "The condition could not be evaluated at this time, a result will be "
                                + "known when this plan is applied.", r.condition().range()).warningApart(), r.condition(), condCtx));
                    } else if (o.failed()) {
                        if (CheckRules.problem(o) != null) {
                            problems.add(o.message());
                        }
                        diags.add(DiagnosticValues.attach(Diagnostic.warning("Check block assertion failed",
                                CheckRules.failureDetail(o), r.condition().range()).warningApart(), r.condition(), condCtx));
                    }
                }
                results.add(new CheckResult(module, configPath, c.name(), CheckResult.aggregate(statuses), problems));
            }
        }
        return results;
    }

    /** A check block's assertions' expressions (a class, not a lambda: linked only when something is deprecated). */
    private static final class CheckExpressions implements java.util.function.Supplier<List<io.capstan.hcl.ast.Expression>> {
        private final Check check;

        CheckExpressions(Check check) {
            this.check = check;
        }

        @Override
        public List<io.capstan.hcl.ast.Expression> get() {
            List<io.capstan.hcl.ast.Expression> out = new ArrayList<>();
            for (CheckRule r : check.asserts()) {
                out.add(r.condition());
                out.add(r.errorMessage());
            }
            return out;
        }
    }

    /**
     * Carries out {@code plan}: the forward walk re-evaluates each instance with what is known
     * by now and applies its change; deletions then run dependents-first. Every completed call
     * goes to {@code recorder} (live state + journal) before the node counts as done.
     */
    public ApplyResult apply(Plan plan, PlanOptions opts, StateRecorder recorderOrNull, ChangeListener listener) {
        Diagnostics diags = new Diagnostics();
        LiveState state = LiveState.of(plan.priorState());
        StateRecorder recorder = recorderOrNull != null ? recorderOrNull.wrap(state) : planRecorder(state);
        RunContext run = new RunContext(opts, new Scope(dir, opts.workspace(), functions), providers, state, plan, recorder,
                listener, stop);
        run.chaos = chaos;
        run.planMemo = planMemo;
        run.validation = validation;
        run.plannedOutputs = knownOutputs(plan);
        run.deprecations = deprecations;
        run.recordedPlan = recordedPlan;
        int[] counts = new int[3];
        Map<String, Value> outputs = new LinkedHashMap<>();
        Map<String, Boolean> sensitive = new LinkedHashMap<>();
        List<Orphans.Deletion> deletions = new ArrayList<>();
        for (ResourceChange c : plan.changes()) {
            if (c.action() == Action.DELETE || c.action() == Action.FORGET) {
                Providers.Started p = providers.get(c.providerAddr(), Orphans.providerOf(c.providerAddr()), diags);
                if (p != null) {
                    deletions.add(new Orphans.Deletion(c, p));
                }
            }
        }
        if (plan.mode() != PlanMode.DESTROY) {
            Walk walk = new Walk(config, graph, run, plan.variables());
            diags.addAll(walk.run());
            if (plan.mode() == PlanMode.REFRESH_ONLY) {
                // what refers to an object that does not exist is still unknown: terraform saves it as null
                walk.rootOutputs.forEach((n, v) -> outputs.put(n, unknownsAsNull(v)));
            } else {
                outputs.putAll(walk.rootOutputs);
            }
            sensitive.putAll(walk.rootSensitive);
            // as terraform's, recorded after a failed apply too: a failed postcondition is a result
            List<CheckResult> results = checks(walk, run, true, diags);
            run.conditionResults.values().forEach(c -> results.add(c.result()));
            state.setCheckResults(CheckResult.stateJson(results));
        }
        diags.addAll(deleteAll(deletions, run, opts.parallelism(), config));
        if (plan.mode() == PlanMode.DESTROY && run.targets.isEmpty() && !diags.hasErrors() && !stop.stopped()) {
            // a whole destroy leaves no data sources behind either, as Terraform's state after destroy shows
            for (LiveState.Entry e : List.copyOf(state.entries().values())) {
                if (e.mode().equals("data")) {
                    run.recorder.remove(e.address());
                }
            }
        }
        if (stop.stopped()) {
            diags.add(Diagnostic.error("execution halted", "", null));
        }
        if (!diags.hasErrors() && !state.husks().isEmpty()) {
            // terraform's apply walk ends by closing the root module, which drops each resource without instances
            // (kept by an earlier failed apply, or left by this one); a walk with errors never gets there
            run.recorder.clearHusks();
        }
        for (ResourceChange c : plan.changes()) {
            switch (c.action()) {
                case CREATE -> counts[0]++;
                case UPDATE -> counts[1]++;
                case DELETE -> counts[2]++;
                case DELETE_THEN_CREATE, CREATE_THEN_DELETE -> {
                    counts[0]++;
                    counts[2]++;
                }
                default -> {
                }
            }
        }
        Map<String, OutputState> stateOutputs = new LinkedHashMap<>();
        outputs.forEach((n, v) -> {
            Value u = v.unmarkDeep().value();
            if (u.isWhollyKnown() && !u.isNull()) {
                stateOutputs.put(n, new OutputState(StateCodec.parse(ValueJson.encode(u)), TypeJson.toJson(u.type()),
                        sensitive.getOrDefault(n, false)));
            }
        });
        state.setOutputs(stateOutputs);
        planMemo = null;
        return new ApplyResult(state, diags, counts[0], counts[1], counts[2], outputs, sensitive);
    }

    /**
     * Deletes (and forgets) in parallel, each object after everything that depended on it.
     *
     * <p>The graph's vertices are indices into {@code deletions}, not the deletions: a
     * {@code Deletion}'s record hash covers its whole change and the provider's schema, and both
     * the graph and the walker hash their vertices many times per node. Edges go into a plain
     * directed graph checked for cycles once; only when the recorded dependencies do form a cycle
     * is it rebuilt edge by edge, dropping each edge that closes one (an incrementally ordered
     * DAG costs O(n) per edge on a chain: a 1,000-long chain's destroy spent minutes there).
     * Recorded dependencies are transitive, so only their {@link DeletionOrder transitive
     * reduction} is walked.
     */
    private static Diagnostics deleteAll(List<Orphans.Deletion> deletions, RunContext run, int parallelism,
                                         ModuleTree config) {
        Map<String, List<Integer>> byConfigAddr = new HashMap<>();
        for (int i = 0; i < deletions.size(); i++) {
            byConfigAddr.computeIfAbsent(configAddress(deletions.get(i).change()), k -> new ArrayList<>()).add(i);
        }
        int n = deletions.size();
        int[][] succ = new int[n][];
        for (int i = 0; i < n; i++) {
            List<String> deps = deletions.get(i).change().dependencies();
            int[] s = new int[8];
            int k = 0;
            for (String dep : deps) {
                for (int target : byConfigAddr.getOrDefault(dep, List.of())) {
                    if (target != i) {
                        if (k == s.length) {
                            s = java.util.Arrays.copyOf(s, k * 2);
                        }
                        s[k++] = target; // i (the dependent) goes first
                    }
                }
            }
            succ[i] = java.util.Arrays.copyOf(s, k);
        }
        int[][] reduced = DeletionOrder.reduce(succ);
        // one box per vertex, shared by the graph's edges and the walker's maps
        Integer[] vertex = new Integer[n];
        Graph<Integer, DefaultEdge> dag = io.capstan.graph.graph.Graphs.directed();
        for (int i = 0; i < n; i++) {
            vertex[i] = i;
            dag.addVertex(vertex[i]);
        }
        if (reduced != null) {
            for (int i = 0; i < n; i++) {
                for (int t : reduced[i]) {
                    dag.addEdge(vertex[i], vertex[t]);
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                for (int t : succ[i]) {
                    dag.addEdge(vertex[i], vertex[t]);
                }
            }
        }
        if (reduced == null && new CycleDetector<>(dag).detectCycles()) {
            DirectedAcyclicGraph<Integer, DefaultEdge> acyclic = io.capstan.graph.graph.Graphs.acyclic();
            for (int i = 0; i < n; i++) {
                acyclic.addVertex(vertex[i]);
            }
            for (int i = 0; i < n; i++) {
                for (int t : succ[i]) {
                    try {
                        acyclic.addEdge(vertex[i], vertex[t]);
                    } catch (IllegalArgumentException cycle) {
                        // inconsistent recorded dependencies: keep going without this edge
                    }
                }
            }
            dag = acyclic;
        }
        WalkResult<Integer> r = run.stop.walker(new ParallelWalker<Integer>(parallelism, run.chaos)).walk(dag, false, i -> {
            Orphans.Deletion d = deletions.get(i);
            Diagnostics diags = new Diagnostics();
            ResourceChange c = d.change();
            if (c.action() == Action.FORGET) {
                run.recorder.remove(c.address());
            } else if (c.deposed() != null) {
                LiveState.Entry dep = run.state.getDeposed(c.address(), c.deposed());
                run.deleteDeposed(c.address(), c.deposed(), d.provider(), c.resource().type(), c.before(), c.type(),
                        dep == null ? new byte[0] : StateValues.privateBytes(dep.instance()), diags, null);
            } else {
                LiveState.Entry prior = run.state.get(c.address());
                LocalExec.Site site = prior == null || prior.instance().tainted() ? null
                        : DestroyProvisioners.site(config, c);
                run.delete(c.address(), d.provider(), c.resource().type(), c.before(), c.type(),
                        stateBytes(run, c.address()), diags, null, true,
                        site == null ? null : () -> LocalExec.runAll(run, site, "destroy", c.before(), diags));
            }
            String unsaved = run.recorder.takeFailure();
            if (unsaved != null) {
                diags.add(Diagnostic.error(unsaved, "", null)); // terraform's halting state hook: this node fails
            }
            return diags;
        });
        return r.diagnostics();
    }

    private static byte[] stateBytes(RunContext run, String address) {
        LiveState.Entry e = run.state.get(address);
        return e == null ? new byte[0] : StateValues.privateBytes(e.instance());
    }

    static String configAddress(ResourceChange c) {
        StringBuilder sb = new StringBuilder();
        for (ModuleInstance.Step s : c.module().steps()) {
            sb.append("module.").append(s.name()).append('.');
        }
        return sb.append(c.resource()).toString();
    }
}
