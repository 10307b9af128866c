package io.capstan.provider.plugin;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last lines a plugin wrote to stderr (and stdout after the handshake), kept so that a
 * failure message can quote them: a provider's panic is printed there just before it dies.
 */
public final class OutputTail {
    private final int maxLines;
    private final ArrayDeque<String> lines = new ArrayDeque<>();

    public OutputTail(int maxLines) {
        this.maxLines = maxLines;
    }

    public synchronized void add(String line) {
        if (lines.size() == maxLines) {
            lines.removeFirst();
        }
        lines.addLast(line.length() > 2000 ? line.substring(0, 2000) + "..." : line);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The tail indented for a diagnostic detail, or a note that the plugin wrote nothing. */
    public String render() {
        List<String> l = lines();
        if (l.isEmpty()) {
            return "(the plugin wrote nothing to stderr)";
        }
        StringBuilder sb = new StringBuilder();
        for (String s : l) {
            sb.append("  ").append(s).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
