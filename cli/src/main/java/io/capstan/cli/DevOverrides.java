package io.capstan.cli;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.provider.install.CliConfig;
import io.capstan.provider.install.ProviderAddress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * The CLI configuration's provider development overrides ({@code provider_installation { dev_overrides {...} }}),
 * as terraform's commands use them: providers run from a local directory, left out of the dependency lock checks,
 * and a warning on the commands terraform warns on ({@code validate}, {@code plan}, {@code apply}, {@code destroy};
 * {@code init} has its own wording).
 */
public final class DevOverrides {
    private DevOverrides() {
    }

    /**
     * The CLI configuration of this run ({@code TF_CLI_CONFIG_FILE}, else {@code ~/.terraformrc}), its problems
     * printed to {@code err} as terraform prints them when it starts. Only a file lookup when there is none.
     */
    static CliConfig load(PrintWriter err, boolean color) {
        Map<String, String> env = Main.environment();
        String home = env.get("HOME");
        var r = CliConfig.load(env, Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home")));
        if (!r.diagnostics().isEmpty() && err != null) {
            err.println("There are some problems with the CLI configuration:");
            err.print(new io.capstan.hcl.diag.DiagnosticRenderer(io.capstan.hcl.body.File.sources(java.util.List.of()), color, TerminalWidth.columns())
                    .renderAll(r.diagnostics()));
            if (r.hasErrors()) {
                err.println();
                err.println("As a result of the above problems, Capstan may not behave as intended.");
                err.println();
                err.println();
            }
            err.flush();
        }
        return r.value();
    }

    /** The overrides of this run's CLI configuration (problems printed to {@code err}). */
    static Map<ProviderAddress, Path> of(PrintWriter err, boolean color) {
        return load(err, color).devOverrides();
    }

    /** terraform's {@code providerDevOverrideRuntimeWarnings}: empty when nothing is overridden. */
    static Diagnostics runtimeWarning(Map<ProviderAddress, Path> overrides) {
        return warning(overrides, "The behavior may therefore not match any released version of the provider and "
                + "applying changes may cause the state to become incompatible with published releases.");
    }

    /** terraform's {@code providerDevOverrideInitWarnings}: empty when nothing is overridden. */
    public static Diagnostics initWarning(Map<ProviderAddress, Path> overrides) {
        return warning(overrides, "Skip terraform init when using provider development overrides. It is not "
                + "necessary and may error unexpectedly.");
    }

    private static Diagnostics warning(Map<ProviderAddress, Path> overrides, String advice) {
        Diagnostics d = new Diagnostics();
        if (overrides.isEmpty()) {
            return d;
        }
        StringBuilder detail = new StringBuilder("The following provider development overrides are set in the CLI "
                + "configuration:\n");
        for (Map.Entry<ProviderAddress, Path> e : overrides.entrySet()) {
            detail.append(" - ").append(e.getKey().forDisplay()).append(" in ").append(e.getValue()).append('\n');
        }
        detail.append('\n').append(advice);
        return d.add(Diagnostic.warning("Provider development overrides are in effect", detail.toString(), null));
    }
}
