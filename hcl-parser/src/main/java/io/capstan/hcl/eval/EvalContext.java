package io.capstan.hcl.eval;

import io.capstan.hcl.function.FunctionContext;
import io.capstan.hcl.function.FunctionRegistry;
import io.capstan.hcl.value.Value;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an expression is evaluated against, as HCL's {@code hcl.EvalContext}: variables by
 * root name ({@code var}, {@code local}, {@code each}...), the functions in scope, and a
 * parent for nested scopes ({@code for} iterators, template variables). A child sees its
 * parent's variables unless it shadows them, and inherits functions and the function
 * context (base directory for file functions, clock) unless it sets its own.
 *
 * <p>Immutable: {@link #child(Map)} and the {@code with...} methods return new contexts.
 * A context without functions (see {@link #empty()}) makes every call "Function calls not
 * allowed", as HCL does for literal-only contexts.
 */
public final class EvalContext {
    private final Map<String, Value> variables;
    private final FunctionRegistry functions;
    private final FunctionContext functionContext;
    private final EvalContext parent;

    private EvalContext(Map<String, Value> variables, FunctionRegistry functions,
                        FunctionContext functionContext, EvalContext parent) {
        this.variables = Map.copyOf(variables);
        this.functions = functions;
        this.functionContext = functionContext;
        this.parent = parent;
    }

    /** A context with no variables and no functions (literal expressions only). */
    public static EvalContext empty() {
        return new EvalContext(Map.of(), null, null, null);
    }

    /** A root context with the given variables, functions, and file functions relative to {@code baseDir}. */
    public static EvalContext of(Map<String, Value> variables, FunctionRegistry functions, Path baseDir) {
        Objects.requireNonNull(functions, "functions");
        Objects.requireNonNull(baseDir, "baseDir");
        return new EvalContext(variables, functions, FunctionContext.of(baseDir), null);
    }

    /** A root context with Terraform's standard function library. */
    public static EvalContext standard(Map<String, Value> variables, Path baseDir) {
        return of(variables, FunctionRegistry.standard(), baseDir);
    }

    /** A nested scope whose variables shadow this one's. */
    public EvalContext child(Map<String, Value> childVariables) {
        return new EvalContext(childVariables, null, null, this);
    }

    /** The same scope with one more variable (replacing a same-named one). */
    public EvalContext withVariable(String name, Value value) {
        Map<String, Value> m = new HashMap<>(variables);
        m.put(name, Objects.requireNonNull(value));
        return new EvalContext(m, functions, functionContext, parent);
    }

    /** The same scope with another function registry. */
    public EvalContext withFunctions(FunctionRegistry f) {
        return new EvalContext(variables, Objects.requireNonNull(f), functionContext, parent);
    }

    /** The same scope with a fixed clock and plan timestamp (for reproducible {@code timestamp()}). */
    public EvalContext withClock(Clock clock, Instant planTimestamp) {
        FunctionContext fc = functionContext();
        if (fc == null) {
            fc = FunctionContext.of(Path.of("."));
        }
        return new EvalContext(variables, functions, fc.withClock(clock, planTimestamp), parent);
    }

    /** The variable's value from the nearest scope defining it, or null. */
    public Value lookup(String name) {
        for (EvalContext c = this; c != null; c = c.parent) {
            Value v = c.variables.get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** The variables defined directly in this scope (not the parents'). */
    public Map<String, Value> variables() {
        return variables;
    }

    /** Every variable name visible from this scope, sorted (for "Did you mean" hints). */
    public Set<String> visibleNames() {
        Set<String> names = new TreeSet<>();
        for (EvalContext c = this; c != null; c = c.parent) {
            names.addAll(c.variables.keySet());
        }
        return names;
    }

    /** The functions in scope, or null when function calls are not allowed. */
    public FunctionRegistry functions() {
        for (EvalContext c = this; c != null; c = c.parent) {
            if (c.functions != null) {
                return c.functions;
            }
        }
        return null;
    }

    /** What functions may consult (base directory, clock), or null in a literal-only context. */
    public FunctionContext functionContext() {
        for (EvalContext c = this; c != null; c = c.parent) {
            if (c.functionContext != null) {
                return c.functionContext;
            }
        }
        return null;
    }

    /** The base directory file functions resolve relative paths against, or null. */
    public Path baseDir() {
        FunctionContext fc = functionContext();
        return fc == null ? null : fc.baseDir();
    }

    public EvalContext parent() {
        return parent;
    }
}
