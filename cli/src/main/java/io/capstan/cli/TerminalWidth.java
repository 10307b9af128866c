package io.capstan.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The width terraform wraps diagnostic paragraphs for: 78 columns when the output is not a
 * terminal (its {@code defaultColumns}), the terminal's own width when it is. Java cannot ask the
 * terminal directly, so on a terminal the width comes from {@code COLUMNS} when the environment
 * has it, else from {@code stty size} on {@code /dev/tty}, else 78 (as terraform falls back when
 * the size cannot be read).
 */
public final class TerminalWidth {
    /** Terraform's width when it cannot know better. */
    public static final int DEFAULT = 78;

    private TerminalWidth() {
    }

    /** The width for this run's output (the daemon client's terminal and environment when serving one). */
    public static int columns() {
        return columns(Main.console(), Main.environment());
    }

    static int columns(boolean terminal, Map<String, String> env) {
        if (!terminal) {
            return DEFAULT;
        }
        Integer fromEnv = positive(env.get("COLUMNS"));
        if (fromEnv != null) {
            return fromEnv;
        }
        Integer fromTty = stty();
        return fromTty != null ? fromTty : DEFAULT;
    }

    private static Integer positive(String s) {
        if (s == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(s.trim());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code stty size} of the controlling terminal: "rows columns". */
    private static Integer stty() {
        File tty = new File("/dev/tty");
        if (!tty.canRead()) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            String[] parts = out.split("\\s+");
            return parts.length == 2 ? positive(parts[1]) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
