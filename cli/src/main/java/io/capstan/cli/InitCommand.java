package io.capstan.cli;

import io.capstan.cli.init.InitRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code capstan init}: prepares the working directory as {@code terraform init} does —
 * backend, local modules ({@code .terraform/modules/modules.json}), provider plugins from
 * filesystem mirrors into {@code .terraform/providers}, and the dependency lock file —
 * printing Terraform's progress text with Capstan as the product name. Exit code 0 on
 * success, 1 on any error.
 */
@Command(name = "init", description = "Prepare your working directory for other commands")
public final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--plugin-dir", description = "Directory containing plugin packages; repeatable. When given, "
            + "only these directories are searched.")
    List<Path> pluginDirs = new ArrayList<>();

    @Option(names = "--upgrade", arity = "0..1", fallbackValue = "true",
            description = "Install the latest module and provider versions allowed within configured constraints.")
    boolean upgrade;

    @Option(names = "--lockfile", description = "Set a dependency lockfile mode. Currently only \"readonly\" is valid.")
    String lockfile;

    @Option(names = "--backend", arity = "0..1", fallbackValue = "true",
            description = "Disable backend or HCP Terraform initialization for this configuration with -backend=false.")
    boolean backend = true;

    @Option(names = "--backend-config", description = "Backend configuration: a file or key=value; repeatable.")
    List<String> backendConfig = new ArrayList<>();

    @Option(names = "--migrate-state", description = "Reconfigure a backend, and attempt to migrate any existing state.")
    boolean migrateState;

    @Option(names = "--reconfigure", description = "Reconfigure a backend, ignoring any saved configuration.")
    boolean reconfigure;

    @Option(names = "--force-copy", description = "Suppress prompts about copying state data when migrating.")
    boolean forceCopy;

    @Option(names = "--input", arity = "0..1", fallbackValue = "true", description = "Ask for input if necessary.")
    boolean input = true;

    @Option(names = "--get", arity = "0..1", fallbackValue = "true", description = "Disable downloading modules with -get=false.")
    boolean get = true;

    @Option(names = "--no-color", description = "If specified, output won't contain any color.")
    boolean noColor;

    private final Path workDir;
    private final Map<String, String> env;
    private final Path home;

    /** The command as {@code bin/capstan} runs it: the process's directory, environment and home. */
    public InitCommand() {
        this(Main.workingDirectory(), Main.environment(),
                Path.of(System.getProperty("user.home")));
    }

    /** For tests: an explicit working directory, environment and home directory. */
    public InitCommand(Path workDir, Map<String, String> env, Path home) {
        this.workDir = workDir;
        this.env = env;
        this.home = home;
    }

    @Override
    public Integer call() {
        if (lockfile != null && !lockfile.equals("readonly")) {
            spec.commandLine().getErr().println("\nError: Invalid lockfile mode\n\nThe lockfile mode \"" + lockfile
                    + "\" is not valid; the only supported mode is \"readonly\".\n");
            spec.commandLine().getErr().flush();
            return 1;
        }
        boolean color = !noColor; // as terraform: on a terminal or not
        InitRun.Options o = new InitRun.Options(pluginDirs, upgrade, "readonly".equals(lockfile), backend,
                backendConfig, migrateState, reconfigure, forceCopy, input, get, color);
        return new InitRun(workDir, env, home, o, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
    }
}
