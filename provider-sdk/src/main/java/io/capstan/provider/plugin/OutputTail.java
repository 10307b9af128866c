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
        notifyAll();
    }

    /**
     * Waits up to {@code millis} for a first line, for a failure message about to kill the plugin: what it wrote
     * to stderr before the line that failed it is in the pipe, but its reader thread may not have run yet, and
     * once the plugin is killed the JDK may close that pipe under the reader.
     */
    public synchronized void awaitAnyLine(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (lines.isEmpty()) {
            long left = (end - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return;
            }
            wait(left);
        }
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
