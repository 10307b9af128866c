package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.cli.engine.HumanPlan;
import io.capstan.cli.engine.Interrupts;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.cli.engine.JsonProgress;
import io.capstan.cli.engine.ProgressPrinter;
import io.capstan.cli.engine.ProgressSink;
import io.capstan.engine.state.StateFile;
import io.capstan.hcl.value.TypeJson;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import io.capstan.cli.engine.StateStore;
import io.capstan.engine.plan.Plan;
import io.capstan.engine.plan.Engine;
import io.capstan.engine.walk.WalkChaos;
import io.capstan.engine.plan.PlanMode;
import io.capstan.engine.plan.PlanOptions;
import io.capstan.engine.plan.ProviderResolver;
import io.capstan.engine.plan.Providers;
import io.capstan.graph.config.InputVariables;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.diag.DiagnosticRenderer;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.state.LockHeldException;
import io.capstan.state.LockMessages;
import io.capstan.provider.install.LockFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code plan}, {@code apply}, {@code destroy}, {@code refresh} and {@code import} share:
 * Terraform's planning flags, the working directory, state access, providers and output.
 */
abstract class EngineCommand {
    @Spec
    CommandSpec spec;

    @Option(names = "--var", description = "Set a value for one of the input variables in the root module.")
    List<String> vars = new ArrayList<>();

    @Option(names = "--var-file", description = "Load variable values from the given file.")
    List<String> varFiles = new ArrayList<>();

    @Option(names = "--target", description = "Limit the planning operation to only the given module, resource, "
            + "or resource instance and all of its dependencies.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--replace", description = "Force replacement of a particular resource instance.")
    List<String> replace = new ArrayList<>();

    @Option(names = "--refresh", arity = "1", defaultValue = "true",
            description = "Skip checking for external changes to remote objects while creating the plan.")
    boolean refresh = true;

    @Option(names = "--parallelism", defaultValue = "10", description = "Limit the number of concurrent operations.")
    int parallelism = 10;

    @Option(names = "--lock", arity = "1", defaultValue = "true", description = "Don't hold a state lock during the operation.")
    boolean lock = true;

    @Option(names = "--lock-timeout", defaultValue = "0s", description = "Duration to retry a state lock.")
    String lockTimeout = "0s";

    @Option(names = "--input", arity = "1", defaultValue = "true", description = "Ask for input for variables if not directly set.")
    boolean input = true;

    @Option(names = "--no-color", description = "If specified, output won't contain any color.")
    boolean noColor;

    @Option(names = "--compact-warnings", description = "Show warnings in a more compact form.")
    boolean compactWarnings;

    @Option(names = "--json", description = "Produce output in a machine-readable JSON format, one message per line.")
    boolean json;

    /** The JSON line writer when {@code -json} is on (created by {@link #progress()}). */
    JsonProgress jsonUi;

    @Option(names = "--plugin-dir", description = "Directory to find provider plugins in.")
    List<Path> pluginDirs = new ArrayList<>();

    Path workdir() {
        return Main.workingDirectory();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Terraform's {@code TF_IN_AUTOMATION}: set to anything non-empty, next-step hints for people are left out. */
    static boolean inAutomation() {
        String v = Main.environment().get("TF_IN_AUTOMATION");
        return v != null && !v.isEmpty();
    }

    /**
     * Whether the output is coloured: unless {@code -no-color}, on a terminal or not, as terraform's
     * views and UI colour (its {@code Meta.color} is set by that flag alone).
     */
    boolean color() {
        return !noColor;
    }

    /** {@code -var} and {@code -var-file} in command-line order, as Terraform applies them. */
    List<InputVariables.CliArg> cliVars() {
        return cliVars(spec.commandLine().getParseResult().originalArgs());
    }

    /** {@code -var} and {@code -var-file} among a command's arguments, in their order. */
    static List<InputVariables.CliArg> cliVars(List<String> args) {
        List<InputVariables.CliArg> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            for (String flag : new String[]{"--var-file", "--var"}) {
                if (a.equals(flag) && i + 1 < args.size()) {
                    out.add(new InputVariables.CliArg(flag.equals("--var-file"), args.get(++i)));
                    break;
                } else if (a.startsWith(flag + "=")) {
                    out.add(new InputVariables.CliArg(flag.equals("--var-file"), a.substring(flag.length() + 1)));
                    break;
                }
            }
        }
        return out;
    }

    PlanOptions options(PlanMode mode, String workspace) {
        return new PlanOptions(cliVars(), Main.environment(), mode, refresh, targets, replace, Math.max(1, parallelism),
                workspace);
    }

    /**
     * The run's providers, the installed ones already starting in the background (see
     * {@link Providers#prestart}): each command calls this first, so their start-up overlaps
     * opening the state and loading the configuration.
     */
    Providers providers() {
        ProviderResolver resolver = new ProviderResolver(workdir(), Main.environment(), pluginDirs, locks(),
                devOverrides());
        Providers providers = new Providers(resolver);
        providers.prestart(resolver.locked());
        return providers;
    }

    Engine engine(Providers providers) {
        Engine e = new Engine(workdir(), providers).configCheck(lockCheck());
        WalkChaos c = chaos;
        return c == null ? e : e.chaos(c);
    }

    /**
     * terraform's check, as its backend starts and before the state is locked, that the providers the
     * lock file selects are installed as selected ({@link io.capstan.cli.engine.DependencyLocks#installed}):
     * false, with its error printed (after the version line with {@code -json}), when they are not.
     * Not with {@code -plugin-dir} (see {@link #lockCheck}).
     */
    boolean pluginsInstalled() {
        if (!pluginDirs.isEmpty()) {
            return true;
        }
        Result<LockFile> read = lockRead();
        Diagnostics d = read.hasErrors() ? io.capstan.cli.engine.DependencyLocks.readError(read.diagnostics())
                : io.capstan.cli.engine.DependencyLocks.installed(workdir(), read.value(), Main.environment(),
                        inAutomation(), devOverrides().keySet());
        if (!d.hasErrors()) {
            return true;
        }
        try (ProgressSink sink = json ? progress() : null) {
            printDiagnostics(d, null);
        }
        return false;
    }

    /**
     * The dependency lock file's check against the configuration, as terraform's local backend makes
     * it before planning ({@link io.capstan.cli.engine.DependencyLocks#check}); none with {@code
     * -plugin-dir}, Capstan's way to run providers from a directory without {@code init} (and so
     * without a lock file), which terraform's operations lack.
     */
    java.util.function.Function<ModuleTree, io.capstan.hcl.diag.Diagnostics> lockCheck() {
        if (!pluginDirs.isEmpty()) {
            return null;
        }
        LockFile locks = locks();
        java.util.Set<io.capstan.provider.install.ProviderAddress> overridden = devOverrides().keySet();
        return tree -> io.capstan.cli.engine.DependencyLocks.check(locks, tree, overridden);
    }

    private Map<io.capstan.provider.install.ProviderAddress, Path> devOverrides;

    /**
     * The CLI configuration's provider development overrides, read once per command (its problems printed to
     * stderr as terraform prints them): their providers run from their own directories and need no lock.
     */
    Map<io.capstan.provider.install.ProviderAddress, Path> devOverrides() {
        Map<io.capstan.provider.install.ProviderAddress, Path> o = devOverrides;
        if (o == null) {
            o = DevOverrides.of();
            devOverrides = o;
        }
        return o;
    }

    /**
     * terraform's "Provider development overrides are in effect" warning, which {@code plan}, {@code apply}
     * and {@code destroy} print first, before their operation (after the version line with {@code -json});
     * nothing when no provider is overridden.
     */
    void warnOfDevOverrides() {
        if (!devOverrides().isEmpty()) {
            printDiagnostics(DevOverrides.runtimeWarning(devOverrides()), null);
        }
    }

    private Result<LockFile> lockRead;

    /**
     * The working directory's lock file, read once per command ({@link io.capstan.cli.engine.DependencyLocks#read}):
     * the installed-plugins check, the configuration check, the provider resolver and a saved plan's
     * checks all use this one parse.
     */
    Result<LockFile> lockRead() {
        Result<LockFile> r = lockRead;
        if (r == null) {
            r = io.capstan.cli.engine.DependencyLocks.read(workdir());
            lockRead = r;
        }
        return r;
    }

    /** The lock file's selections as {@link #lockRead} parsed them ({@link LockFile#EMPTY} when none or unparsable). */
    LockFile locks() {
        return lockRead().value();
    }

    /**
     * Walk chaos for every engine the commands of this JVM start (tests that run cli cases under
     * chaos set it, then clear it); null leaves it to {@code -Dcapstan.walk.chaos}.
     */
    static volatile WalkChaos chaos;

    /** The plan in Terraform's JSON format, {@code prior_state} included. */
    static JsonNode planJson(Plan plan, Providers providers) {
        return HumanPlan.planJson(plan, providers.schemas());
    }

    /** The plan as {@link #planJson} without what only a plan file holds, for rendering (human or {@code -json}). */
    static JsonNode renderJson(Plan plan) {
        return HumanPlan.renderJson(plan);
    }

    /** The human plan, as Terraform prints it, with colours unless {@code -no-color}. */
    String renderPlan(JsonNode planJson, Providers providers, PlanMode mode) {
        return HumanPlan.render(planJson, HumanPlan.schemasJson(providers.schemas()), mode, color());
    }

    /**
     * The human plan, with drift shown as terraform shows it: only what the plan's changes refer to
     * ({@code relevant_attributes}, found in {@code config}), all of it in refresh-only mode.
     */
    String renderPlan(JsonNode planJson, Providers providers, PlanMode mode, ModuleTree config) {
        return renderPlan(HumanPlan.withRelevantAttributes(planJson, config), providers, mode);
    }

    /**
     * Prints the human plan of a plan made in this run as {@code renderPlan(renderJson(plan), ...)} would,
     * rendering straight to the output one change at a time (drift's relevant attributes found from the
     * changes' headers), without the whole JSON plan or its whole text.
     */
    void printPlan(Plan plan, Providers providers, PlanMode mode, ModuleTree config) {
        HumanPlan.render(plan, HumanPlan.schemasJson(providers.schemas()), mode, color(), out(), config);
    }

    /** Progress as human lines, or with {@code -json} as machine-readable UI lines (version line first). */
    ProgressSink progress() {
        if (!json) {
            return new ProgressPrinter(out(), color());
        }
        jsonUi = new JsonProgress(out());
        jsonUi.emit(jsonUi.ui().version("Terraform", StateFile.TERRAFORM_VERSION));
        return jsonUi;
    }

    /** With {@code -json}: the plan's drift, planned changes, change summary and planned outputs. */
    void emitPlan(JsonNode planJson) {
        emitPlan(planJson, io.capstan.engine.render.ChangeSource.of(planJson.path("resource_changes")));
    }

    /**
     * {@link #emitPlan(JsonNode)} of a plan made in this run, each planned change made as JSON only for its
     * message (the whole JSON plan is not held).
     */
    void emitPlan(Plan plan) {
        emitPlan(io.capstan.engine.plan.PlanJson.forRenderingWithoutChanges(plan),
                io.capstan.engine.plan.PlanJson.changeSource(plan));
    }

    private void emitPlan(JsonNode planJson, io.capstan.engine.render.ChangeSource changes) {
        for (JsonNode d : planJson.path("resource_drift")) {
            jsonUi.emit(jsonUi.ui().resourceDrift(d));
        }
        for (int i = 0, n = changes.size(); i < n; i++) {
            JsonNode rc = changes.change(i);
            String acts = rc.path("change").path("actions").toString();
            // a no-op that imports or moves is still announced, as "Plan to import" / "Plan to move"
            if (!acts.equals("[\"no-op\"]") || rc.path("change").hasNonNull("importing")
                    || rc.hasNonNull("previous_address")) {
                jsonUi.emit(jsonUi.ui().plannedChange(rc));
            }
        }
        jsonUi.emit(jsonUi.ui().changeSummary(changes));
        if (planJson.path("output_changes").size() > 0) {
            jsonUi.emit(jsonUi.ui().plannedOutputs(planJson));
        }
    }

    /** With {@code -json}: root outputs after apply, in the state's form, as an {@code outputs} message. */
    void emitOutputs(Map<String, Value> outputs, Map<String, Boolean> sensitive) {
        jsonUi.emit(jsonUi.ui().outputs(stateOutputs(outputs, sensitive)));
    }

    /** Root outputs in the state's form: {@code {"name": {"sensitive":..., "value":..., "type":...}}}. */
    static ObjectNode stateOutputs(Map<String, Value> outputs, Map<String, Boolean> sensitive) {
        ObjectNode o = JsonNodeFactory.withExactBigDecimals(true).objectNode();
        new TreeMap<>(outputs).forEach((name, v) -> {
            Value plain = v.unmarkDeep().value();
            ObjectNode n = o.putObject(name);
            n.put("sensitive", sensitive.getOrDefault(name, false));
            try {
                n.set("value", io.capstan.engine.journal.JsonLine.readTree(ValueJson.encode(plain)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            n.set("type", TypeJson.toJson(plain.type()));
        });
        return o;
    }

    /**
     * Created on first use: an ObjectMapper's class initialisation (Jackson's date format, a
     * calendar and the JDK's locale tables) costs a cold JVM about a tenth of a second of CPU, and
     * a plan or apply without outputs, state or {@code -json} never needs one.
     */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }

    /** Prints diagnostics: errors to stderr, warnings to stdout, as Terraform does. */
    void printDiagnostics(Diagnostics diags, ModuleTree config) {
        if (diags.isEmpty()) {
            return;
        }
        if (jsonUi != null) {
            try {
                for (JsonNode d : Mapper.INSTANCE.readTree(ValidateJson.render(diags, new ConfigSources(config, workdir()))).path("diagnostics")) {
                    jsonUi.emit(jsonUi.ui().diagnostic(d));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        // as terraform's view: diagnostics are coloured unless -no-color, on a terminal or not
        DiagnosticRenderer r = new DiagnosticRenderer(new ConfigSources(config, workdir()), !noColor,
                TerminalWidth.columns());
        Diagnostics warnings = new Diagnostics();
        Diagnostics errors = new Diagnostics();
        sorted(diags).forEach(d -> (d.isError() ? errors : warnings).add(d));
        if (!warnings.isEmpty()) {
            out().print(r.renderAll(warnings));
            out().flush();
        }
        if (!errors.isEmpty()) {
            err().print(r.renderAll(errors));
            err().flush();
        }
    }

    /**
     * The order terraform's view prints diagnostics in (a stable sort): those without a source
     * range first, then by file name and position. Diagnostics found by different walk nodes
     * (a check's data source and another check's assertion) then come out as terraform's do.
     */
    static java.util.List<io.capstan.hcl.diag.Diagnostic> sorted(Diagnostics diags) {
        java.util.List<io.capstan.hcl.diag.Diagnostic> all = new java.util.ArrayList<>();
        diags.forEach(all::add);
        all.sort((a, b) -> {
            var x = a.subject();
            var y = b.subject();
            if (x == null || y == null) {
                return x == null ? (y == null ? 0 : -1) : 1;
            }
            // as terraform's sort: a file in fewer directories first (main.tf before m/main.tf), then by name
            int c = Long.compare(x.filename().chars().filter(ch -> ch == '/').count(),
                    y.filename().chars().filter(ch -> ch == '/').count());
            if (c == 0) {
                c = x.filename().compareTo(y.filename());
            }
            if (c == 0) {
                c = Integer.compare(x.start().byteOffset(), y.start().byteOffset());
            }
            return c != 0 ? c : Integer.compare(x.end().byteOffset(), y.end().byteOffset());
        });
        return all;
    }

    /**
     * Ctrl-C for this run: the first stops {@code engine} gracefully when {@code armed} (else when
     * {@link Interrupts#arm} is called), a second reports "operation canceled" and exits at once.
     */
    Interrupts interrupts(Engine engine, boolean armed) {
        Runnable fatal = () -> printDiagnostics(new Diagnostics().add(Diagnostic.error("operation canceled", "", null)),
                engine.config());
        return armed ? Interrupts.install(out(), err(), jsonUi, engine::stop, fatal)
                : Interrupts.install(out(), err(), jsonUi, fatal);
    }

    /**
     * Planning that Ctrl-C stopped, reported as terraform reports it: for {@code plan} "Planning
     * failed." (with {@code -json}: an empty change summary), then the errors. terraform reports
     * "execution halted" only when nothing else failed (a provider call that StopProvider cancelled
     * reports its own error). The caller writes nothing: no plan file, no state.
     */
    void reportInterruptedPlan(Plan plan, Engine engine, boolean planCommand) {
        if (planCommand && jsonUi != null) {
            jsonUi.emit(jsonUi.ui().changeSummary("plan", 0, 0, 0, 0));
        } else if (planCommand) {
            // terraform renders the errored partial plan: with nothing planned yet, only its header
            ObjectNode errored = JsonNodeFactory.instance.objectNode().put("errored", true);
            out().print(HumanPlan.render(errored, JsonNodeFactory.instance.objectNode(), PlanMode.NORMAL, color()));
            out().flush();
        }
        Diagnostics diags = new Diagnostics();
        boolean others = plan.diagnostics().asList().stream()
                .anyMatch(d -> d.isError() && !d.summary().equals(HALTED));
        plan.diagnostics().asList().stream().filter(d -> !(others && d.summary().equals(HALTED))).forEach(diags::add);
        if (!diags.hasErrors()) {
            diags.add(Diagnostic.error(HALTED, "", null));
        }
        printDiagnostics(diags, engine.config());
    }

    static final String HALTED = "execution halted";

    /** Locks when {@code -lock} is on; false (message printed) when someone else holds the lock. */
    boolean lockState(StateStore store, String operation) {
        if (!lock) {
            return true;
        }
        try {
            store.lock(operation, parseDuration(lockTimeout));
            return true;
        } catch (LockHeldException e) {
            // a diagnostic like any other: framed in colour, its detail wrapped as terraform wraps it, -json
            if (json && jsonUi == null) {
                progress(); // with -json: the version line, then the diagnostic, as terraform's run prints them
            }
            Diagnostics diags = new Diagnostics();
            diags.add(Diagnostic.error(LockMessages.SUMMARY, LockMessages.detail(e), null));
            printDiagnostics(diags, null);
            return false;
        }
    }

    /**
     * Locks the state for {@code operation} (when {@code -lock} is on) and reads it: null, with the
     * message printed, when the lock is held elsewhere or the state cannot be read.
     */
    StateFile lockAndRead(StateStore store, String operation) {
        if (!lockState(store, operation)) {
            return null;
        }
        Result<StateFile> state;
        try {
            state = store.read();
        } catch (io.capstan.state.StateException e) {
            // terraform's local operation: "error loading state: " and the backend's error as the summary
            // (e.g. the s3 backend's digest mismatch with dynamodb_table); the store's close unlocks
            Diagnostics diags = new Diagnostics();
            diags.add(Diagnostic.error("error loading state: " + e.getMessage(), "", null));
            printDiagnostics(diags, null);
            return null;
        }
        if (state.hasErrors()) {
            printDiagnostics(state.diagnostics(), null);
            return null;
        }
        if (!state.diagnostics().isEmpty()) {
            printDiagnostics(state.diagnostics(), null); // a journal set aside (StateStore.read)
        }
        return state.value();
    }

    static Duration parseDuration(String s) {
        String t = s.trim();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t));
    }

    /** Asks Terraform's approval question; true only for "yes". */
    boolean approve(String question, String explanation) {
        PrintWriter o = out();
        o.println();
        o.println(question);
        o.println(explanation);
        o.println();
        o.print("  Enter a value: ");
        o.flush();
        String answer;
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(Main.input(), StandardCharsets.UTF_8));
            answer = in.readLine();
        } catch (IOException e) {
            answer = null;
        }
        o.println();
        return answer != null && answer.trim().equals("yes");
    }
}
