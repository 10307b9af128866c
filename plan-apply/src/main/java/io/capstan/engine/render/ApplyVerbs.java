package io.capstan.engine.render;

import java.util.Locale;

/**
 * The words Terraform uses for an action in apply progress lines, shared by the human and
 * machine-readable views, and Go's rendering of an elapsed duration ({@code 1m5s}).
 */
final class ApplyVerbs {
    private ApplyVerbs() {
    }

    static String start(String action) {
        return switch (action) {
            case "create" -> "Creating";
            case "update" -> "Modifying";
            case "delete" -> "Destroying";
            case "read" -> "Reading";
            case "replace" -> "Replacing";
            case "remove" -> "Removing";
            default -> "Applying";
        };
    }

    /** The verb of a "Still ...ing" line: {@link #start}'s, in lower case. */
    static String progress(String action) {
        return start(action).toLowerCase(Locale.ROOT);
    }

    static String noun(String action) {
        return switch (action) {
            case "create" -> "Creation";
            case "update" -> "Modifications";
            case "delete" -> "Destruction";
            case "read" -> "Read";
            case "replace" -> "Replacement";
            case "remove" -> "Removal";
            default -> "Apply";
        };
    }

    /** Go's {@code time.Duration.String()} for whole seconds: {@code 0s}, {@code 10s}, {@code 1m5s}, {@code 2h0m1s}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return h > 0 ? h + "h" + m + "m" + s + "s" : m + "m" + s + "s";
    }
}
