package io.capstan.hcl.function;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * What functions may consult beyond their arguments: the directory file functions resolve
 * relative paths against (the module directory), the clock ({@code timestamp}), the plan
 * timestamp, and the evaluator for template functions (null until wired).
 */
public record FunctionContext(Path baseDir, Clock clock, Instant planTimestamp, ExpressionEvaluator evaluator) {
    public FunctionContext {
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(clock, "clock");
    }

    public static FunctionContext of(Path baseDir) {
        return new FunctionContext(baseDir, Clock.systemUTC(), null, null);
    }

    public FunctionContext withEvaluator(ExpressionEvaluator e) {
        return new FunctionContext(baseDir, clock, planTimestamp, e);
    }

    public FunctionContext withClock(Clock c, Instant plan) {
        return new FunctionContext(baseDir, c, plan, evaluator);
    }
}
