package io.capstan.cli;

import io.capstan.cli.engine.Interrupts;
import io.capstan.cli.engine.ProgressSink;
import io.capstan.cli.engine.StateStore;
import io.capstan.engine.plan.ApplyResult;
import io.capstan.engine.plan.Engine;
import io.capstan.engine.plan.Plan;
import io.capstan.engine.plan.PlanMode;
import io.capstan.engine.plan.PlanOptions;
import io.capstan.engine.plan.Providers;
import io.capstan.engine.state.StateFile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code capstan refresh}: {@code apply -refresh-only -auto-approve}. Reads every object from its
 * provider and records what is there, with outputs re-evaluated. Ctrl-C stops it as terraform's
 * refresh stops (StopProvider, the errors, exit 1, state unchanged).
 */
@Command(name = "refresh", description = "Update the state to match remote systems")
public final class RefreshCommand extends EngineCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        try (StateStore store = StateStore.open(workdir()); Providers providers = providers();
             ProgressSink progress = progress()) {
            StateFile prior = lockAndRead(store, "OperationTypeRefresh");
            if (prior == null) {
                return 1;
            }
            PlanOptions opts = options(PlanMode.REFRESH_ONLY, store.workspace());
            Engine engine = engine(providers);
            try (Interrupts interrupts = interrupts(engine, true)) {
                return refresh(store, prior, opts, engine, progress, interrupts);
            }
        }
    }

    private Integer refresh(StateStore store, StateFile prior, PlanOptions opts, Engine engine, ProgressSink progress,
                            Interrupts interrupts) {
        {
            Plan plan = engine.plan(prior, opts, progress);
            if (interrupts.interrupted()) {
                // as terraform's refresh: StopProvider, the errors, the state left as it was
                reportInterruptedPlan(plan, engine, false);
                return 1;
            }
            if (plan.hasErrors()) {
                printDiagnostics(plan.diagnostics(), engine.config());
                return 1;
            }
            ApplyResult r = engine.apply(plan, opts, null, progress);
            printDiagnostics(r.diagnostics(), engine.config());
            if (r.diagnostics().hasErrors()) {
                return 1;
            }
            store.write(r.state().snapshot(store.current().serial() + 1));
            if (json) {
                emitOutputs(r.outputs(), r.sensitiveOutputs());
                return 0;
            }
            if (!r.outputs().isEmpty()) {
                new ApplyCommand() {
                    {
                        spec = RefreshCommand.this.spec;
                    }
                }.printOutputs(r.outputs(), r.sensitiveOutputs(), false);
            }
            out().flush();
            return 0;
        }
    }
}
