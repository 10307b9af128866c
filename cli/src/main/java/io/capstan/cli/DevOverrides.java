package io.capstan.cli;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.provider.install.CliConfig;
import io.capstan.provider.install.ProviderAddress;
import java.io.PrintWriter;
import java.nio.file.Files;
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

    /** The CLI configuration of the current run, once read ({@link #announce}, {@link #load}); null before. */
    private static CliConfig loaded;

    /**
     * terraform's start-up (its main, before any command runs, {@code -chdir} not yet applied): the CLI configuration
     * file ({@code TF_CLI_CONFIG_FILE}, else {@code ~/.terraformrc}) read, and its problems printed to {@code err}
     * under "There are some problems with the CLI configuration:", colourless at 78 columns, then the run goes on.
     * Every command does it, {@code version} and {@code fmt} as much as {@code plan}. Only a file lookup when there
     * is no such file: the configuration is then read when a command first needs it ({@link #load}).
     */
    static void announce(PrintWriter err) {
        loaded = null;
        Map<String, String> env = Main.environment();
        if (!Files.isRegularFile(file(env))) {
            return;
        }
        var r = CliConfig.load(absolute(env), home(env));
        loaded = r.value();
        if (r.diagnostics().isEmpty()) {
            return;
        }
        // as terraform's main: each diagnostic through its Ui.Error (a newline after each), framed at 78 columns
        // but without colour (its colour is not known yet), no source
        StringBuilder sb = new StringBuilder("There are some problems with the CLI configuration:\n");
        io.capstan.hcl.diag.DiagnosticRenderer r78 = new io.capstan.hcl.diag.DiagnosticRenderer(
                io.capstan.hcl.body.File.sources(java.util.List.of()), true, 78);
        for (Diagnostic d : r.diagnostics()) {
            sb.append(uncoloured(r78.render(d))).append('\n');
        }
        if (r.hasErrors()) {
            sb.append("As a result of the above problems, Capstan may not behave as intended.\n\n\n");
        }
        err.print(sb);
        err.flush();
    }

    /** A framed diagnostic without its colour codes, an empty line's rule without its space, as terraform's uncoloured frame. */
    private static String uncoloured(String framed) {
        StringBuilder out = new StringBuilder(framed.length());
        for (String line : framed.replaceAll("\u001b\\[[0-9;]*m", "").split("\n", -1)) {
            out.append(line.equals("\u2502 ") ? "\u2502" : line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** The CLI configuration of this run: the one {@link #announce} read, else read now (there was no file then). */
    static CliConfig load() {
        CliConfig c = loaded;
        if (c == null) {
            Map<String, String> env = Main.environment();
            c = CliConfig.load(absolute(env), home(env)).value();
            loaded = c;
        }
        return c;
    }

    /** The overrides of this run's CLI configuration. */
    static Map<ProviderAddress, Path> of() {
        return load().devOverrides();
    }

    /** The file terraform reads: {@code TF_CLI_CONFIG_FILE} against the run's own directory (not -chdir's), else ~/.terraformrc. */
    private static Path file(Map<String, String> env) {
        String explicit = env.get("TF_CLI_CONFIG_FILE");
        return explicit != null && !explicit.isEmpty() ? Main.startDirectory().resolve(explicit)
                : home(env).resolve(".terraformrc");
    }

    /** {@code env} with a relative {@code TF_CLI_CONFIG_FILE} made absolute (a resident process's directory is not the client's). */
    private static Map<String, String> absolute(Map<String, String> env) {
        String explicit = env.get("TF_CLI_CONFIG_FILE");
        if (explicit == null || explicit.isEmpty() || Path.of(explicit).isAbsolute()) {
            return env;
        }
        Map<String, String> copy = new java.util.HashMap<>(env);
        copy.put("TF_CLI_CONFIG_FILE", file(env).toString());
        return copy;
    }

    private static Path home(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"));
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
