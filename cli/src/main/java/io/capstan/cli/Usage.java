package io.capstan.cli;

/** The top-level usage text, laid out like {@code terraform -help}. */
final class Usage {
    private Usage() {
    }

    /** {@code commands} holds {name, description} pairs in listing order. */
    static String text(String[][] commands) {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: capstan [global options] <subcommand> [args]\n\n");
        sb.append("The available commands for execution are listed below.\n\n");
        sb.append("All commands:\n");
        for (String[] c : commands) {
            sb.append("  ").append(c[0]).append(" ".repeat(Math.max(0, 14 - c[0].length()))).append(c[1]).append('\n');
        }
        sb.append("\nGlobal options (use these before the subcommand, if any):\n");
        sb.append("  -help         Show this help output, or the help for a specified subcommand.\n");
        sb.append("  -version      An alias for the \"version\" subcommand.\n");
        return sb.toString();
    }
}
