package io.capstan.cli;

import io.capstan.cli.engine.HumanPlan;
import io.capstan.cli.engine.Interrupts;
import io.capstan.cli.engine.PlanFile;
import io.capstan.cli.engine.StateStore;
import io.capstan.engine.plan.Engine;
import io.capstan.engine.plan.Plan;
import io.capstan.engine.plan.PlanMode;
import io.capstan.engine.plan.PlanOptions;
import io.capstan.engine.plan.Providers;
import io.capstan.engine.state.StateFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code capstan plan}: shows what apply would do. Exit codes as Terraform's: 0 success, 1 error,
 * and with {@code -detailed-exitcode} 2 when there are changes. Ctrl-C stops planning as terraform's
 * does (StopProvider, "Planning failed.", exit 1, an errored plan file for {@code -out}; a second
 * Ctrl-C exits at once).
 */
@Command(name = "plan", description = "Show changes required by the current configuration")
public final class PlanCommand extends EngineCommand implements Callable<Integer> {
    @Option(names = "--out", description = "Write a plan file to the given path.")
    String outFile; // as given: terraform names it so in its next step (a resident server resolves Path arguments)

    @Option(names = "--destroy", description = "Select the \"destroy\" planning mode.")
    boolean destroy;

    @Option(names = "--refresh-only", description = "Select the \"refresh only\" planning mode.")
    boolean refreshOnly;

    @Option(names = "--detailed-exitcode", description = "Return detailed exit codes when the command exits.")
    boolean detailedExitcode;

    @Option(names = "--generate-config-out", description = "Write configuration for the import blocks' resources "
            + "that have none to the given (new) file.")
    String generateConfigOut;

    @Override
    public Integer call() {
        PlanMode mode = destroy ? PlanMode.DESTROY : refreshOnly ? PlanMode.REFRESH_ONLY : PlanMode.NORMAL;
        if (!pluginsInstalled()) {
            return 1;
        }
        try (StateStore store = StateStore.open(workdir()); Providers providers = providers()) {
            boolean generating = generateConfigOut != null && !generateConfigOut.isEmpty();
            if (generating) {
                // as terraform's local backend, before it loads the configuration or locks the state
                io.capstan.hcl.diag.Diagnostic refused = mode != PlanMode.NORMAL
                        ? io.capstan.engine.plan.GeneratedConfig.notNormalMode()
                        : java.nio.file.Files.exists(workdir().resolve(generateConfigOut))
                        ? io.capstan.engine.plan.GeneratedConfig.targetExists() : null;
                if (refused != null) {
                    printDiagnostics(new io.capstan.hcl.diag.Diagnostics().add(refused), null);
                    return 1;
                }
            }
            // the configuration loads on another thread while this one locks and reads the state
            Engine engine = engine(providers).preloadConfiguration();
            StateFile prior = lockAndRead(store, "OperationTypePlan");
            if (prior == null) {
                return 1;
            }
            PlanOptions opts = options(mode, store.workspace());
            if (generating) {
                Path name = Path.of(generateConfigOut).getFileName();
                engine.generateConfig(name == null ? generateConfigOut : name.toString());
            }
            try (var progress = progress(); Interrupts interrupts = interrupts(engine, true)) {
                warnOfDevOverrides();
                Plan plan = engine.plan(prior, opts, progress);
                if (interrupts.interrupted()) {
                    // Ctrl-C: whatever was planned is incomplete; no plan file, state untouched
                    reportInterruptedPlan(plan, engine, true);
                    writeErroredPlan(plan, opts, engine, providers);
                    return 1;
                }
                if (plan.hasErrors()) {
                    io.capstan.hcl.diag.Diagnostics diags = plan.diagnostics();
                    if (generating && engine.planningStarted()) {
                        // terraform writes what it could generate before it renders the errored plan
                        diags = new io.capstan.hcl.diag.Diagnostics().addAll(diags);
                        int before = diags.asList().size();
                        boolean wrote = writeGenerated(plan, engine, diags);
                        if (diags.asList().size() > before && !wrote) {
                            printDiagnostics(diags, engine.config());
                            writeErroredPlan(plan, opts, engine, providers);
                            return 1;
                        }
                    }
                    if (engine.planningStarted()) {
                        // terraform renders the errored plan: what it planned before the error ("... but
                        // then encountered a problem"), or only "Planning failed."; with -json the same
                        // messages as a complete plan's (drift, planned changes, summary, outputs)
                        showPlan(plan, null, providers, mode, engine.config());
                        out().flush();
                    }
                    printDiagnostics(diags, engine.config());
                    if (engine.planningStarted()) {
                        writeErroredPlan(plan, opts, engine, providers);
                    }
                    return 1;
                }
                io.capstan.hcl.diag.Diagnostics diags = plan.diagnostics();
                boolean wroteConfig = false;
                if (generating) {
                    diags = new io.capstan.hcl.diag.Diagnostics().addAll(diags);
                    wroteConfig = writeGenerated(plan, engine, diags);
                    if (diags.hasErrors()) {
                        if (outFile != null) {
                            writePlanFile(plan, opts, engine, providers);
                        }
                        printDiagnostics(diags, engine.config());
                        return 1;
                    }
                }
                // the whole JSON plan only for a plan file; a run without one renders the human plan and
                // the -json messages straight from the plan (showPlan), one change at a time
                var planJson = outFile != null ? planJson(plan, providers) : null;
                showPlan(plan, planJson, providers, mode, engine.config());
                printDiagnostics(diags, engine.config());
                if (outFile != null) {
                    PlanFile.write(workdir().resolve(outFile), snapshot(engine), plan, opts, engine.plannedVariables(),
                            locks(),
                            HumanPlan.withConfiguration(planJson, engine.config(), providers.schemas()),
                            io.capstan.cli.engine.HumanPlan.schemasJson(providers.schemas()));
                }
                if (json) {
                    return detailedExitcode && plan.applyable() ? 2 : 0;
                }
                if (inAutomation() || !plan.applyable()) {
                    // terraform's next-step hints are for people at a shell (TF_IN_AUTOMATION drops them), and
                    // only for a plan with something to apply: a plan file of no changes is saved silently
                } else if (outFile != null) {
                    out().println();
                    out().println("─".repeat(TerminalWidth.columns() - 1));
                    generatedNote(wroteConfig);
                    out().println();
                    out().println("Saved the plan to: " + outFile);
                    out().println();
                    out().println("To perform exactly these actions, run the following command to apply:");
                    out().println("    terraform apply \"" + outFile + "\"");
                } else {
                    out().println();
                    out().println("─".repeat(TerminalWidth.columns() - 1));
                    generatedNote(wroteConfig);
                    out().println();
                    out().println(io.capstan.engine.render.GoText.wordWrap("Note: You didn't use the -out "
                            + "option to save this plan, so Terraform can't guarantee to take exactly these actions "
                            + "if you run \"terraform apply\" now.", TerminalWidth.columns()));
                }
                out().flush();
                return detailedExitcode && plan.applyable() ? 2 : 0;
            }
        }
    }

    /**
     * The plan on standard output: with {@code -json} its messages, else the human plan. From {@code planJson}, the
     * whole JSON plan, when the run made it for a plan file; from the plan itself, one change at a time, when it is
     * null (the same output, without holding the whole JSON plan).
     */
    private void showPlan(Plan plan, com.fasterxml.jackson.databind.JsonNode planJson, Providers providers, PlanMode mode,
            io.capstan.graph.config.ModuleTree config) {
        if (json && planJson == null) {
            emitPlan(plan);
        } else if (json) {
            emitPlan(planJson);
        } else if (planJson == null) {
            printPlan(plan, providers, mode, config);
        } else {
            out().print(renderPlan(planJson, providers, mode, config));
        }
    }

    /**
     * Writes the plan's generated configuration to {@code -generate-config-out} as terraform's local
     * backend does (checked again for an existing file; nothing written when nothing was generated),
     * adding its diagnostics. True, with terraform's "Config generation is experimental" added, when
     * it wrote and the last of the plan's changes has generated configuration: terraform's
     * {@code maybeWriteGeneratedConfig} keeps only the last change's answer to "wrote config", so its
     * warning and its next-step note follow the last change it lists, in its walk's order. Where that
     * order is fixed (one change's resource waits for every other's: {@link Engine#lastFinished}) that
     * change is the last; elsewhere it varies, and Capstan takes its own list's last (address order, as
     * the file's blocks).
     */
    private boolean writeGenerated(Plan plan, Engine engine, io.capstan.hcl.diag.Diagnostics diags) {
        boolean wrote = io.capstan.engine.plan.GeneratedConfig.write(workdir().resolve(generateConfigOut),
                generateConfigOut, plan.changes(), diags);
        java.util.List<io.capstan.engine.plan.ResourceChange> changes = plan.changes();
        io.capstan.engine.plan.ResourceChange last = engine.lastFinished(changes);
        if (last == null && !changes.isEmpty()) {
            last = changes.get(changes.size() - 1);
        }
        boolean lastGenerated = last != null && last.generatedConfig() != null && !last.generatedConfig().isEmpty();
        if (wrote && lastGenerated) {
            diags.add(io.capstan.engine.plan.GeneratedConfig.experimental());
            return true;
        }
        return false;
    }

    /** terraform's next-step note after writing generated configuration (below the rule, before the plan's). */
    private void generatedNote(boolean wrote) {
        if (!wrote) {
            return;
        }
        out().println(io.capstan.engine.render.GoText.wordWrap("\nTerraform has generated configuration and written "
                + "it to " + generateConfigOut + ". Please review the configuration and edit it as necessary before "
                + "adding it to version control.", TerminalWidth.columns()));
    }

    /**
     * The configuration the plan file records: what the plan loaded, with the file {@code
     * -generate-config-out} wrote when it is one of the root module's. terraform's snapshot lacks that
     * file, and its apply takes the imported objects from the plan; Capstan plans the saved plan again
     * to apply it, so it records the generated blocks as the working directory holds them afterwards.
     */
    private io.capstan.graph.config.ConfigSnapshot snapshot(Engine engine) {
        io.capstan.graph.config.ConfigSnapshot s = engine.configSnapshot();
        if (s == null || generateConfigOut == null || generateConfigOut.isEmpty()) {
            return s;
        }
        Path gen = workdir().resolve(generateConfigOut).toAbsolutePath().normalize();
        String name = gen.getFileName().toString();
        if (!gen.getParent().equals(workdir().toAbsolutePath().normalize()) || !name.endsWith(".tf")
                || !java.nio.file.Files.isRegularFile(gen)) {
            return s;
        }
        try {
            return s.withRootFile(name, java.nio.file.Files.readAllBytes(gen));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void writePlanFile(Plan plan, PlanOptions opts, Engine engine, Providers providers) {
        var planJson = planJson(plan, providers);
        PlanFile.write(workdir().resolve(outFile), snapshot(engine), plan, opts, engine.plannedVariables(),
                locks(),
                HumanPlan.withConfiguration(planJson, engine.config(), providers.schemas()),
                HumanPlan.schemasJson(providers.schemas()));
    }

    /**
     * As terraform, an interrupted or failed plan still writes {@code -out}: the plan file is marked
     * errored ({@code show} presents it, {@code apply} refuses it with "Cannot apply incomplete plan").
     * Only once planning started (past validation and {@code moved} blocks): earlier errors leave no file.
     */
    private void writeErroredPlan(Plan plan, PlanOptions opts, Engine engine, Providers providers) {
        if (outFile == null || engine.config() == null) {
            return;
        }
        PlanFile.write(workdir().resolve(outFile), snapshot(engine), plan, opts, engine.plannedVariables(),
                locks(),
                HumanPlan.withConfiguration(planJson(plan, providers), engine.config(), providers.schemas()),
                HumanPlan.schemasJson(providers.schemas()));
    }
}
