package io.capstan.cli;

import io.capstan.cli.console.ConsoleScope;
import io.capstan.cli.console.ConsoleSession;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code capstan console}: evaluates expressions against the working directory's variables
 * and locals and the resources recorded in the state (with the local backend {@code terraform.tfstate}
 * in every workspace, as terraform's console reads it; see {@link #stateFile}), printing values as {@code terraform console} does. On a terminal it is an
 * interactive prompt with history that keeps reading lines while brackets are open; with
 * piped input it evaluates line by line, stops at the first error (exit code 1) and prints
 * only the last result, like Terraform.
 */
@Command(name = "console", description = "Try Terraform expressions at an interactive command prompt")
public final class ConsoleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--no-color", description = "Disable colour in the output (output is never coloured yet).")
    boolean noColor;

    @Option(names = "--state", defaultValue = "", description = "Legacy option for the local backend only.")
    String statePath;

    /** Read by {@link EngineCommand#cliVars(java.util.List)} in command-line order with {@code --var-file}. */
    @Option(names = "--var", description = "Set a variable in the configuration. This flag can be set multiple times.")
    java.util.List<String> vars = new java.util.ArrayList<>();

    @Option(names = "--var-file", description = "Set variables in the configuration from a file.")
    java.util.List<String> varFiles = new java.util.ArrayList<>();

    @Option(names = "--plan", description = "Create a new plan (as if running \"terraform plan\") and then evaluate "
            + "expressions against its planned state, instead of evaluating against the current state.")
    boolean plan;

    /** Accepted as terraform's console accepts them (its extended flag set), and as there without effect. */
    @Option(names = "--target", hidden = true)
    java.util.List<String> targets = new java.util.ArrayList<>();

    @Option(names = "--input", arity = "1", defaultValue = "true", hidden = true)
    boolean input = true;

    @Option(names = "--compact-warnings", hidden = true)
    boolean compactWarnings;

    /** Terraform takes -chdir before the command name; until the global flag exists, console accepts it too. */
    @Option(names = "--chdir", hidden = true, defaultValue = "")
    String chdir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = Main.workingDirectory().resolve(chdir).normalize();
        if (plan) {
            return planned(dir, out, err);
        }
        WorkdirLocks locks = WorkdirLocks.of(dir.toAbsolutePath().normalize());
        io.capstan.hcl.diag.Diagnostic lockProblem = locks.installed();
        if (lockProblem != null) {
            // as terraform's: its backend's start-up checks the lock file and the installed plugins first
            new io.capstan.cli.state.Terminal(out, err, !noColor).uiError(lockProblem.summary(), lockProblem.detail());
            return 1;
        }
        // as terraform's console: the state is locked for the whole session (its LocalRun), always and
        // without waiting (console has no -lock or -lock-timeout), before the configuration is loaded
        try (io.capstan.cli.state.StateAccess access = io.capstan.cli.state.StateAccess.open(
                dir.toAbsolutePath().normalize(), stateFile(dir.toAbsolutePath().normalize()))) {
            return io.capstan.cli.backend.StateLocks.withLock(access.backend(), access.workspace(),
                    io.capstan.cli.backend.StateLocks.STATE_OPERATION,
                    io.capstan.cli.backend.LockOptions.of(true, java.time.Duration.ZERO), () -> {
                        try {
                            return current(dir, locks, access, out, err);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        } catch (io.capstan.cli.backend.BackendException e) {
            return backendError(e, out, err);
        }
    }

    /**
     * The state file the session reads and locks: terraform's console has {@code -state} default to
     * {@code terraform.tfstate}, and its local backend lets that path override every workspace's own
     * (the default workspace's and those under {@code terraform.tfstate.d} alike), so with the local
     * backend it is {@code -state}'s path or {@code terraform.tfstate}, whichever workspace is selected.
     * Other backends keep their own state for the selected workspace ({@code -state} is for the
     * local backend only): blank then, as without the flag.
     */
    private String stateFile(Path root) {
        String backend = io.capstan.cli.backend.CurrentBackend.resolve(root,
                io.capstan.cli.backend.CurrentBackend.rootBackendBlock(root)).type();
        if (!backend.equals("local")) {
            return "";
        }
        return statePath.isBlank() ? "terraform.tfstate" : statePath;
    }

    /**
     * The workspace {@code terraform.workspace} names: the selected one, also when the state read is
     * another workspace's file ({@link #stateFile}).
     */
    private static String workspace(Path dir) {
        return io.capstan.cli.backend.CurrentBackend.selectedWorkspace(dir.toAbsolutePath().normalize());
    }

    /** A backend's error (the lock held elsewhere...) as terraform's console shows it: its diagnostics, exit 1. */
    private int backendError(io.capstan.cli.backend.BackendException e, PrintWriter out, PrintWriter err) {
        show(new io.capstan.hcl.diag.DiagnosticRenderer(io.capstan.hcl.body.File.sources(java.util.List.of()),
                !noColor, TerminalWidth.columns()), new Diagnostics().add(e.diagnostic()), out, err);
        return 1;
    }

    /** The session against the current state, which the caller has locked. */
    private int current(Path dir, WorkdirLocks locks, io.capstan.cli.state.StateAccess access, PrintWriter out, PrintWriter err)
            throws IOException {
        io.capstan.hcl.diag.Result<io.capstan.graph.config.ModuleTree> tree =
                io.capstan.graph.config.ConfigLoader.load(dir, io.capstan.cli.backend.BackendSettings.dataDir(dir));
        ConsoleScope scope = ConsoleScope.of(tree.value().module(), tree.diagnostics());
        if (scope.loadDiagnostics().hasErrors()) {
            // as terraform's console when its configuration does not load (a module not installed...)
            show(new io.capstan.hcl.diag.DiagnosticRenderer(new ConfigSources(tree.value(), dir),
                    !noColor, TerminalWidth.columns()), scope.loadDiagnostics(), out, err);
            return 1;
        }
        io.capstan.hcl.diag.Diagnostic inconsistent = locks.inconsistency(tree.value());
        if (inconsistent != null) {
            // as terraform's console: its local run checks the lock file against the configuration it loaded
            new io.capstan.cli.state.Terminal(out, err, !noColor).uiError(inconsistent.summary(), inconsistent.detail());
            return 1;
        }
        for (Diagnostic d : scope.loadDiagnostics()) {
            err.print(ConsoleSession.render(d));
        }
        err.flush();
        // variables as plan takes them (TF_VAR_*, terraform.tfvars, *.auto.tfvars, -var, -var-file);
        // one without a value stays unknown, as in terraform's console
        io.capstan.hcl.diag.Result<java.util.Map<String, io.capstan.hcl.value.Value>> given =
                io.capstan.graph.config.InputVariables.collect(tree.value().module(), dir,
                        EngineCommand.cliVars(spec.commandLine().getParseResult().originalArgs()),
                        Main.environment());
        boolean failed = false;
        for (Diagnostic d : given.diagnostics()) {
            if (d.summary().equals("No value for required variable")) {
                continue;
            }
            failed |= d.isError();
            err.print(ConsoleSession.render(d));
        }
        err.flush();
        if (failed) {
            return 1;
        }
        scope.useVariables(given.value());
        // provider-defined functions run on unconfigured instances of the providers init installed
        try (io.capstan.engine.plan.Providers providers = new io.capstan.engine.plan.Providers(
                new io.capstan.engine.plan.ProviderResolver(dir.toAbsolutePath().normalize(), Main.environment(),
                        java.util.List.of(), DevOverrides.of()))) {
            if (!scope.pluginProviders().isEmpty()) {
                scope.useProviderFunctions(new io.capstan.engine.functions.PluginFunctions(providers)
                        .lookup(scope.pluginProviders()));
            }
            try {
                scope.useState(access.read().orElse(null), workspace(dir));
            } catch (io.capstan.cli.backend.BackendException e) {
                err.print(ConsoleSession.render(e.diagnostic()));
                err.flush();
                return 1;
            }
            ConsoleSession session = new ConsoleSession(scope);
            if (!Main.console()) {
                return piped(session, !noColor, out, err);
            }
            return interactive(session);
        }
    }

    /**
     * {@code console -plan}, as terraform's: the state is locked for the session and read, a plan is
     * made of it (no refresh, as terraform's console makes it; a required variable without a value
     * is unknown), its diagnostics are shown (warnings on standard output, errors on standard error)
     * and the session evaluates against the planned root module. Errors in planning do not end the
     * session: terraform adds "Due to the problems above, some expressions may produce unexpected
     * results." and goes on. Errors before planning (configuration, variables, the lock) end it.
     */
    private int planned(Path dir, PrintWriter out, PrintWriter err) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        try (io.capstan.engine.plan.Providers providers = new io.capstan.engine.plan.Providers(
                new io.capstan.engine.plan.ProviderResolver(root, Main.environment(), java.util.List.of(),
                        DevOverrides.of()));
                io.capstan.cli.state.StateAccess access = io.capstan.cli.state.StateAccess.open(root, stateFile(root))) {
            return io.capstan.cli.backend.StateLocks.withLock(access.backend(), access.workspace(),
                    io.capstan.cli.backend.StateLocks.STATE_OPERATION, io.capstan.cli.backend.LockOptions.of(true, java.time.Duration.ZERO), () -> {
                        try {
                            return plannedSession(dir, providers, access, out, err);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        } catch (io.capstan.cli.backend.BackendException e) {
            return backendError(e, out, err);
        }
    }

    private int plannedSession(Path dir, io.capstan.engine.plan.Providers providers,
            io.capstan.cli.state.StateAccess access, PrintWriter out, PrintWriter err) throws IOException {
        io.capstan.engine.state.StateFile prior = access.read().orElse(io.capstan.engine.state.StateFile.empty());
        io.capstan.engine.plan.Engine engine = new io.capstan.engine.plan.Engine(dir, providers).allowUnsetVariables(true)
                .withoutValidateWalk();
        io.capstan.engine.plan.PlanOptions opts = new io.capstan.engine.plan.PlanOptions(
                EngineCommand.cliVars(spec.commandLine().getParseResult().originalArgs()), Main.environment(),
                io.capstan.engine.plan.PlanMode.NORMAL, false, java.util.List.of(), java.util.List.of(), 10,
                workspace(dir));
        io.capstan.engine.plan.Plan p = engine.plan(prior, opts);
        io.capstan.hcl.diag.DiagnosticRenderer r = new io.capstan.hcl.diag.DiagnosticRenderer(
                new ConfigSources(engine.config(), dir), !noColor, TerminalWidth.columns());
        show(r, p.diagnostics(), out, err);
        if (!engine.walked() || engine.config() == null) {
            return 1; // nothing to evaluate against: terraform has no scope and stops
        }
        if (p.diagnostics().hasErrors()) {
            // terraform's last word before the session, shown on its own so that it comes after the rest
            show(r, new Diagnostics().add(Diagnostic.warning("Due to the problems above, some expressions may "
                    + "produce unexpected results.", "", null)), out, err);
        }
        ConsoleScope scope = ConsoleScope.of(engine.config().module(), new Diagnostics());
        scope.useState(prior, workspace(dir));
        scope.usePlan(e -> engine.rootContext(e).orElseThrow());
        ConsoleSession session = new ConsoleSession(scope);
        if (!Main.console()) {
            return piped(session, !noColor, out, err);
        }
        return interactive(session);
    }

    /**
     * Diagnostics as terraform's {@code Meta.showDiagnostics} prints them: sorted, similar warnings
     * consolidated, each followed by an empty line, warnings on standard output, errors on standard error.
     */
    private static void show(io.capstan.hcl.diag.DiagnosticRenderer r, Diagnostics diags, PrintWriter out,
            PrintWriter err) {
        for (Diagnostic d : io.capstan.hcl.diag.DiagnosticRenderer.consolidateWarnings(EngineCommand.sorted(diags))) {
            (d.isError() ? err : out).print(r.render(d) + "\n");
        }
        out.flush();
        err.flush();
    }

    /**
     * Input from a pipe: each line evaluated, the last value printed; the first error ends the session.
     * Its diagnostics as terraform's {@code showDiagnostics} prints them: unless {@code -no-color},
     * framed and coloured (the session's input is no source file: "source code not available") and
     * passed through its UI's error colour.
     */
    private static int piped(ConsoleSession session, boolean color, PrintWriter out, PrintWriter err) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Main.input(), StandardCharsets.UTF_8));
        String last = "";
        io.capstan.hcl.diag.DiagnosticRenderer framed = color ? new io.capstan.hcl.diag.DiagnosticRenderer(
                io.capstan.hcl.body.File.sources(java.util.List.of()), true, TerminalWidth.columns()) : null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            ConsoleSession.Outcome o = session.handle(line);
            if (o.diagnostics().hasErrors()) {
                o.diagnostics().forEach(d -> err.print(color ? FlagErrors.uiError(framed.render(d), true)
                        : ConsoleSession.render(d)));
                err.flush();
                return 1;
            }
            if (o.exit()) {
                out.flush();
                return 0;
            }
            last = o.output();
        }
        out.println(last);
        out.flush();
        return 0;
    }

    private static int interactive(ConsoleSession session) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("capstan").build();
            PrintWriter w = terminal.writer();
            while (true) {
                String input;
                try {
                    input = reader.readLine("> ");
                    while (ConsoleSession.incomplete(input)) {
                        input = input + "\n" + reader.readLine(": ");
                    }
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return 0;
                }
                ConsoleSession.Outcome o = session.handle(input);
                if (o.exit()) {
                    return 0;
                }
                o.diagnostics().forEach(d -> w.print(ConsoleSession.render(d)));
                if (!o.output().isEmpty()) {
                    w.println(o.output());
                }
                w.flush();
            }
        }
    }
}
