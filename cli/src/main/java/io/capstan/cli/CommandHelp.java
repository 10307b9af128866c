package io.capstan.cli;

import java.util.Set;
import java.util.function.Function;

/**
 * A command's help, asked for as terraform 1.11.4's command-line library takes it: {@code -h},
 * {@code -help} or {@code --help} anywhere before {@code --} (before the command, after it, after
 * its positional arguments) prints the command's help on standard output, exit code 0, before the
 * command parses anything. The command is the first argument that is not a flag, with the next
 * argument when that names one of its subcommands ({@code state list}). Only the exact spellings
 * count: {@code --h} is left to the command's flag parser (Go's "flag: help requested").
 */
final class CommandHelp {
    private CommandHelp() {
    }

    /** Commands whose help lists subcommands after their usage (state's and workspace's texts hold theirs). */
    private static final String PROVIDERS_SUBCOMMANDS = "\n\nSubcommands:\n"
            + "    schema    Print the schemas of the configuration's providers";

    /**
     * The command whose help the arguments ask for ("plan", "state list"), "" when they ask for help
     * without naming a command, or null when they do not ask for help.
     * {@code subcommands} gives a command's subcommand names.
     */
    static String requested(String[] args, Function<String, Set<String>> subcommands) {
        boolean help = false;
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (isHelp(a)) {
                help = true;
                break;
            }
        }
        if (!help) {
            return null;
        }
        String command = null;
        for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
            String a = args[i];
            if (command == null && !a.isEmpty() && a.charAt(0) != '-') {
                command = a;
                if (i + 1 < args.length && subcommands.apply(a).contains(args[i + 1])) {
                    command = a + " " + args[++i];
                }
            }
        }
        return command == null ? "" : command;
    }

    private static boolean isHelp(String a) {
        return a.equals("-h") || a.equals("-help") || a.equals("--help");
    }

    /**
     * The help of {@code command} as the command-line library prints it (the usage, then for a
     * command with subcommands their list, then a newline), or null when Capstan has no usage text
     * for it (its own commands keep picocli's handling).
     */
    static String text(String command) {
        if (!FlagErrors.hasUsage(command)) {
            return null;
        }
        return FlagErrors.usage(command) + (command.equals("providers") ? PROVIDERS_SUBCOMMANDS : "") + "\n";
    }
}
