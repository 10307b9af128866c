package io.capstan.hcl.value;

import java.util.List;

/**
 * Why a value could not be converted, with the path inside the value where it failed
 * (e.g. {@code [0].name}). Thrown inside the value package and turned into a diagnostic by
 * callers (function calls, variable assignment); it never reaches a user as a stack trace.
 */
public final class ConversionException extends RuntimeException {
    private final List<String> path;

    public ConversionException(String message) {
        this(List.of(), message);
    }

    public ConversionException(List<String> path, String message) {
        super(message, null, false, false);
        this.path = List.copyOf(path);
    }

    /** Path steps, each like {@code [0]}, {@code ["key"]} or {@code .attr}. */
    public List<String> path() {
        return path;
    }

    /** The same error one step deeper (the step is prepended). */
    public ConversionException under(String step) {
        java.util.ArrayList<String> p = new java.util.ArrayList<>();
        p.add(step);
        p.addAll(path);
        return new ConversionException(p, getMessage());
    }

    /** Terraform's rendering: {@code element 0: string required} style prefix when nested. */
    public String describe() {
        if (path.isEmpty()) {
            return getMessage();
        }
        return String.join("", path) + ": " + getMessage();
    }
}
