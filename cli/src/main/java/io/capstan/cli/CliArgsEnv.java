package io.capstan.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * Terraform's {@code TF_CLI_ARGS} and {@code TF_CLI_ARGS_<command>}: extra arguments from the
 * environment, split as a shell splits words, inserted right after the command's last word
 * ({@code plan}, or {@code list} of {@code state list}) and so before the command line's own,
 * which therefore win where a later flag overrides an earlier one. {@code TF_CLI_ARGS} is merged
 * first and the command's own variable second, at the same place, so for
 * {@code TF_CLI_ARGS=-a TF_CLI_ARGS_plan=-b capstan plan -c} the command runs as
 * {@code plan -b -a -c}. The variable's name is the command with blanks and dashes made
 * underscores: {@code TF_CLI_ARGS_state_list}, {@code TF_CLI_ARGS_force_unlock}.
 *
 * <p>Splitting follows terraform's (checked against terraform 1.11 by
 * {@code CliArgsEnvDifferentialTest}): blanks, tabs and newlines separate words; single quotes
 * keep everything literally; a backslash escapes the next character outside single quotes (also
 * inside double quotes); {@code $}, backquotes and {@code #} are plain characters; an unquoted
 * {@code ; & | < >} ends the list (what follows is ignored); an unclosed quote or a trailing
 * backslash is an error.
 */
final class CliArgsEnv {
    static final String NAME = "TF_CLI_ARGS";

    private CliArgsEnv() {
    }

    /** A variable whose value cannot be split; {@link #getMessage} is terraform's text. */
    static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String variable) {
            super("Error parsing extra CLI args from " + variable + ": invalid command line string");
        }
    }

    /**
     * As {@link #merge(String[], Map, Function)}, each command's subcommands taken from a picocli
     * {@link CommandLine} built for it here.
     */
    static String[] merge(String[] args, Map<String, String> env) throws BadValue {
        return merge(args, env, CliArgsEnv::subcommands);
    }

    /**
     * {@code args} (after {@code -chdir}) with the extra arguments of {@code env} inserted;
     * {@code subcommands} gives the names of a top-level command's subcommands (terraform's nested
     * commands, e.g. {@code state list}): picocli's, so they cannot differ from what runs.
     */
    static String[] merge(String[] args, Map<String, String> env, Function<String, Set<String>> subcommands)
            throws BadValue {
        String command = command(args, subcommands);
        String[] merged = merge(args, NAME, env.get(NAME), command);
        String own = NAME + "_" + command.replace('-', '_').replace(' ', '_');
        return merge(merged, own, env.get(own), command);
    }

    /**
     * The command the arguments name: the first word that is not a flag, with the next word when
     * the first has subcommands and the next is one of them ({@code state list}); "" when none.
     */
    static String command(String[] args, Function<String, Set<String>> subcommands) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty() || a.charAt(0) == '-') {
                continue;
            }
            if (i + 1 < args.length && subcommands.apply(a).contains(args[i + 1])) {
                return a + " " + args[i + 1];
            }
            return a;
        }
        return "";
    }

    /** The subcommand names (and aliases) picocli knows for the top-level command {@code name}; none for an unknown one. */
    static Set<String> subcommands(String name) {
        Object command = Main.newCommand(name);
        return command == null ? Set.of() : new CommandLine(command).getSubcommands().keySet();
    }

    private static String[] merge(String[] args, String variable, String value, String command) throws BadValue {
        if (value == null || value.isEmpty()) {
            return args;
        }
        List<String> extra = split(value, variable);
        String last = command.substring(command.lastIndexOf(' ') + 1);
        int at = Arrays.asList(args).indexOf(last) + 1; // 0 when the command is not among them: in front
        List<String> out = new ArrayList<>(args.length + extra.size());
        out.addAll(Arrays.asList(args).subList(0, at));
        out.addAll(extra);
        out.addAll(Arrays.asList(args).subList(at, args.length));
        return out.toArray(String[]::new);
    }

    /** The words of {@code s} as terraform splits them (see the class comment). */
    static List<String> split(String s, String variable) throws BadValue {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean got = false;
        boolean escaped = false;
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (escaped) {
                word.append(c);
                got = true;
                escaped = false;
                continue;
            }
            if (c == '\\' && !single) {
                escaped = true;
                continue;
            }
            if (single) {
                if (c == '\'') {
                    single = false;
                } else {
                    word.append(c);
                }
                continue;
            }
            if (dbl) {
                if (c == '"') {
                    dbl = false;
                } else {
                    word.append(c);
                }
                continue;
            }
            switch (c) {
                case ' ', '\t', '\r', '\n' -> {
                    if (got) {
                        words.add(word.toString());
                        word.setLength(0);
                        got = false;
                    }
                }
                case '\'' -> {
                    single = true;
                    got = true;
                }
                case '"' -> {
                    dbl = true;
                    got = true;
                }
                case ';', '&', '|', '<', '>' -> {
                    if (got) {
                        words.add(word.toString());
                    }
                    return words;
                }
                default -> {
                    word.append(c);
                    got = true;
                }
            }
        }
        if (escaped || single || dbl) {
            throw new BadValue(variable);
        }
        if (got) {
            words.add(word.toString());
        }
        return words;
    }
}
