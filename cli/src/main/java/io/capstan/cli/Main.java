package io.capstan.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The composition root of {@code bin/capstan}: builds the picocli command tree and maps
 * outcomes to Terraform's exit codes (0 success, 1 error, 2 for {@code -detailed-exitcode}
 * "changes present" and usage errors of some commands).
 */
@Command(name = "capstan",
        description = "Capstan: infrastructure as code in the Terraform language.",
        subcommands = {VersionCommand.class, ConsoleCommand.class, ValidateCommand.class, GraphCommand.class},
        mixinStandardHelpOptions = false)
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (testable without exiting). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length > 0 && (args[0].equals("-version") || args[0].equals("--version") || args[0].equals("-v"))) {
            args[0] = "version";
        }
        args = TerraformFlags.normalize(args);
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        if (args.length == 0 || isHelp(args[0])) {
            out.print(Usage.text(cmd));
            out.flush();
            return args.length == 0 ? 1 : 0;
        }
        if (!cmd.getSubcommands().containsKey(args[0])) {
            err.print(Usage.text(cmd));
            err.println();
            err.println("Capstan has no command named \"" + args[0] + "\".");
            err.println();
            err.println("To see all of Capstan's top-level commands, run:");
            err.println("  capstan -help");
            err.println();
            err.flush();
            return 1;
        }
        cmd.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("Error: " + ex.getMessage());
            c.getErr().println();
            c.getErr().println("Run \"capstan " + c.getCommandName() + " -help\" for usage.");
            c.getErr().flush();
            return 1;
        });
        cmd.setExecutionExceptionHandler((ex, c, parseResult) -> {
            c.getErr().println("Error: " + ex.getMessage());
            c.getErr().flush();
            if (System.getenv("TF_LOG") != null) {
                ex.printStackTrace(c.getErr());
            }
            return 1;
        });
        return cmd.execute(args);
    }

    private static boolean isHelp(String a) {
        return a.equals("-help") || a.equals("--help") || a.equals("-h") || a.equals("help");
    }

    @Override
    public void run() {
        // Handled in run(String[]...): a bare "capstan" prints usage.
    }
}
