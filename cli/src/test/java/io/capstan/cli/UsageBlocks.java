package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Comparing a command's output with terraform's where it holds the command's usage: the usage
 * prose is each tool's own (Capstan's is written in its own words), so the block from its "Usage:"
 * line to its last non-blank character is replaced by a placeholder on both sides, and everything
 * around it (streams, colour codes, error lines, the whitespace after the block) must still be
 * equal byte for byte; the flags each block lists are compared as sets instead.
 */
final class UsageBlocks {
    private UsageBlocks() {
    }

    static final String PLACEHOLDER = "<usage>";

    /** A usage block: its first line, up to the UI's colour reset, the error line after it, or the end. */
    private static final Pattern BLOCK = Pattern.compile(
            "Usage: (?:terraform|capstan) \\[global options\\].*?(?=\u001b\\[0m|^Error parsing command|\\z)",
            Pattern.DOTALL | Pattern.MULTILINE);

    /** A line of the block listing a flag: spaces, then the flag's name. */
    private static final Pattern FLAG = Pattern.compile("(?m)^\\s+(-[a-z][a-z-]*)");

    private static final String LEGACY_STATE =
            "the local backend's legacy -state/-state-out/-backup flags are not taken by the engine commands";
    private static final String NO_TESTS = "Capstan has no test command, so no test files";

    /**
     * Flags terraform's usage lists that Capstan's command deliberately lacks, by command, each with
     * the reason (Capstan's usage must not list them).
     */
    static final Map<String, Map<String, String>> LACKING = Map.ofEntries(
            Map.entry("import", Map.of(
                    "-config", "Capstan imports into the configuration of the working directory (-chdir), not another",
                    "-ignore-remote-version", "Capstan has no \"remote\" (HCP Terraform) backend",
                    "-state", "the local backend's legacy -state/-state-out/-backup flags are not taken by import")),
            Map.entry("taint", Map.of("-ignore-remote-version", "Capstan has no \"remote\" (HCP Terraform) backend")),
            Map.entry("untaint", Map.of("-ignore-remote-version", "Capstan has no \"remote\" (HCP Terraform) backend")),
            Map.entry("state replace-provider", Map.of("-ignore-remote-version", "Capstan has no \"remote\" (HCP Terraform) backend")),
            Map.entry("graph", Map.of(
                    "-plan", "Capstan's graph draws from the configuration only, not from a saved plan",
                    "-draw-cycles", "not implemented: Capstan's graph has no cycle highlighting",
                    "-module-depth", "deprecated in terraform, which no longer uses it")),
            Map.entry("providers", Map.of("-test-directory", "Capstan has no test command, so no test directory")),
            Map.entry("state mv", Map.of("-ignore-remote-version", "Capstan has no \"remote\" (HCP Terraform) backend")),
            Map.entry("state rm", Map.of("-ignore-remote-version", "Capstan has no \"remote\" (HCP Terraform) backend",
                    "-backup", "not implemented: Capstan's state rm always writes a timestamped backup beside the state file")),
            Map.entry("plan", Map.of("-state", LEGACY_STATE)),
            Map.entry("apply", Map.of("-state", LEGACY_STATE, "-state-out", LEGACY_STATE, "-backup", LEGACY_STATE)),
            Map.entry("refresh", Map.of("-state", LEGACY_STATE)),
            Map.entry("validate", Map.of("-no-tests", NO_TESTS, "-test-directory", NO_TESTS)),
            Map.entry("init", Map.of(
                    "-from-module", "not implemented: Capstan's init does not copy a module into the directory",
                    "-ignore-remote-version", "Capstan has no \"remote\" (HCP Terraform) backend",
                    "-json", "not implemented: Capstan's init prints text only",
                    "-lock", "not implemented: Capstan's init takes no flag for the lock of a state migration",
                    "-lock-timeout", "not implemented: Capstan's init takes no flag for the lock of a state migration",
                    "-test-directory", NO_TESTS)));

    /** Flags of Capstan's own its usage lists beside terraform's. */
    static final Map<String, Set<String>> EXTRA = Map.of("graph", Set.of("-draw"));

    /** {@code s} with each usage block replaced by {@link #PLACEHOLDER}. */
    static String masked(String s) {
        Matcher m = BLOCK.matcher(s);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            int end = m.end();
            while (end > m.start() && Character.isWhitespace(s.charAt(end - 1))) {
                end--;
            }
            sb.append(s, last, m.start()).append(PLACEHOLDER);
            last = end;
        }
        return sb.append(s.substring(last)).toString();
    }

    /** The flags listed in the first usage block of {@code s}, or null when it has none. */
    static Set<String> flags(String s) {
        Matcher m = BLOCK.matcher(s);
        if (!m.find()) {
            return null;
        }
        Set<String> flags = new TreeSet<>();
        Matcher f = FLAG.matcher(m.group());
        while (f.find()) {
            flags.add(f.group(1));
        }
        return flags;
    }

    /**
     * Asserts that {@code cap} equals terraform's {@code tf} with the usage blocks masked, and that
     * Capstan's usage lists terraform's flags less those {@code command} lacks, plus its own.
     */
    static void assertEqual(String command, String tf, String cap, String what) {
        assertThat(masked(cap)).as(what).isEqualTo(masked(tf.replaceAll("(?m)^  terraform (.*) -help$", "  capstan $1 -help")));
        Set<String> tfFlags = flags(tf);
        if (tfFlags == null) {
            return;
        }
        Set<String> expected = new TreeSet<>(tfFlags);
        Map<String, String> lacking = LACKING.getOrDefault(command, Map.of());
        assertThat(tfFlags).as(what + ": flags listed as lacking that terraform does not list").containsAll(lacking.keySet());
        expected.removeAll(lacking.keySet());
        expected.addAll(EXTRA.getOrDefault(command, Set.of()));
        assertThat(flags(cap)).as(what + ": flags in Capstan's usage").isEqualTo(expected);
    }

    /**
     * The command named by the arguments: the first that is not a flag, with the next when the first
     * is a command with subcommands ("state list"; "-help plan x" names "plan").
     */
    static String command(java.util.List<String> args) {
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            i++;
        }
        if (i >= args.size()) {
            return "";
        }
        String first = args.get(i);
        boolean nested = first.equals("state") || first.equals("workspace") || first.equals("providers");
        return nested && i + 1 < args.size() && !args.get(i + 1).startsWith("-") ? first + " " + args.get(i + 1) : first;
    }
}
