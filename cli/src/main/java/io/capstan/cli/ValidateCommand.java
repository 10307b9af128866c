package io.capstan.cli;

import io.capstan.engine.plan.ProviderResolver;
import io.capstan.engine.plan.Providers;
import io.capstan.engine.plan.ValidateProviders;
import io.capstan.graph.validate.Validation;
import io.capstan.hcl.diag.DiagnosticRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code capstan validate}: checks the configuration in the current directory (or DIR) without
 * touching state, printing Terraform's messages. As terraform's, it needs the providers {@code init}
 * installed and asks them (unconfigured) for their schemas and their validation of each block
 * ({@link ValidateProviders}); a configuration that uses only the built-in provider starts none. {@code -json} prints the
 * machine-readable result. Exit code 1 when the configuration is invalid.
 */
@Command(name = "validate", description = "Check whether the configuration is valid")
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Produce output in a machine-readable JSON format.")
    boolean json;

    @Option(names = "--no-color", description = "If specified, output won't contain any color.")
    boolean noColor;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Configuration directory (default: current directory).")
    Path dir;

    @Override
    public Integer call() {
        Path root = dir != null ? dir : Main.workingDirectory();
        Validation.Outcome out;
        // provider-defined functions are called on unconfigured instances of the providers init installed,
        // found only when a configuration calls one; as terraform's validate, the providers the configuration
        // needs must be installed, and are started (unconfigured) for their schemas and validation
        java.util.Map<String, String> env = Main.environment();
        java.util.Map<io.capstan.provider.install.ProviderAddress, Path> overrides =
                DevOverrides.of();
        try (LazyProviderFunctions functions = new LazyProviderFunctions(root, env, overrides);
             ValidateProviders providers = new ValidateProviders(
                     () -> new Providers(new ProviderResolver(root, env, java.util.List.of(), overrides)))) {
            out = Validation.validate(root, io.capstan.cli.backend.BackendSettings.dataDir(Main.workingDirectory()),
                    functions, providers);
        }
        if (!overrides.isEmpty()) {
            // as terraform: the result may not hold for a released version of the provider
            out = new Validation.Outcome(out.config(), out.graph(), new io.capstan.hcl.diag.Diagnostics().addAll(out.diagnostics())
                    .addAll(DevOverrides.runtimeWarning(overrides)));
        }
        ConfigSources sources = new ConfigSources(out.config());
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (json) {
            stdout.print(ValidateJson.render(out.diagnostics(), sources));
            stdout.flush();
            return out.valid() ? 0 : 1;
        }
        boolean color = !noColor; // as terraform: on a terminal or not
        DiagnosticRenderer r = new DiagnosticRenderer(sources, color, TerminalWidth.columns());
        if (!out.diagnostics().isEmpty()) {
            // terraform's view sorts them: warnings first, then by file and position (the walk's order varies)
            io.capstan.hcl.diag.Diagnostics ordered = new io.capstan.hcl.diag.Diagnostics();
            java.util.List<io.capstan.hcl.diag.Diagnostic> all = EngineCommand.sorted(out.diagnostics());
            all.stream().filter(d -> !d.isError()).forEach(ordered::add);
            all.stream().filter(io.capstan.hcl.diag.Diagnostic::isError).forEach(ordered::add);
            (out.valid() ? stdout : stderr).print(r.renderAll(ordered));
        }
        if (out.valid()) {
            boolean warned = !out.diagnostics().isEmpty();
            String text = warned ? " The configuration is valid, but there were some validation warnings as shown above."
                    : " The configuration is valid.";
            // terraform colours the message with its newline, so the closing reset starts the next line
            // ("valid.\n\e[0m\n"), and word-wraps it, escape codes counted, at the terminal's width (78 off one)
            String line = color ? "\u001b[32m\u001b[1mSuccess!\u001b[0m" + text + "\n\u001b[0m" : "Success!" + text + "\n";
            stdout.println(io.capstan.engine.render.GoText.wordWrap(line, TerminalWidth.columns()));
        }
        stdout.flush();
        stderr.flush();
        return out.valid() ? 0 : 1;
    }
}
