package io.capstan.cli;

import io.capstan.cli.engine.Interrupts;
import io.capstan.cli.engine.ProgressSink;
import io.capstan.cli.engine.StateStore;
import io.capstan.engine.plan.Engine;
import io.capstan.engine.plan.Plan;
import io.capstan.engine.plan.PlanMode;
import io.capstan.engine.plan.PlanOptions;
import io.capstan.engine.plan.Providers;
import io.capstan.engine.state.GoJson;
import io.capstan.engine.state.OutputState;
import io.capstan.engine.state.StateCodec;
import io.capstan.engine.state.StateFile;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.value.TypeJson;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code capstan refresh}: as terraform's, a normal plan whose refreshed prior state is saved (nothing
 * is applied). Reads every object from its provider and records what is there; the plan's errors
 * (a failed condition, say) fail it and save nothing, its warnings are shown. Ctrl-C stops it as
 * terraform's refresh stops (StopProvider, the errors, exit 1, state unchanged).
 *
 * <p>The state is written even when there is nothing in it (serial 1), without check results; a root
 * output is set only when its new value is wholly known (removed when null), any other output keeps
 * what the state had (also one no longer in the configuration), and the outputs printed are those
 * saved. Without a managed object in the state it warns "Empty or non-existent state" first, unless
 * the configuration failed to load or validate (terraform's run context then fails before the warning).
 */
@Command(name = "refresh", description = "Update the state to match remote systems")
public final class RefreshCommand extends EngineCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        if (!pluginsInstalled()) {
            return 1;
        }
        try (StateStore store = StateStore.open(workdir()); Providers providers = providers();
             ProgressSink progress = progress()) {
            StateFile prior = lockAndRead(store, "OperationTypeRefresh");
            if (prior == null) {
                return 1;
            }
            PlanOptions opts = options(PlanMode.NORMAL, store.workspace());
            Engine engine = engine(providers);
            try (Interrupts interrupts = interrupts(engine, true)) {
                return refresh(store, prior, opts, engine, progress, interrupts);
            }
        }
    }

    private Integer refresh(StateStore store, StateFile prior, PlanOptions opts, Engine engine, ProgressSink progress,
                            Interrupts interrupts) {
        Diagnostics diags = new Diagnostics();
        Plan plan = engine.plan(prior, opts, progress);
        // terraform's local backend warns only once its run context is made: a configuration that fails to
        // load or validate (or lacks a required variable) gives its errors alone
        if ((!plan.hasErrors() || engine.planningStarted())
                && prior.resources().stream().noneMatch(r -> r.mode().equals("managed") && !r.instances().isEmpty())) {
            diags.add(Diagnostic.warning("Empty or non-existent state", "There are currently no remote objects "
                    + "tracked in the state, so there is nothing to refresh.", null));
        }
        if (interrupts.interrupted()) {
            // as terraform's refresh: StopProvider, the errors, the state left as it was
            reportInterruptedPlan(plan, engine, false);
            return 1;
        }
        printDiagnostics(diags.addAll(plan.diagnostics()), engine.config());
        if (plan.hasErrors()) {
            return 1;
        }
        StateFile refreshed = plan.priorState();
        refreshed = new StateFile(refreshed.terraformVersion(), store.current().serial() + 1, refreshed.lineage(),
                refreshedOutputs(prior.outputs(), plan), refreshed.resources(), null);
        store.write(refreshed, true);
        printDiagnostics(store.takeWarningDiagnostics(), engine.config());
        Map<String, OutputState> saved = refreshed.outputs();
        Map<String, Value> values = new LinkedHashMap<>();
        Map<String, Boolean> sensitive = new LinkedHashMap<>();
        new TreeMap<>(saved).forEach((n, o) -> {
            values.put(n, ValueJson.decode(GoJson.compact(o.value()), TypeJson.fromJson(o.type())));
            sensitive.put(n, o.sensitive());
        });
        if (json) {
            emitOutputs(values, sensitive);
            return 0;
        }
        if (!values.isEmpty()) {
            new ApplyCommand() {
                {
                    spec = RefreshCommand.this.spec;
                    noColor = RefreshCommand.this.noColor;
                }
            }.printOutputs(values, sensitive, false);
        }
        out().flush();
        return 0;
    }

    /**
     * The root outputs terraform's refresh saves: the state's, each set to its new value where that
     * is wholly known (removed where it is null); an output whose value is not yet known, or no longer
     * configured, keeps what the state had.
     */
    static Map<String, OutputState> refreshedOutputs(Map<String, OutputState> prior, Plan plan) {
        Map<String, OutputState> out = new LinkedHashMap<>(prior);
        plan.outputs().forEach((n, v) -> {
            Value u = v.unmarkDeep().value();
            if (!u.isWhollyKnown()) {
                return;
            }
            if (u.isNull()) {
                out.remove(n);
            } else {
                out.put(n, new OutputState(StateCodec.parse(ValueJson.encode(u)), TypeJson.toJson(u.type()),
                        plan.sensitiveOutputs().getOrDefault(n, false)));
            }
        });
        return out;
    }
}
