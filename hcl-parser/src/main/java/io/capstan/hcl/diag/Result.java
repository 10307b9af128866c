package io.capstan.hcl.diag;

import java.util.Objects;

/**
 * A value together with the diagnostics produced while computing it. The value may be
 * partial (or null) when diagnostics contain errors; callers check {@link #hasErrors()}.
 */
public record Result<T>(T value, Diagnostics diagnostics) {
    public Result {
        Objects.requireNonNull(diagnostics, "diagnostics");
    }

    public static <T> Result<T> of(T value) {
        return new Result<>(value, new Diagnostics());
    }

    /** The same diagnostics with the value transformed (when present). */
    public <U> Result<U> map(java.util.function.Function<? super T, ? extends U> f) {
        return new Result<>(value == null ? null : f.apply(value), diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.hasErrors();
    }
}
