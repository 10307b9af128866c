package io.capstan.cli.init;

import io.capstan.cli.backend.BackendException;
import io.capstan.cli.backend.BackendSetup;
import io.capstan.cli.backend.LockOptions;
import io.capstan.graph.config.ConfigLoader;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.DiagnosticRenderer;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.provider.install.CliConfig;
import io.capstan.provider.install.InstallEvents;
import io.capstan.provider.install.InstallResult;
import io.capstan.provider.install.InstallSources;
import io.capstan.provider.install.LockFile;
import io.capstan.provider.install.ProviderAddress;
import io.capstan.provider.install.ProviderInstaller;
import io.capstan.provider.install.Version;
import io.capstan.provider.install.VersionConstraints;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One run of {@code capstan init}: the steps of {@code terraform init} in its order and with
 * its words ("Initializing the backend...", "Initializing modules...", "Initializing provider
 * plugins...", the lock-file paragraph, "... has been successfully initialized!"), Capstan
 * named where Terraform names itself. Warnings go to stdout and errors to stderr, as there.
 */
public final class InitRun {
    /** The flags of {@code init}. */
    public record Options(List<Path> pluginDirs, boolean upgrade, boolean lockfileReadonly, boolean backend,
                          List<String> backendConfig, boolean migrateState, boolean reconfigure, boolean forceCopy,
                          boolean input, boolean get, boolean color) {
        public Options {
            pluginDirs = List.copyOf(pluginDirs);
            backendConfig = List.copyOf(backendConfig);
        }
    }

    private final Path workDir;
    private final Map<String, String> env;
    private final Path home;
    private final Options options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, File> files = new HashMap<>();

    public InitRun(Path workDir, Map<String, String> env, Path home, Options options, PrintWriter out, PrintWriter err) {
        this.workDir = Objects.requireNonNull(workDir, "workDir").toAbsolutePath().normalize();
        this.env = Objects.requireNonNull(env, "env");
        this.home = Objects.requireNonNull(home, "home");
        this.options = Objects.requireNonNull(options, "options");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /**
     * The backend part of init: first-time setup, a changed backend block (refused unless
     * {@code -migrate-state}, {@code -force-copy} or {@code -reconfigure}), and state migration.
     */
    private Diagnostics backendStep(ModuleTree tree) {
        Diagnostics d = new Diagnostics();
        BackendSetup.Mode mode = options.reconfigure() ? BackendSetup.Mode.RECONFIGURE
                : options.migrateState() ? BackendSetup.Mode.MIGRATE_STATE : BackendSetup.Mode.DEFAULT;
        try {
            BackendSetup.Outcome o = BackendSetup.run(new BackendSetup.Request(workDir,
                    java.util.Optional.ofNullable(tree.module().backend()), options.backendConfig(), mode,
                    options.forceCopy(), LockOptions.of(true, java.time.Duration.ZERO)));
            String type = o.settings().type();
            if (o.kind() == BackendSetup.Kind.MIGRATED && !o.migratedWorkspaces().isEmpty()) {
                out.println("Successfully copied the state of workspace(s) "
                        + String.join(", ", o.migratedWorkspaces()) + " to the new backend.");
            }
            if (o.kind() != BackendSetup.Kind.UNCHANGED && tree.module().backend() != null) {
                out.println();
                out.println(bold("Successfully configured the backend \"" + type + "\"! Capstan will automatically")
                        + "\n" + bold("use this backend unless the backend configuration changes."));
            }
        } catch (BackendException e) {
            d.add(e.diagnostic());
        }
        return d;
    }

    /** The working directory's data directory: {@code TF_DATA_DIR} or {@code .terraform}. */
    public static Path dataDir(Path workDir, Map<String, String> env) {
        return ProviderInstaller.dataDir(workDir, env);
    }

    /** Runs init and returns the exit code. */
    public int run() {
        try {
            return steps();
        } catch (IOException e) {
            return fail(new Diagnostics().add(Diagnostic.error("Failed to initialize the working directory",
                    e.getClass().getSimpleName() + ": " + e.getMessage(), null)));
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int steps() throws IOException {
        if (!hasConfiguration()) {
            out.println(bold("Capstan initialized in an empty directory!"));
            out.println();
            out.println("The directory has no Terraform configuration files. You may begin working");
            out.println("with Capstan immediately by creating Terraform configuration files.");
            return 0;
        }
        Path dataDir = dataDir(workDir, env);
        Result<ModuleTree> loaded = ConfigLoader.load(workDir);
        ModuleTree tree = loaded.value();
        tree.walk(t -> t.module().files().forEach(f -> files.put(f.filename(), f)));
        if (loaded.hasErrors()) {
            if (options.get() && !tree.children().isEmpty()) {
                // terraform installs the modules before it loads the whole configuration, so the modules
                // that loaded are recorded even though init fails (its "Initializing modules..." lines are not
                // printed here); later commands then report what terraform reports
                ModulesManifest.write(dataDir, ModulesManifest.entries(tree, workDir));
            }
            if (options.backend() && tree.module().backend() == null) {
                // terraform sets the backend up (the default local one says only this) before it reports
                // the configuration's errors
                out.println(bold("Initializing the backend..."));
                out.flush();
            }
            // terraform's own words, as every error Capstan prints: an error diagnostic without a source,
            // so printed first ("Error: Terraform encountered..."), its colour reset opening the summary
            Diagnostics all = new Diagnostics().add(Diagnostic.error((options.color() ? "\u001b[0m" : "")
                    + "Terraform encountered problems during initialisation, including problems\nwith the "
                    + "configuration, described below.\n\nThe Terraform configuration must be valid before "
                    + "initialization so that\nTerraform can determine which modules and providers need to be "
                    + "installed.", "", null));
            return fail(all.addAll(loaded.diagnostics()));
        }
        Diagnostics warnings = new Diagnostics();
        loaded.diagnostics().forEach(warnings::add);

        if (options.backend()) {
            out.println(bold("Initializing the backend..."));
            Diagnostics backendDiags = backendStep(tree);
            if (backendDiags.hasErrors()) {
                return fail(backendDiags);
            }
        }

        if (!tree.children().isEmpty()) {
            installModules(tree, dataDir);
        }

        out.println(bold("Initializing provider plugins..."));
        // as terraform: overridden providers are installed as the others, but what init selects for them
        // is not what later commands run, which the warning says first (printed with the other warnings,
        // or with the errors when init fails)
        CliConfig cliConfig = CliConfig.load(env, home).value();
        Diagnostics overrideWarning = io.capstan.cli.DevOverrides.initWarning(cliConfig.devOverrides());
        Diagnostics reqDiags = new Diagnostics().addAll(overrideWarning);
        ModuleRequirements reqs = ModuleRequirements.collect(tree, reqDiags);
        if (reqDiags.hasErrors()) {
            return fail(reqDiags);
        }
        warnings.addAll(overrideWarning);
        InstallSources sources = options.pluginDirs().isEmpty()
                ? InstallSources.resolve(cliConfig, workDir, env, home)
                : InstallSources.pluginDirs(options.pluginDirs().stream().map(p -> workDir.resolve(p)).toList());
        writePluginPath(dataDir);
        Result<LockFile> prevLock = ProviderInstaller.readLock(workDir);
        if (prevLock != null && prevLock.hasErrors()) {
            return fail(new Diagnostics().addAll(overrideWarning).addAll(prevLock.diagnostics()));
        }
        ProviderInstaller installer = new ProviderInstaller(sources, dataDir, new ProviderInstaller.Options(
                options.upgrade(), options.lockfileReadonly(), cliConfig.pluginCacheDir(),
                ProviderInstaller.currentPlatform()), new Progress());
        InstallResult r = installer.install(reqs.merged(), prevLock == null ? null : prevLock.value(), workDir);
        if (r.diagnostics().hasErrors()) {
            return fail(new Diagnostics().addAll(overrideWarning).addAll(r.diagnostics()));
        }
        if (r.lockChanged() && !r.lock().providers().isEmpty()) {
            if (!r.lockExisted()) {
                out.println("Capstan has created a lock file " + bold(LockFile.FILE_NAME) + " to record the provider");
                out.println("selections it made above. Include this file in your version control repository");
                out.println("so that Capstan can guarantee to make the same selections by default when");
                out.println("you run \"capstan init\" in the future.");
            } else {
                out.println("Capstan has made some changes to the provider dependency selections recorded");
                out.println("in the " + LockFile.FILE_NAME + " file. Review those changes and commit them to your");
                out.println("version control system if they represent changes you intended to make.");
            }
        }
        out.println();
        if (!r.locallyHashed().isEmpty()) {
            warnings.add(incompleteLockWarning(r.locallyHashed(), ProviderInstaller.currentPlatform()));
        }
        if (!warnings.isEmpty()) {
            out.print(renderer().renderAll(warnings));
        }
        out.println(color("\u001b[1m\u001b[32m", "Capstan has been successfully initialized!"));
        String automation = env.get("TF_IN_AUTOMATION");
        if (automation != null && !automation.isEmpty()) {
            return 0; // as terraform: the next steps for a person at a shell are left out
        }
        out.println();
        out.println("You may now begin working with Capstan. Try running \"capstan plan\" to see");
        out.println("any changes that are required for your infrastructure. All Capstan commands");
        out.println("should now work.");
        out.println();
        out.println("If you ever set or change modules or backend configuration for Capstan,");
        out.println("rerun this command to reinitialize your working directory. If you forget, other");
        out.println("commands will detect it and remind you to do so if necessary.");
        return 0;
    }

    private void installModules(ModuleTree tree, Path dataDir) throws IOException {
        out.println(bold(options.upgrade() ? "Upgrading modules..." : "Initializing modules..."));
        if (!options.get()) {
            return;
        }
        Map<String, ModulesManifest.Entry> before = ModulesManifest.read(dataDir);
        List<ModulesManifest.Entry> now = ModulesManifest.entries(tree, workDir);
        for (ModulesManifest.Entry e : now) {
            if (!e.key().isEmpty() && (options.upgrade() || !e.equals(before.get(e.key())))) {
                out.println("- " + e.key() + " in " + e.dir());
            }
        }
        ModulesManifest.write(dataDir, now);
    }

    private void writePluginPath(Path dataDir) throws IOException {
        Path f = dataDir.resolve("plugin_path");
        if (options.pluginDirs().isEmpty()) {
            Files.deleteIfExists(f);
            return;
        }
        Files.createDirectories(dataDir);
        String body = options.pluginDirs().stream()
                .map(p -> "  \"" + p.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",\n", "[\n", "\n]"));
        Files.writeString(f, body);
    }

    private static Diagnostic incompleteLockWarning(List<ProviderAddress> hashed, String platform) {
        StringBuilder d = new StringBuilder("Due to your customized provider installation methods, Capstan was forced "
                + "to calculate lock file checksums locally for the following providers:\n");
        hashed.forEach(a -> d.append("  - ").append(a.forDisplay()).append('\n'));
        d.append("\nThe current ").append(LockFile.FILE_NAME).append(" file only includes checksums for ")
                .append(platform).append(", so Capstan or Terraform running on another platform will fail to install "
                        + "these providers.\n\nTo calculate additional checksums for another platform, run:\n"
                        + "  terraform providers lock -platform=").append(platform).append('\n')
                .append("(where ").append(platform).append(" is the platform to generate; this needs the provider "
                        + "registry, which Capstan cannot reach here)");
        return Diagnostic.warning("Incomplete lock file information for providers", d.toString(), null);
    }

    private boolean hasConfiguration() throws IOException {
        try (Stream<Path> s = Files.list(workDir)) {
            return s.anyMatch(p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".tf") || n.endsWith(".tf.json")) && !n.startsWith(".") && Files.isRegularFile(p);
            });
        }
    }

    private int fail(Diagnostics diags) {
        err.print(renderer().renderAll(diags));
        err.flush();
        return 1;
    }

    private DiagnosticRenderer renderer() {
        return new DiagnosticRenderer(File.sources(files.values()), options.color(), io.capstan.cli.TerminalWidth.columns());
    }

    private String bold(String s) {
        return color("\u001b[1m", s);
    }

    private String color(String code, String s) {
        return options.color() ? "\u001b[0m" + code + s + "\u001b[0m" : s;
    }

    /** Prints the installer's steps as Terraform's "- ..." lines. */
    private final class Progress implements InstallEvents {
        @Override
        public void builtIn(ProviderAddress a) {
            out.println("- " + a + " is built in to Capstan");
            out.flush();
        }

        @Override
        public void reusingLocked(ProviderAddress a, Version v) {
            out.println("- Reusing previous version of " + a.forDisplay() + " from the dependency lock file");
            out.flush();
        }

        @Override
        public void finding(ProviderAddress a, VersionConstraints c) {
            out.println(c.isEmpty() ? "- Finding latest version of " + a.forDisplay() + "..."
                    : "- Finding " + a.forDisplay() + " versions matching \"" + c + "\"...");
            out.flush();
        }

        @Override
        public void usingPreviouslyInstalled(ProviderAddress a, Version v) {
            out.println("- Using previously-installed " + a.forDisplay() + " v" + v);
            out.flush();
        }

        @Override
        public void installing(ProviderAddress a, Version v) {
            out.println("- Installing " + a.forDisplay() + " v" + v + "...");
            out.flush();
        }

        @Override
        public void installed(ProviderAddress a, Version v, String authentication) {
            out.println("- Installed " + a.forDisplay() + " v" + v + " (" + authentication + ")");
            out.flush();
        }
    }
}
