package io.capstan.orchestrator.cli;

/** Parses durations written as {@code 500ms}, {@code 10s}, {@code 2m} or a bare number of milliseconds. */
final class Durations {
    private Durations() {
    }

    static long millis(String text) {
        String t = text.trim();
        try {
            if (t.endsWith("ms")) {
                return Long.parseLong(t.substring(0, t.length() - 2));
            }
            if (t.endsWith("s")) {
                return (long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000);
            }
            if (t.endsWith("m")) {
                return (long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration (examples: 500ms, 10s, 2m)");
        }
    }
}
