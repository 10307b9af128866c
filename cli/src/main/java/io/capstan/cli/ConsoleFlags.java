package io.capstan.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code console}'s refusal of a flag it does not define ({@code -lock}, {@code -lock-timeout}...),
 * as terraform's console parses its flags: its usage, then "Error parsing command line flags: flag
 * provided but not defined: -NAME", both on standard error in its error colour unless
 * {@code -no-color} is among the arguments (wherever it is), exit code 1.
 */
final class ConsoleFlags {
    private ConsoleFlags() {
    }

    static final String USAGE = """
            Usage: capstan [global options] console [options]

              Starts an interactive console for experimenting with Terraform
              interpolations.

              This will open an interactive console that you can use to type
              interpolations into and inspect their values. This command loads the
              current state. This lets you explore and test interpolations before
              using them in future configurations.

              This command will never modify your state.

            Options:

              -state=path       Legacy option for the local backend only. See the local
                                backend's documentation for more information.

              -plan             Create a new plan (as if running "terraform plan") and
                                then evaluate expressions against its planned state,
                                instead of evaluating against the current state.
                                You can use this to inspect the effects of configuration
                                changes that haven't been applied yet.

              -var 'foo=bar'    Set a variable in the Terraform configuration. This
                                flag can be set multiple times.

              -var-file=foo     Set variables in the Terraform configuration from
                                a file. If "terraform.tfvars" or any ".auto.tfvars"
                                files are present, they will be automatically loaded.""";

    /**
     * Prints terraform's refusal when {@code ex} is an undefined flag given to {@code console}
     * ({@code args} the run's arguments after the command name) and returns true; false for
     * anything else (left to the generic handler).
     */
    static boolean refused(CommandLine.ParameterException ex, List<String> args, PrintWriter err) {
        if (!(ex.getCommandLine().getCommand() instanceof ConsoleCommand)
                || !(ex instanceof CommandLine.UnmatchedArgumentException u)) {
            return false;
        }
        String flag = u.getUnmatched().stream().filter(a -> a.length() > 1 && a.startsWith("-")).findFirst()
                .orElse(null);
        if (flag == null) {
            return false;
        }
        // Go's flag package names the flag without its dashes and value, with one dash
        String name = flag.replaceFirst("^--?", "");
        int eq = name.indexOf('=');
        if (eq >= 0) {
            name = name.substring(0, eq);
        }
        boolean color = !args.contains("--no-color") && !args.contains("-no-color");
        err.print(uiError(USAGE, color));
        err.print(uiError("Error parsing command line flags: flag provided but not defined: -" + name + "\n", color));
        err.flush();
        return true;
    }

    /** terraform's {@code Ui.Error}: the text in its error colour (reset twice), then a newline. */
    private static String uiError(String text, boolean color) {
        return color ? "\u001b[31m" + text + "\u001b[0m\u001b[0m\n" : text + "\n";
    }
}
