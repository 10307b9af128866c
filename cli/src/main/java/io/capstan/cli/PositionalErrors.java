package io.capstan.cli;

import io.capstan.hcl.diag.Diagnostic;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Too many or too few positional arguments, answered as terraform 1.11.4 answers them, exit code 1.
 * The positional arguments are counted as terraform counts them: {@code -no-color} (and for the view
 * commands {@code -compact-warnings}) taken out wherever it is, then the flags parsed as Go's flag
 * package parses them, up to the first argument that is not a flag or {@code --}; what follows,
 * flags too, is positional ({@code taint ADDR -allow-missing} is two arguments). Each command words
 * the problem its own way:
 * <ul>
 * <li>the view commands: a "Too many command line arguments" (output: "Unexpected argument")
 * diagnostic and the help prompt; {@code init}: its diagnostic alone;</li>
 * <li>{@code graph}, {@code console}, {@code providers}, {@code workspace list} (any argument: terraform's
 * {@code ModulePath} refuses them all): one error line;</li>
 * <li>{@code version}, {@code workspace show}, {@code state pull}, {@code providers schema}: none (terraform's
 * ignore what follows them; those commands take them as hidden, unused parameters);</li>
 * <li>{@code taint}, {@code untaint}, {@code import}: the error line, then the usage, on standard
 * error in the error colour;</li>
 * <li>{@code force-unlock}, {@code workspace new/select/delete}, {@code state mv/rm/push/show/
 * replace-provider}: the error line, the help on standard output ({@code state show}'s line never
 * coloured).</li>
 * </ul>
 * A flag problem is left to {@link FlagErrors} (terraform's flag parse comes first).
 */
final class PositionalErrors {
    private PositionalErrors() {
    }

    private static final String CHDIR = "Too many command line arguments. Did you mean to use -chdir?";

    /**
     * Prints terraform's answer when {@code own} (the arguments after {@code command}, as given) holds
     * a number of positional arguments {@code command} refuses, and returns the exit code; null when
     * the count is right, the command is not one of these, or a flag is wrong.
     */
    static Integer refused(String command, CommandSpec spec, List<String> own, PrintWriter out, PrintWriter err) {
        boolean view = isView(command);
        List<String> args = new ArrayList<>(own.size());
        boolean color = true;
        for (String a : own) {
            if (a.equals("-no-color") || a.equals("--no-color")) {
                color = false;
            } else if (!(view && (a.equals("-compact-warnings") || a.equals("--compact-warnings")))) {
                args.add(a);
            }
        }
        FlagErrors.Problem parsed = FlagErrors.goParse(spec, args);
        if (parsed.text() != null) {
            return null;
        }
        int n = parsed.rest().size();
        if (view) {
            Diagnostic d = FlagErrors.tooMany(command, n);
            if (d == null) {
                return null;
            }
            FlagErrors.viewErrors(command, true, color, err, d);
            err.flush();
            return 1;
        }
        switch (command) {
            case "init" -> {
                if (n == 0) {
                    return null;
                }
                FlagErrors.viewErrors(command, false, color, err, Diagnostic.error(CHDIR, "", null));
            }
            case "graph", "console", "providers", "workspace list" -> {
                if (n == 0) {
                    return null;
                }
                err.print(FlagErrors.uiError(CHDIR, color));
            }
            case "taint", "untaint" -> {
                if (n == 1) {
                    return null;
                }
                err.print(FlagErrors.uiError("The " + command + " command expects exactly one argument.", color));
                err.print(FlagErrors.uiError(FlagErrors.usage(command), color));
            }
            case "import" -> {
                if (n == 2) {
                    return null;
                }
                err.print(FlagErrors.uiError("The import command expects two arguments.", color));
                err.print(FlagErrors.uiError(FlagErrors.usage(command), color));
            }
            case "force-unlock" -> {
                if (n == 1) {
                    return null;
                }
                return withHelp(command, FlagErrors.uiError("Expected a single argument: LOCK_ID", color), out, err);
            }
            case "workspace new", "workspace select", "workspace delete" -> {
                if (n == 1) {
                    return null;
                }
                return withHelp(command, FlagErrors.uiError("Expected a single argument: NAME.\n", color), out, err);
            }
            case "state mv", "state replace-provider" -> {
                if (n == 2) {
                    return null;
                }
                return withHelp(command, FlagErrors.uiError("Exactly two arguments expected.\n", color), out, err);
            }
            case "state rm" -> {
                if (n >= 1) {
                    return null;
                }
                return withHelp(command, FlagErrors.uiError("At least one address is required.\n", color), out, err);
            }
            case "state push" -> {
                if (n == 1) {
                    return null;
                }
                return withHelp(command, FlagErrors.uiError("Exactly one argument expected.\n", color), out, err);
            }
            case "state show" -> {
                if (n == 1) {
                    return null;
                }
                return withHelp(command, "Exactly one argument expected.\n", out, err);
            }
            default -> {
                return null;
            }
        }
        err.flush();
        return 1;
    }

    /**
     * The arguments after the command in the order that makes picocli read them as Go's flag package
     * does, or null when they are in that order already: where a positional argument is followed by
     * something that looks like a flag, {@code -no-color} (taken out wherever it is, as terraform
     * does) first, then the flags before the first positional argument, {@code --}, and the rest as
     * given ({@code state rm ADDR -dry-run} removes an "-dry-run" as terraform's does). Only for
     * terraform's commands, and only when the flags parse.
     */
    static List<String> goOrder(String command, CommandSpec spec, List<String> own) {
        if (!FlagErrors.isTerraformCommand(command)) {
            return null;
        }
        boolean view = isView(command);
        List<String> taken = new ArrayList<>();
        List<String> args = new ArrayList<>(own.size());
        for (String a : own) {
            (a.equals("-no-color") || (view && a.equals("-compact-warnings")) ? taken : args).add(a);
        }
        FlagErrors.Problem parsed = FlagErrors.goParse(spec, args);
        List<String> rest = parsed.rest();
        if (parsed.text() != null || rest.isEmpty() || rest.stream().noneMatch(a -> a.startsWith("-"))) {
            return null;
        }
        int first = args.size() - rest.size();
        if (first > 0 && args.get(first - 1).equals("--")) {
            return null; // picocli reads what follows -- as positional already
        }
        List<String> ordered = new ArrayList<>(taken);
        ordered.addAll(args.subList(0, first));
        ordered.add("--");
        ordered.addAll(rest);
        return ordered;
    }

    /** The commands on terraform's views, which take -no-color and -compact-warnings out wherever they are. */
    private static boolean isView(String command) {
        return switch (command) {
            case "plan", "apply", "destroy", "refresh", "validate", "show", "output" -> true;
            default -> false;
        };
    }

    /** The error, then the command's help on standard output (terraform's "help" result): exit code 1. */
    private static int withHelp(String command, String error, PrintWriter out, PrintWriter err) {
        err.print(error);
        err.flush();
        out.print(CommandHelp.text(command));
        out.flush();
        return 1;
    }
}
