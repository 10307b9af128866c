package io.capstan.cli;

import java.util.Map;
import picocli.CommandLine;

/** The top-level usage text, laid out like {@code terraform -help}. */
final class Usage {
    private Usage() {
    }

    static String text(CommandLine root) {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: capstan [global options] <subcommand> [args]\n\n");
        sb.append("The available commands for execution are listed below.\n\n");
        sb.append("All commands:\n");
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            String[] desc = e.getValue().getCommandSpec().usageMessage().description();
            sb.append(String.format("  %-14s%s%n", e.getKey(), desc.length > 0 ? desc[0] : ""));
        }
        sb.append("\nGlobal options (use these before the subcommand, if any):\n");
        sb.append("  -help         Show this help output, or the help for a specified subcommand.\n");
        sb.append("  -version      An alias for the \"version\" subcommand.\n");
        return sb.toString();
    }
}
