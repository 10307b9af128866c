package io.capstan.cli;

import io.capstan.cli.init.ModuleRequirements;
import io.capstan.cli.init.ProvidersTree;
import io.capstan.graph.config.ConfigLoader;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.diag.DiagnosticRenderer;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.cli.state.StateAccess;
import io.capstan.engine.state.ResourceState;
import io.capstan.engine.state.StateFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code capstan providers}: prints the tree of provider requirements of the configuration,
 * then the providers the current state's resources use, as {@code terraform providers} does; {@code capstan providers schema -json} prints the
 * installed providers' schemas ({@link ProvidersSchemaCommand}).
 */
@Command(name = "providers", description = "Show the providers required for this configuration",
        subcommands = ProvidersSchemaCommand.class)
public final class ProvidersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--no-color", description = "If specified, output won't contain any color.")
    boolean noColor;

    private final Path workDir;
    private final java.io.OutputStream jsonOut;

    public ProvidersCommand() {
        this(Main.workingDirectory(), null);
    }

    /** For tests: an explicit working directory, and where {@code schema -json} writes (null: stdout). */
    public ProvidersCommand(Path workDir, java.io.OutputStream jsonOut) {
        this.workDir = workDir;
        this.jsonOut = jsonOut;
    }

    Path workDir() {
        return workDir;
    }

    java.io.OutputStream jsonOut() {
        return jsonOut;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // as terraform's providers: module calls as init recorded them, "Module not installed" otherwise
        Result<ModuleTree> loaded = ConfigLoader.load(workDir, io.capstan.cli.backend.BackendSettings.dataDir(workDir));
        Diagnostics diags = new Diagnostics().addAll(loaded.diagnostics());
        ModuleRequirements reqs = loaded.hasErrors() ? null : ModuleRequirements.collect(loaded.value(), diags);
        DiagnosticRenderer r = new DiagnosticRenderer(new ConfigSources(loaded.value()),
                !noColor, DiagnosticRenderer.DEFAULT_WIDTH);
        if (diags.hasErrors()) {
            // as terraform's Meta.showDiagnostics: each diagnostic through Ui.Error, which adds a newline
            GraphCommand.showDiagnostics(r, diags, err, !noColor);
            return 1;
        }
        io.capstan.hcl.diag.Diagnostic lockProblem = WorkdirLocks.of(workDir).installed();
        if (lockProblem != null) {
            // as terraform's: after the configuration loads, its backend's start-up checks the lock file and the
            // installed plugins, an error through its older UI
            new io.capstan.cli.state.Terminal(out, err, !noColor).uiError(lockProblem.summary(), lockProblem.detail());
            return 1;
        }
        out.print(ProvidersTree.render(reqs));
        out.print(stateSection(stateProviders(workDir)));
        if (!diags.isEmpty()) {
            out.print(r.renderAll(diags));
        }
        out.flush();
        return 0;
    }

    private static final Pattern STATE_PROVIDER = Pattern.compile("provider\\[\"([^\"]+)\"\\]");

    /** The provider source addresses the current state's resources use; empty when there is no state. */
    static Set<String> stateProviders(Path workDir) {
        Set<String> out = new TreeSet<>();
        Optional<StateFile> state;
        try (StateAccess access = StateAccess.open(workDir, "")) {
            state = access.read();
        } catch (RuntimeException e) {
            // no readable backend or state: terraform prints no state section then either
            return out;
        }
        for (ResourceState r : state.map(StateFile::resources).orElse(List.of())) {
            Matcher m = STATE_PROVIDER.matcher(r.provider() == null ? "" : r.provider());
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /**
     * Terraform's "Providers required by state:" section, one indented line and a blank line per
     * provider (terraform prints them in Go map order; Capstan sorts them).
     */
    static String stateSection(Set<String> providers) {
        if (providers.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("Providers required by state:\n\n");
        providers.forEach(p -> sb.append("    provider[").append(p).append("]\n\n"));
        return sb.toString();
    }
}
