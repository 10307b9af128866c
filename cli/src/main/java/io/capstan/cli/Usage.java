package io.capstan.cli;

/** The top-level usage text, in the layout of {@code terraform -help}, in Capstan's words. */
final class Usage {
    private Usage() {
    }

    /** {@code commands} holds {name, description} pairs in listing order. */
    static String text(String[][] commands) {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: capstan [global options] <subcommand> [args]\n\n");
        sb.append("Capstan's commands; those terraform also has take its arguments and flags.\n\n");
        sb.append("All commands:\n");
        for (String[] c : commands) {
            sb.append("  ").append(c[0]).append(" ".repeat(Math.max(0, 14 - c[0].length()))).append(c[1]).append('\n');
        }
        sb.append("\nGlobal options (given before the command):\n");
        sb.append("  -help         Print this list, or with a command, that command's usage.\n");
        sb.append("  -version      The same as the \"version\" command.\n");
        return sb.toString();
    }
}
