package io.capstan.cli;

import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.DiagnosticRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A flag the command does not define, a flag without its value or with a value of the wrong kind,
 * answered as terraform 1.11.4 answers it: Go's flag package words the problem ("flag provided but
 * not defined: -x", "flag needs an argument: -out", "invalid boolean value ..."), and each command
 * reports it in its own way, exit code 1:
 * <ul>
 * <li>the commands on terraform's views ({@code plan}, {@code apply}, {@code destroy}, {@code
 * refresh}, {@code output}, {@code show}, {@code validate}): the error diagnostic "Failed to parse
 * command-line flags" and a prompt to run {@code -help}; {@code init}: the diagnostic alone;</li>
 * <li>the older commands ({@code fmt}, {@code graph}, {@code console}, {@code taint}, {@code
 * workspace new}...): their usage, then "Error parsing command-line flags: ...", both in the UI's
 * error colour; {@code import}: the usage alone;</li>
 * <li>{@code state} subcommands: the error line alone, {@code state list} and {@code state
 * replace-provider} then their usage on standard output (uncoloured), {@code state show} never
 * coloured.</li>
 * </ul>
 * Colours unless {@code -no-color} is among the arguments (wherever it is), on a terminal or not,
 * as terraform's. The usage texts are Capstan's own words in terraform's layout, listing the same flags
 * (less those Capstan lacks). Commands of
 * Capstan's own (state history and rollback, the orchestrator) keep picocli's message.
 */
final class FlagErrors {
    private FlagErrors() {
    }

    private enum Style {
        /** A diagnostic, then "For more help on using this command" (the view commands). */
        VIEW,
        /** A diagnostic only (init). */
        DIAGNOSTIC,
        /** Usage, then the error line, both in the error colour. */
        USAGE_ERROR,
        /** Usage alone in the error colour (import). */
        USAGE,
        /** The error line in the error colour, then usage on standard output. */
        ERROR_HELP,
        /** The error line in the error colour. */
        ERROR,
        /** The error line, never coloured (state show). */
        PLAIN
    }

    private static final Map<String, Style> STYLES = Map.ofEntries(
            Map.entry("plan", Style.VIEW), Map.entry("apply", Style.VIEW), Map.entry("destroy", Style.VIEW),
            Map.entry("refresh", Style.VIEW), Map.entry("output", Style.VIEW), Map.entry("show", Style.VIEW),
            Map.entry("validate", Style.VIEW), Map.entry("init", Style.DIAGNOSTIC),
            Map.entry("import", Style.USAGE), Map.entry("fmt", Style.USAGE_ERROR), Map.entry("graph", Style.USAGE_ERROR),
            Map.entry("providers", Style.USAGE_ERROR), Map.entry("providers schema", Style.USAGE_ERROR),
            Map.entry("force-unlock", Style.USAGE_ERROR), Map.entry("taint", Style.USAGE_ERROR),
            Map.entry("untaint", Style.USAGE_ERROR), Map.entry("version", Style.USAGE_ERROR),
            Map.entry("console", Style.USAGE_ERROR),
            Map.entry("workspace list", Style.USAGE_ERROR), Map.entry("workspace new", Style.USAGE_ERROR),
            Map.entry("workspace select", Style.USAGE_ERROR), Map.entry("workspace show", Style.USAGE_ERROR),
            Map.entry("workspace delete", Style.USAGE_ERROR),
            Map.entry("state list", Style.ERROR_HELP), Map.entry("state replace-provider", Style.ERROR_HELP),
            Map.entry("state mv", Style.ERROR), Map.entry("state rm", Style.ERROR), Map.entry("state pull", Style.ERROR),
            Map.entry("state push", Style.ERROR), Map.entry("state show", Style.PLAIN));

    /** Whether {@code command} ("plan", "state rm") is one terraform also has (Capstan's own are not). */
    static boolean isTerraformCommand(String command) {
        return STYLES.containsKey(command);
    }

    private static final DiagnosticRenderer.Sources NO_SOURCES = File.sources(List.of());

    /**
     * Prints terraform's answer when {@code ex} is a flag problem of a command terraform also has
     * ({@code args} the run's arguments) and returns the exit code (0 for a request for help of a
     * command whose usage Capstan has); null for anything else (left to the generic handler).
     */
    static Integer refused(CommandLine.ParameterException ex, List<String> args, PrintWriter out, PrintWriter err) {
        CommandLine c = ex.getCommandLine();
        String command = c.getCommandSpec().qualifiedName(" ");
        int sp = command.indexOf(' ');
        command = sp < 0 ? "" : command.substring(sp + 1);
        if (command.equals("state") || command.equals("workspace")) {
            // without a subcommand they know, terraform's state and workspace print their help on standard output
            out.print(CommandHelp.text(command));
            out.flush();
            return 1;
        }
        Style style = STYLES.get(command);
        if (style == null) {
            return null;
        }
        int depth = command.split(" ").length;
        List<String> own = args.size() > depth ? args.subList(depth, args.size()) : List.of();
        Problem found = goFlagProblem(c.getCommandSpec(), own);
        if (found == null) {
            return null;
        }
        String problem = found.text();
        boolean color = style != Style.PLAIN && !args.contains("--no-color") && !args.contains("-no-color");
        String errorLine = (command.equals("console") ? "Error parsing command line flags: "
                : "Error parsing command-line flags: ") + problem + "\n";
        switch (style) {
            case VIEW, DIAGNOSTIC -> {
                Diagnostic extra = style == Style.VIEW ? tooMany(command, found.rest().size()) : null;
                viewErrors(command, style == Style.VIEW, color, err,
                        Diagnostic.error("Failed to parse command-line flags", problem, null), extra);
            }
            case USAGE_ERROR -> {
                err.print(uiError(usage(command), color));
                err.print(uiError(errorLine, color));
            }
            case USAGE -> err.print(uiError(usage(command), color));
            case ERROR_HELP -> {
                err.print(uiError(errorLine, color));
                err.flush();
                out.print(usage(command) + "\n");
                out.flush();
            }
            case ERROR -> err.print(uiError(errorLine, color));
            case PLAIN -> err.print(errorLine);
            default -> throw new IllegalStateException(style.toString());
        }
        err.flush();
        return 1;
    }

    /**
     * What Go's flag package says of the command's arguments, parsed as it parses them (flags up to
     * the first argument that is not one, or {@code --}; a flag not a boolean takes the next
     * argument as its value when it has none after {@code =}), or null when it finds nothing wrong
     * (picocli's complaint is then about positional arguments, which each command words itself).
     * {@code -no-color} is always known: terraform takes it out before parsing.
     */
    static Problem goFlagProblem(CommandSpec spec, List<String> args) {
        Problem p = goParse(spec, args);
        return p.text() == null ? null : p;
    }

    /**
     * Go's flag package's parse of the command's arguments: its problem with them, or (text null) the
     * positional arguments it leaves.
     */
    static Problem goParse(CommandSpec spec, List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.length() < 2 || a.charAt(0) != '-') {
                return new Problem(null, args.subList(i, args.size()));
            }
            if (a.equals("--")) {
                return new Problem(null, args.subList(i + 1, args.size()));
            }
            String name = a.startsWith("--") ? a.substring(2) : a.substring(1);
            if (name.isEmpty() || name.startsWith("-") || name.startsWith("=")) {
                // the one problem Go's parser finds before taking the argument off
                return new Problem("bad flag syntax: " + a, args.subList(i, args.size()));
            }
            List<String> rest = args.subList(i + 1, args.size());
            int eq = name.indexOf('=');
            String value = eq >= 0 ? name.substring(eq + 1) : null;
            name = eq >= 0 ? name.substring(0, eq) : name;
            if (name.equals("no-color")) {
                continue;
            }
            OptionSpec o = spec.findOption("--" + name);
            if (o == null) {
                o = spec.findOption("-" + name);
            }
            if (o == null && (name.equals("h") || name.equals("help"))) {
                // Go's flag.ErrHelp for an undefined -h or -help (here --h: the exact -h, -help and --help never get here)
                return new Problem("flag: help requested", rest);
            }
            if (o == null) {
                return new Problem("flag provided but not defined: -" + name, rest);
            }
            Class<?> type = o.type();
            if (type == boolean.class || type == Boolean.class) {
                if (value != null && !GO_BOOLEANS.contains(value)) {
                    return new Problem("invalid boolean value " + ImportCommand.goQuote(value) + " for -" + name
                            + ": parse error", rest);
                }
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    return new Problem("flag needs an argument: -" + name, rest);
                }
                value = args.get(++i);
                rest = args.subList(i + 1, args.size());
            }
            if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
                try {
                    Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return new Problem("invalid value " + ImportCommand.goQuote(value) + " for flag -" + name
                            + ": parse error", rest);
                }
            }
        }
        return new Problem(null, List.of());
    }

    /**
     * The view command's own complaint about the positional arguments left after the flags (terraform
     * goes on checking them after a flag it could not parse), or null.
     */
    static Diagnostic tooMany(String command, int n) {
        String more = "Expected at most one positional argument.";
        return switch (command) {
            case "plan" -> n > 0 ? Diagnostic.error("Too many command line arguments",
                    "To specify a working directory for the plan, use the global -chdir flag.", null) : null;
            case "refresh" -> n > 0 ? Diagnostic.error("Too many command line arguments", more, null) : null;
            case "apply", "destroy", "validate", "show" -> n > 1
                    ? Diagnostic.error("Too many command line arguments", more, null) : null;
            case "output" -> n > 1 ? Diagnostic.error("Unexpected argument", "The output command expects exactly one "
                    + "argument with the name of an output variable or no arguments to show all outputs.", null) : null;
            default -> null;
        };
    }

    /**
     * A view command's (or init's) errors: each diagnostic (nulls skipped), then for a view command the
     * prompt to run its help.
     */
    static void viewErrors(String command, boolean prompt, boolean color, PrintWriter err, Diagnostic... diagnostics) {
        DiagnosticRenderer r = new DiagnosticRenderer(NO_SOURCES, color, TerminalWidth.columns());
        for (Diagnostic d : diagnostics) {
            if (d != null) {
                err.print(r.render(d));
            }
        }
        if (prompt) {
            err.print("\nFor more help on using this command, run:\n  capstan " + command + " -help\n");
        }
    }

    /** Go's words for a flag problem (null when none), and the arguments its parser left (what the command then counts). */
    record Problem(String text, List<String> rest) {
    }

    /** What Go's {@code strconv.ParseBool} accepts. */
    private static final java.util.Set<String> GO_BOOLEANS = java.util.Set.of("1", "t", "T", "TRUE", "true", "True",
            "0", "f", "F", "FALSE", "false", "False");

    /** terraform's {@code Ui.Error}: the text in its error colour (reset twice), then a newline. */
    static String uiError(String text, boolean color) {
        return color ? "\u001b[31m" + text + "\u001b[0m\u001b[0m\n" : text + "\n";
    }

    /** Whether Capstan has a usage text for {@code command} ("plan", "state list"). */
    static boolean hasUsage(String command) {
        return command.equals("console")
                || FlagErrors.class.getResource("usage/" + command.replace(' ', '-') + ".txt") != null;
    }

    /** The command's usage (console's in {@link ConsoleFlags}), where terraform prints its own. */
    static String usage(String command) {
        if (command.equals("console")) {
            return ConsoleFlags.USAGE;
        }
        String name = "usage/" + command.replace(' ', '-') + ".txt";
        try (InputStream in = FlagErrors.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no usage text " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
