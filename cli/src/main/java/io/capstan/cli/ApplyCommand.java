package io.capstan.cli;

import io.capstan.cli.engine.Interrupts;
import io.capstan.cli.engine.PlanFile;
import io.capstan.cli.engine.ProgressSink;
import io.capstan.cli.engine.StateSaveFailure;
import io.capstan.cli.engine.StatePersister;
import io.capstan.cli.engine.StateStore;
import io.capstan.engine.journal.Journal;
import io.capstan.engine.plan.ApplyResult;
import io.capstan.engine.render.ApplyProgress;
import io.capstan.engine.plan.Engine;
import io.capstan.engine.plan.Plan;
import io.capstan.engine.plan.PlanMode;
import io.capstan.engine.plan.PlanOptions;
import io.capstan.engine.plan.Providers;
import io.capstan.engine.state.StateFile;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.value.Value;
import io.capstan.state.StateException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capstan apply [PLANFILE]}: plans (or loads a saved plan, refusing a stale one), asks
 * for approval unless {@code -auto-approve}, then applies with Terraform's progress lines.
 * Every completed change is journaled durably; the final snapshot goes through the backend.
 */
@Command(name = "apply", description = "Create or update infrastructure")
public class ApplyCommand extends EngineCommand implements Callable<Integer> {
    @Option(names = "--auto-approve", description = "Skip interactive approval of plan before applying.")
    boolean autoApprove;

    @Option(names = "--destroy", description = "Destroy Terraform-managed infrastructure.")
    boolean destroyFlag;

    @Option(names = "--refresh-only", description = "Select the \"refresh only\" planning mode.")
    boolean refreshOnly;

    @Parameters(arity = "0..1", paramLabel = "PLANFILE", description = "A plan file saved by plan -out.")
    Path planFile;

    PlanMode mode() {
        return destroyFlag ? PlanMode.DESTROY : refreshOnly ? PlanMode.REFRESH_ONLY : PlanMode.NORMAL;
    }

    @Override
    public Integer call() {
        PlanMode mode = mode();
        boolean destroying = mode == PlanMode.DESTROY;
        if (planFile != null) {
            // as terraform: a plan file argument naming no file fails first, before the backend and the lock
            io.capstan.hcl.diag.Diagnostic unreadable = PlanFile.unreadable(workdir().resolve(planFile),
                    planFileAsGiven());
            if (unreadable != null) {
                if (json) {
                    progress(); // the version line, then the diagnostic, as terraform's -json run prints them
                }
                printDiagnostics(new Diagnostics().add(unreadable), null);
                return 1;
            }
        }
        if (json && planFile == null && !autoApprove) {
            err().println();
            err().println("Error: Plan file or auto-approve required");
            err().println();
            err().println("Terraform cannot ask for interactive approval when -json is set. You can either");
            err().println("apply a saved plan file, or enable the -auto-approve option.");
            err().flush();
            return 1;
        }
        if (!pluginsInstalled()) {
            return 1;
        }
        try (StateStore store = StateStore.open(workdir()); Providers providers = providers();
             ProgressSink progress = progress()) {
            warnOfDevOverrides();
            Engine engine = engine(providers);
            // terraform lets the planning stage finish after a first Ctrl-C and halts before applying
            try (Interrupts interrupts = interrupts(engine, false)) {
                return run(mode, destroying, store, providers, progress, engine, interrupts);
            }
        }
    }

    /**
     * The plan file argument as the command line gave it, as terraform's messages name it ({@code planFile} is
     * resolved against the run's directory when Capstan runs for a client, and a {@code Path} drops a final slash).
     */
    private String planFileAsGiven() {
        if (spec != null && !spec.positionalParameters().isEmpty()) {
            java.util.List<String> given = spec.positionalParameters().get(0).originalStringValues();
            if (!given.isEmpty()) {
                return given.get(given.size() - 1);
            }
        }
        return planFile.toString();
    }

    /** The working directory's backend's warnings of validating and configuring it, as diagnostics without a source. */
    private Diagnostics backendWarnings() {
        Diagnostics d = new Diagnostics();
        io.capstan.state.BackendConfig config = io.capstan.cli.backend.CurrentBackend.resolve(workdir(),
                io.capstan.cli.backend.CurrentBackend.rootBackendBlock(workdir())).toConfig(workdir(), Main.environment());
        for (io.capstan.state.BackendWarning w : io.capstan.state.Backends.warnings(config, true)) {
            d.add(io.capstan.hcl.diag.Diagnostic.warning(w.summary(), w.detail(), null));
        }
        return d;
    }

    private Integer run(PlanMode mode, boolean destroying, StateStore store, Providers providers,
                        ProgressSink progress, Engine engine, Interrupts interrupts) {
        {
            if (planFile != null) {
                // terraform prepares the backend itself for a saved plan and shows its warnings first (the
                // s3 backend's deprecated parameters and environment variables); init, plan and apply without
                // a plan file do not show them
                printDiagnostics(backendWarnings(), null);
            } else {
                // as plan does: the configuration loads on another thread while this one locks and reads the
                // state (a saved plan's configuration is its snapshot, read with the plan file after the lock)
                engine.preloadConfiguration();
            }
            StateFile prior = lockAndRead(store, "OperationTypeApply");
            if (prior == null) {
                return 1;
            }
            // applied right here unless it comes from a plan file: planning keeps the providers' answers for it
            PlanOptions opts = options(mode, store.workspace()).withAppliesInProcess(true);
            boolean saved = planFile != null;
            if (saved) {
                // the plan's options and variables; this run's own -var, -var-file and environment are compared
                // with the plan's values, and give the ephemeral variables' values
                Result<PlanFile.Loaded> loaded = PlanFile.read(workdir(), locks(), devOverrides().keySet(),
                        workdir().resolve(planFile), planFileAsGiven(), prior, opts);
                if (loaded.hasErrors()) {
                    printDiagnostics(loaded.diagnostics(), null);
                    return 1;
                }
                opts = loaded.value().options();
                // the configuration the plan recorded, not the working directory's files (terraform's snapshot)
                engine.fromSavedPlan(loaded.value().variables()).fromSnapshot(loaded.value().config())
                        .withPlannedOutputs(loaded.value().outputs())
                        .withRecordedPlan(loaded.value().plan());
                destroying = opts.mode() == PlanMode.DESTROY;
                interrupts.arm(engine::stop); // terraform has no planning stage for a saved plan
            }
            // a saved plan is re-planned from its inputs, silently: terraform's apply of a plan file shows
            // no refresh and no data-source read the plan already did
            Plan plan = engine.plan(prior, opts, saved ? io.capstan.engine.plan.ChangeListener.NONE : progress);
            if (plan.hasErrors()) {
                printDiagnostics(plan.diagnostics(), engine.config());
                return 1;
            }
            // terraform holds its warnings to show them with the apply's, below the progress lines: for a saved
            // plan those of loading and validating the configuration and reading the variables again; else the
            // planning's, shown before the question when it asks for approval, and otherwise held without a check
            // block's (its assertions are evaluated again while applying)
            Diagnostics held = saved ? engine.setupDiagnostics() : plan.diagnostics();
            if (saved) {
                // the values this run was given, against those the plan was made with (terraform's rules)
                held = new Diagnostics().addAll(held).addAll(engine.savedPlanDiagnostics());
            }
            boolean asks = !saved && !autoApprove && plan.hasChanges() && plan.applyable();
            if (!saved) {
                if (json) {
                    emitPlan(plan);
                } else {
                    printPlan(plan, providers, opts.mode(), engine.config());
                }
            } else if (json) {
                // terraform announces each change of a plan file before applying it (not a no-op, not a data
                // source's deletion), with no plan summary
                for (com.fasterxml.jackson.databind.JsonNode rc : renderJson(plan).path("resource_changes")) {
                    String acts = rc.path("change").path("actions").toString();
                    if (!acts.equals("[\"no-op\"]")
                            && !(rc.path("mode").asText().equals("data") && acts.equals("[\"delete\"]"))) {
                        jsonUi.emit(jsonUi.ui().plannedChange(rc));
                    }
                }
            }
            interrupts.arm(engine::stop);
            if (interrupts.interrupted()) {
                // interrupted while planning: terraform shows the plan, then halts, applying nothing
                out().flush();
                printDiagnostics(new Diagnostics().addAll(held).add(io.capstan.hcl.diag.Diagnostic.error(HALTED, "",
                        null)), engine.config());
                return 1;
            }
            // terraform applies a plan without changes all the same, evaluating its checks again: one unknown while
            // planning (a check on timestamp()) has a result then, in the state and the output. Capstan applies such
            // a plan only when a check is unknown; otherwise the planning's results are those the apply would find
            // (or when the configuration refers to a deprecated attribute: the apply walk warns of it again, as terraform's)
            boolean recheck = !saved && !plan.hasChanges()
                    && (plan.checks().stream().anyMatch(c -> c.status().equals("unknown"))
                    || !destroying && engine.repeatsDeprecations());
            if (asks) {
                printDiagnostics(held, engine.config());
                held = new Diagnostics();
            } else if (!saved && (plan.hasChanges() || recheck)) {
                held = withoutCheckBlocks(held);
            }
            if (plan.hasChanges() && !plan.applyable()) {
                // e.g. a refresh-only plan whose only changes are outputs not yet known: terraform shows it, then refuses
                out().flush(); // the plan shown above, before the error (bin/capstan lost it otherwise)
                printDiagnostics(new Diagnostics().addAll(held).add(io.capstan.hcl.diag.Diagnostic.error(
                        "Cannot apply non-applyable plan", "The given plan is not applyable. If this seems like a bug in "
                                + "Terraform, then please report it!", null)), engine.config());
                return 1;
            }
            // with nothing to change and every check known, the planning's results stand
            if (!plan.hasChanges() && !saved && !recheck && json) {
                printDiagnostics(held, engine.config());
                jsonUi.emit(jsonUi.ui().changeSummary(destroying ? "destroy" : "apply", 0, 0, 0, 0));
                if (!destroying) {
                    emitOutputs(plan.outputs(), plan.sensitiveOutputs());
                }
                writeUnchanged(store, plan.priorState(), prior);
                return 0;
            }
            if (!plan.hasChanges() && !saved && !recheck) {
                printDiagnostics(held, engine.config());
                ApplyProgress summary = new ApplyProgress(color());
                out().print(destroying ? summary.destroySummary(0) : summary.applySummary(0, 0, 0, 0));
                printOutputs(plan.outputs(), plan.sensitiveOutputs(), destroying);
                writeUnchanged(store, plan.priorState(), prior);
                return 0;
            }
            if (asks) {
                boolean ok = destroying
                        ? approve("Do you really want to destroy all resources?", "  Terraform will destroy all your "
                        + "managed infrastructure, as shown above.\n  There is no undo. Only 'yes' will be accepted to "
                        + "confirm.")
                        : approve("Do you want to perform these actions?", "  Terraform will perform the actions "
                        + "described above.\n  Only 'yes' will be accepted to approve.");
                if (!ok) {
                    err().println();
                    err().println("Error: " + (destroying ? "Destroy" : "Apply") + " cancelled");
                    err().println();
                    err().flush();
                    return 1;
                }
            }
            StateFile base = plan.priorState();
            ApplyResult r;
            // terraform persists nothing before its first change: the moves and refreshed objects the plan
            // applied to the state read go into the journal first, so that a run killed midway leaves them
            // with its changes (replayed on the state read) and the final write is the apply's only one
            // A JVM of its own (bin/capstan sets capstan.gcBeforeApply for apply and destroy, not for the resident
            // server): the serial collector's old generation never fills at this size, so what planning and showing
            // the plan promoted (evaluation transients, the rendering's JSON and text) stays there and the apply's
            // own promotions touch new pages above it. One full collection here (a few ms: 2-3 MB live) lets them
            // reuse those pages: peak RSS of an apply of count 1,000 58.3 -> 55.6 MiB, wide 1,000 64.6 -> 61.4 MiB.
            if (Boolean.getBoolean("capstan.gcBeforeApply")) {
                System.gc();
            }
            Journal journal = Journal.open(store.journalFile(), base.lineage(), prior.serial());
            try {
                if (!base.equals(prior)) {
                    journalDifference(prior, base, journal);
                }
                long writes = plannedWrites(plan);
                // terraform stores the state during the apply too (locally after each change, remotely every
                // 20 s or more): a background writer does, for other readers; the journal stays the record
                if (writes >= (store.backendType().equals("local") ? 2 : 1)) {
                    StatePersister persister = new StatePersister(journal, store, base, prior.serial(), writes,
                            Main.environment());
                    try {
                        interrupts.arm(() -> {
                            persister.stopping();
                            engine.stop();
                        });
                        r = engine.apply(plan, opts, persister, progress);
                    } finally {
                        persister.close();
                    }
                } else {
                    r = engine.apply(plan, opts, journal, progress);
                }
                StateFile next = r.state().snapshot(finalSerial(store, prior, plan, r));
                try {
                    store.write(next, true);
                } catch (StateException e) {
                    // the journal keeps every completed change; the next run writes it back first
                    journal.close();
                    // terraform's output first (its held warnings, the apply's, then its two errors, as its view sorts
                    // them), then Capstan's own note about the journal, which terraform has no counterpart of
                    Diagnostics shown = new Diagnostics().addAll(held).addAll(r.diagnostics())
                            .addAll(store.takeWarningDiagnostics());
                    Diagnostics note = new Diagnostics();
                    StateSaveFailure.diagnostics(store.backendType(), e, workdir(),
                            workdir().relativize(store.journalFile()), r.added() + r.changed() + r.destroyed(), next)
                            .forEach(f -> (f.isError() ? shown : note).add(f));
                    printDiagnostics(shown, engine.config());
                    printDiagnostics(note, engine.config());
                    return 1;
                }
                journal.finish();
            } catch (RuntimeException e) {
                journal.close();
                throw e;
            }
            // a backend's warnings of its writes (the state stored, Capstan's history of it not kept): after the apply's
            Diagnostics all = new Diagnostics().addAll(held).addAll(r.diagnostics()).addAll(store.takeWarningDiagnostics());
            printDiagnostics(all, engine.config());
            if (all.hasErrors()) {
                return 1;
            }
            // terraform words the summary after the command, not the plan: applying a saved destroy plan is
            // "Apply complete! Resources: 0 added, 0 changed, N destroyed.", then the outputs left (none)
            boolean destroyCommand = mode == PlanMode.DESTROY;
            if (json) {
                jsonUi.emit(jsonUi.ui().changeSummary(destroyCommand ? "destroy" : "apply", r.added(), r.changed(),
                        r.destroyed(), destroying ? 0 : plan.imports()));
                if (!destroyCommand) {
                    emitOutputs(r.outputs(), r.sensitiveOutputs());
                }
                return 0;
            }
            ApplyProgress summary = new ApplyProgress(color());
            if (destroyCommand) {
                out().print(summary.destroySummary(r.destroyed()));
            } else {
                out().print(summary.applySummary(r.added(), r.changed(), r.destroyed(), plan.imports()));
                printOutputs(r.outputs(), r.sensitiveOutputs(), false);
            }
            out().flush();
            return 0;
        }
    }

    /**
     * The serial terraform ends an apply with. Its local state manager writes the state after each
     * change applied (a replacement is two: the destroy and the create; a data source read or an
     * object forgotten while applying is one) and once at the end, and each write that differs from
     * the state it read raises the serial by one; without a state before, the first write makes
     * serial 1 and is the one the later writes are compared with (so one creation stays at 1 when
     * nothing else is recorded after its write: no check result, and only root outputs whose values
     * were known when planned, which terraform records before that write). A remote state raises it once per upload,
     * and uploads only at the end of a short apply (its intermediate uploads are 20 s apart at least).
     * Capstan writes only that final state (the changes go to the journal): the writes are counted
     * from the changes applied, one per hook terraform runs, which is terraform's count of writes
     * that differ from the state read unless the changes so far exactly undo the refresh and moves
     * (each intermediate state is not built to compare it: that per-change cost is what the journal
     * avoids).
     */
    static long finalSerial(StateStore store, StateFile prior, Plan plan, ApplyResult r) {
        if (!store.backendType().equals("local")) {
            return store.current().serial() + 1;
        }
        long hooks = r.added() + r.changed() + r.destroyed() + readsAndForgets(plan);
        long serial;
        if (prior.serial() > 0 || hooks == 0) {
            serial = prior.serial() + hooks + 1;
        } else if (hooks == 1) {
            // the one change's write holds the root outputs known when planned (terraform's output nodes write
            // their planned values before they are evaluated again); outputs known only after applying and the
            // checks' results come after it, and so make the final write differ from it
            StateFile end = r.state().snapshot(1);
            java.util.Set<String> early = io.capstan.engine.plan.Engine.knownOutputs(plan).keySet();
            boolean more = !early.containsAll(end.outputs().keySet())
                    || end.checkResults() != null && !end.checkResults().isNull() && !end.checkResults().isEmpty();
            serial = more ? 2 : 1;
        } else {
            serial = hooks + 1;
        }
        // never at or below the stored serial (a journal of an earlier run replayed when the state was read)
        return Math.max(store.current().serial() + 1, serial);
    }

    /**
     * How many times terraform's local state manager writes the state while applying {@code plan}: once
     * per change (a replacement twice: its destroy and its create; a data source read or an object forgotten
     * while applying once), as {@link #finalSerial} counts them.
     */
    static long plannedWrites(Plan plan) {
        long n = readsAndForgets(plan);
        for (io.capstan.engine.plan.ResourceChange c : plan.changes()) {
            switch (c.action()) {
                case CREATE, UPDATE, DELETE -> n++;
                case DELETE_THEN_CREATE, CREATE_THEN_DELETE -> n += 2;
                default -> {
                }
            }
        }
        return n;
    }

    /**
     * The writes terraform makes for {@code plan}'s data sources read and objects forgotten while
     * applying (one each), which the apply's counts of objects added, changed and destroyed leave out.
     */
    static long readsAndForgets(Plan plan) {
        return plan.changes().stream().filter(c -> c.action() == io.capstan.engine.plan.Action.READ
                || c.action() == io.capstan.engine.plan.Action.FORGET).count();
    }

    /**
     * Records in {@code journal} what turns {@code from} into {@code to}: objects gone (moved away,
     * found deleted by the refresh) removed, new or changed ones (moved here, refreshed) put.
     */
    static void journalDifference(StateFile from, StateFile to, io.capstan.engine.plan.StateRecorder journal) {
        io.capstan.engine.plan.LiveState a = io.capstan.engine.plan.LiveState.of(from);
        io.capstan.engine.plan.LiveState b = io.capstan.engine.plan.LiveState.of(to);
        a.entries().keySet().stream().filter(k -> b.get(k) == null).sorted().forEach(journal::remove);
        for (io.capstan.engine.plan.LiveState.Entry e : a.deposed()) {
            if (b.getDeposed(e.address(), e.instance().deposed()) == null) {
                journal.removeDeposed(e.address(), e.instance().deposed());
            }
        }
        b.entries().values().stream().filter(e -> !e.equals(a.get(e.address())))
                .sorted(java.util.Comparator.comparing(io.capstan.engine.plan.LiveState.Entry::address))
                .forEach(journal::put);
        for (io.capstan.engine.plan.LiveState.Entry e : b.deposed()) {
            if (!e.equals(a.getDeposed(e.address(), e.instance().deposed()))) {
                journal.put(e);
            }
        }
    }

    /**
     * Terraform's final write of an apply that changed nothing: the serial stays when the state is the
     * one read, and a workspace without state gets one (empty, serial 1) as from any apply or destroy.
     */
    static void writeUnchanged(StateStore store, StateFile state, StateFile prior) {
        // terraform's apply walk runs even so, and its end (the root module's close) drops every resource kept
        // without instances (by an earlier failed apply)
        StateFile pruned = state;
        for (io.capstan.engine.state.ResourceState r : state.resources()) {
            if (r.instances().isEmpty()) {
                pruned = state.withContent(state.outputs(), state.resources()); // StateOrder.sorted drops them
                break;
            }
        }
        store.write(pruned.withSerial(prior.serial() + 1), true); // not written when it is the state stored
    }

    /**
     * {@code diags} without what a {@code check} block's assertions and nested data sources reported
     * (marked {@link io.capstan.hcl.diag.Diagnostic#apart()}): terraform leaves the planning's out when
     * it applies without asking, as the apply evaluates them again.
     */
    static Diagnostics withoutCheckBlocks(Diagnostics diags) {
        Diagnostics out = new Diagnostics();
        diags.forEach(d -> {
            if (!d.apart()) {
                out.add(d);
            }
        });
        return out;
    }

    void printOutputs(Map<String, Value> outputs, Map<String, Boolean> sensitive, boolean destroying) {
        if (!destroying && !outputs.isEmpty()) {
            out().print(new ApplyProgress(color()).outputs(stateOutputs(outputs, sensitive)));
        }
        out().flush();
    }

}
