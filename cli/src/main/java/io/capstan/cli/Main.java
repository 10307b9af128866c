package io.capstan.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The composition root of {@code bin/capstan}: builds the picocli command tree and maps
 * outcomes to Terraform's exit codes (0 success, 1 error, 2 for {@code -detailed-exitcode}
 * "changes present" and usage errors of some commands).
 *
 * <p>Start-up matters for small commands, so only the subcommand actually invoked is
 * instantiated and introspected by picocli; the top-level help lists every command from the
 * static table {@link #COMMANDS} (kept equal to each command's {@code @Command} description
 * by a test), and {@link #newCommand} names each class in a plain {@code switch} so that,
 * for instance, {@code capstan validate} never loads the orchestrator's gRPC stack.
 */
@Command(name = "capstan",
        description = "Capstan: infrastructure as code in the Terraform language.",
        mixinStandardHelpOptions = false)
public final class Main implements Runnable {

    static {
        // picocli's default factory looks for groovy.lang.Closure when it is first used (for Groovy
        // closures in annotations), and that miss made the class loader open every jar of the class
        // path (106) to search them: their central directories, 3.6 MB of byte arrays, stayed in
        // the heap for the whole run. picocli's own switch skips the lookup (Capstan has no Groovy).
        System.setProperty("picocli.disable.closures", "true");
        // Each CommandLine registers converters for java.sql and java.time types by reflection
        // (Class.forName and a method lookup each), which loaded about 150 classes a run never
        // uses (a count 1,000 plan loaded 195 classes there): no Capstan option or parameter has
        // such a type. picocli's own switch (regular expressions matched against class names)
        // leaves them out; one the user set is kept.
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        }
    }

    /** Every top-level command and its one-line description, in the order {@code -help} lists them. */
    static final String[][] COMMANDS = {
        {"apply", "Create or update infrastructure"},
        {"console", "Try Terraform expressions at an interactive command prompt"},
        {"destroy", "Destroy previously-created infrastructure"},
        {"fmt", "Reformat your configuration in the standard style"},
        {"force-unlock", "Release a stuck lock on the current workspace"},
        {"graph", "Generate a Graphviz graph of the steps in an operation"},
        {"import", "Associate existing infrastructure with a Terraform resource"},
        {"init", "Prepare your working directory for other commands"},
        {"orchestrator", "The built-in container orchestrator: run a server, agents or a dev cluster, and manage its objects."},
        {"output", "Show output values from your root module"},
        {"plan", "Show changes required by the current configuration"},
        {"providers", "Show the providers required for this configuration"},
        {"refresh", "Update the state to match remote systems"},
        {"show", "Show the current state or a saved plan"},
        {"state", "Advanced state management"},
        {"taint", "Mark a resource instance as not fully functional"},
        {"untaint", "Remove the 'tainted' state from a resource instance"},
        {"validate", "Check whether the configuration is valid"},
        {"version", "Show the current Capstan version"},
        {"workspace", "Workspace management"},
    };

    /** The directory named by the global {@code -chdir=DIR} option of the current run, or null. */
    static java.nio.file.Path chdir;

    /**
     * Set for one run by {@link #runFor}: the daemon client's working directory, whether it has
     * a console, and its environment; null in a normal process, which uses its own.
     */
    private static java.nio.file.Path clientDir;
    private static Boolean clientConsole;
    private static java.util.Map<String, String> clientEnv;
    private static java.io.InputStream clientInput;

    /** The directory the command works in: {@code -chdir}'s, else the (client's) current one. */
    public static java.nio.file.Path workingDirectory() {
        return chdir != null ? chdir : clientDir != null ? clientDir : java.nio.file.Path.of("").toAbsolutePath();
    }

    /** The directory the run was started in, {@code -chdir} not applied: the daemon client's, else this process's. */
    static java.nio.file.Path startDirectory() {
        return clientDir != null ? clientDir : java.nio.file.Path.of("").toAbsolutePath();
    }

    /** The environment of the run: the daemon client's, else this process's. */
    public static java.util.Map<String, String> environment() {
        return clientEnv != null ? clientEnv : System.getenv();
    }

    /** Whether output goes to a terminal (colours), as {@code System.console() != null} says in a normal process. */
    public static boolean console() {
        return clientConsole != null ? clientConsole : System.console() != null;
    }

    /** Standard input of the run: the daemon client's (lines it forwards on request), else this process's. */
    public static java.io.InputStream input() {
        return clientInput != null ? clientInput : System.in;
    }

    /** As {@link #runFor(java.nio.file.Path, boolean, java.util.Map, java.io.InputStream, String[], PrintWriter, PrintWriter)} with no input (end of file). */
    public static int runFor(java.nio.file.Path cwd, boolean console, java.util.Map<String, String> env,
            String[] args, PrintWriter out, PrintWriter err) {
        return runFor(cwd, console, env, java.io.InputStream.nullInputStream(), args, out, err);
    }

    /**
     * Runs one command on behalf of a {@code capstan} client in a resident process
     * ({@link io.capstan.cli.daemon.DaemonServer}): relative paths resolve against {@code cwd}
     * and logging follows the client's {@code TF_LOG}. Calls must not overlap.
     */
    public static int runFor(java.nio.file.Path cwd, boolean console, java.util.Map<String, String> env,
            java.io.InputStream input, String[] args, PrintWriter out, PrintWriter err) {
        clientDir = java.util.Objects.requireNonNull(cwd);
        clientInput = java.util.Objects.requireNonNull(input);
        clientConsole = console;
        clientEnv = java.util.Objects.requireNonNull(env);
        try {
            LogLevels.configure(env);
            return run(args, out, err);
        } finally {
            clientDir = null;
            clientConsole = null;
            clientEnv = null;
            clientInput = null;
            chdir = null;
        }
    }

    /** A new instance of the named command's class, or null when there is no such command. */
    static Object newCommand(String name) {
        switch (name) {
            case "apply": return new ApplyCommand();
            case "console": return new ConsoleCommand();
            case "destroy": return new DestroyCommand();
            case "import": return new ImportCommand();
            case "plan": return new PlanCommand();
            case "refresh": return new RefreshCommand();
            case "fmt": return new FmtCommand();
            case "force-unlock": return new ForceUnlockCommand();
            case "graph": return new GraphCommand();
            case "init": return new InitCommand();
            case "orchestrator": return new io.capstan.orchestrator.cli.OrchestratorCommand();
            case "output": return new OutputCommand();
            case "providers": return new ProvidersCommand();
            case "show": return new ShowCommand();
            case "state": return new StateCommand();
            case "taint": return new TaintCommand();
            case "untaint": return new UntaintCommand();
            case "validate": return new ValidateCommand();
            case "version": return new VersionCommand();
            case "workspace": return new WorkspaceCommand();
            default: return null;
        }
    }

    public static void main(String[] args) {
        LogLevels.configureAtStart(System.getenv());
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        // autoflush flushes println, not print: what a command printed last without a newline is not lost
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the CLI with the given streams and returns the exit code (testable without exiting). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        chdir = null;
        // as terraform's main: the CLI configuration's problems first, whatever the command (help and unknown ones too)
        DevOverrides.announce(err);
        if (args.length > 0 && args[0].startsWith("-chdir=")) {
            // Terraform's global option: run the subcommand as if started in DIR
            String d = args[0].substring("-chdir=".length());
            chdir = (clientDir != null ? clientDir.resolve(d) : java.nio.file.Path.of(d).toAbsolutePath()).normalize();
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        // the command's picocli model, built once: TF_CLI_ARGS needs its subcommands, the run needs it whole
        CommandModels commandLine = new CommandModels();
        try {
            args = CliArgsEnv.merge(args, environment(), commandLine);
        } catch (CliArgsEnv.BadValue e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
        if (args.length > 0 && (args[0].equals("-version") || args[0].equals("--version") || args[0].equals("-v"))) {
            args[0] = "version";
        }
        String helpOf = CommandHelp.requested(args, commandLine);
        if (helpOf != null && !helpOf.isEmpty()) {
            // terraform's command-line library answers -h, -help or --help before the command parses anything
            String help = commandLine.model(helpOf.split(" ")[0]) == null ? null : CommandHelp.text(helpOf);
            if (help != null) {
                out.print(help);
                out.flush();
                return 0;
            }
        }
        String[] given = args;
        args = TerraformFlags.normalize(args);
        if (args.length == 0 || isHelp(args[0])) {
            out.print(Usage.text(COMMANDS));
            out.flush();
            return args.length == 0 ? 1 : 0;
        }
        CommandLine sub = commandLine.model(args[0]);
        if (sub == null) {
            err.print(Usage.text(COMMANDS));
            err.println();
            err.println("Capstan has no command named \"" + args[0] + "\".");
            err.println();
            err.println("To see all of Capstan's top-level commands, run:");
            err.println("  capstan -help");
            err.println();
            err.flush();
            return 1;
        }
        // too many or too few positional arguments, counted and worded as terraform's commands do
        String path = args[0];
        CommandLine target = sub;
        if (args.length > 1 && sub.getSubcommands().containsKey(args[1])) {
            path = args[0] + " " + args[1];
            target = sub.getSubcommands().get(args[1]);
        }
        int depth = path.equals(args[0]) ? 1 : 2;
        java.util.List<String> own = java.util.Arrays.asList(given).subList(depth, given.length);
        Integer wrongCount = PositionalErrors.refused(path, target.getCommandSpec(), own, out, err);
        if (wrongCount != null) {
            return wrongCount;
        }
        // what follows the first positional argument is positional, flags too (Go's flag package stops there)
        java.util.List<String> goOrder = PositionalErrors.goOrder(path, target.getCommandSpec(), own);
        if (goOrder != null) {
            java.util.List<String> all = new java.util.ArrayList<>(java.util.Arrays.asList(given).subList(0, depth));
            all.addAll(goOrder);
            args = TerraformFlags.normalize(all.toArray(String[]::new));
        }
        // The root is specified directly, not introspected: its @Command says only its name (the
        // top-level help above is Usage's), and reading Main's annotations, fields and methods by
        // reflection cost each run's start-up a few percent of a 100-resource plan's samples
        CommandLine cmd = new CommandLine(CommandLine.Model.CommandSpec.wrapWithoutInspection(new Main()).name("capstan"));
        cmd.addSubcommand(args[0], sub);
        if (clientDir != null) {
            // Path arguments (validate DIR, graph -draw FILE, apply PLANFILE) are relative to the run's directory (-chdir's, else the client's).
            cmd.registerConverter(java.nio.file.Path.class, p -> workingDirectory().resolve(p));
        }
        cmd.setOut(out);
        cmd.setErr(err);
        // a flag given twice: the last value, as Go's flag package keeps it (picocli refuses by default)
        cmd.setOverwrittenOptionsAllowed(true);
        cmd.setParameterExceptionHandler(Handlers.INSTANCE);
        cmd.setExecutionExceptionHandler(Handlers.INSTANCE);
        if (io.capstan.cli.engine.Interrupts.ignoredBy(args[0])) {
            try (io.capstan.cli.engine.Interrupts ignored = io.capstan.cli.engine.Interrupts.ignoring()) {
                return cmd.execute(args);
            }
        }
        return cmd.execute(args);
    }

    /**
     * picocli's two error handlers, one small class rather than two lambdas. These implement picocli's
     * interfaces, which are compiled for Java 5: a class that implements them is linked when the class-data
     * archive is dumped, JDK 17 then leaves the linked picocli interface out of the archive, and every run
     * loaded it from the picocli jar, opening each jar of the class path before it. So bin/capstan leaves this
     * class out of the archive as it leaves out picocli's lambda proxies: it loads from capstan.jar, which is
     * open already, where JDK 17 spun both lambda classes (and a method handle class) on every run.
     */
    static final class Handlers implements CommandLine.IParameterExceptionHandler,
            CommandLine.IExecutionExceptionHandler {
        static final Handlers INSTANCE = new Handlers();

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] a) {
            CommandLine c = ex.getCommandLine();
            Integer refused = FlagErrors.refused(ex, java.util.List.of(a), c.getOut(), c.getErr());
            if (refused != null) {
                return refused;
            }
            c.getErr().println("Error: " + ex.getMessage());
            c.getErr().println();
            c.getErr().println("Run \"capstan " + c.getCommandName() + " -help\" for usage.");
            c.getErr().flush();
            return 1;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine c, CommandLine.ParseResult parseResult) {
            c.getErr().println("Error: " + ex.getMessage());
            c.getErr().flush();
            if ((clientEnv != null ? clientEnv.get("TF_LOG") : System.getenv("TF_LOG")) != null) {
                ex.printStackTrace(c.getErr());
            }
            return 1;
        }
    }

    /**
     * The commands' picocli models, each built on first use; as the function {@link CliArgsEnv#merge} takes, a
     * command's subcommand names. A class rather than lambdas: their proxies mention picocli's types, which
     * bin/capstan's archive recipe leaves out, so JDK 17 spun them (and its lambda machinery) on every run.
     */
    private static final class CommandModels implements java.util.function.Function<String, java.util.Set<String>> {
        private final java.util.Map<String, CommandLine> built = new java.util.HashMap<>(2);

        /** The named command's model, or null when there is no such command. */
        CommandLine model(String name) {
            CommandLine c = built.get(name);
            if (c == null) {
                Object command = newCommand(name);
                if (command == null) {
                    return null;
                }
                // the engine commands' models are built in code (EngineSpecs), not read from their annotations
                c = new CommandLine(command instanceof EngineCommand e ? EngineSpecs.of(e) : command);
                built.put(name, c);
            }
            return c;
        }

        @Override
        public java.util.Set<String> apply(String name) {
            CommandLine c = model(name);
            return c == null ? java.util.Set.of() : c.getSubcommands().keySet();
        }
    }

    private static boolean isHelp(String a) {
        return a.equals("-help") || a.equals("--help") || a.equals("-h") || a.equals("help");
    }

    @Override
    public void run() {
        // Handled in run(String[]...): a bare "capstan" prints usage.
    }
}
