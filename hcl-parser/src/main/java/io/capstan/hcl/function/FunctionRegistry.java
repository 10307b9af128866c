package io.capstan.hcl.function;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The functions in scope, keyed by name (later also {@code provider::x::f}), and the
 * calling machinery shared by every function: arity checks, conversion of arguments to
 * parameter types, null checks, unknown short-circuiting (the result is an unknown of the
 * return type), mark propagation, and Terraform's diagnostics for each failure. Diagnostics
 * have no source range; the evaluator adds the call's range.
 */
public final class FunctionRegistry {
    private final Map<String, Function> functions = new ConcurrentHashMap<>();
    /**
     * Built-in functions not built yet, by name, each with the group that builds it (only
     * {@link #standard()} fills this). A name leaves it when its group is built or when
     * {@link #add} replaces it. Lookups may come from several walker threads at once.
     */
    private final Map<String, StandardGroup> pending = new ConcurrentHashMap<>();
    private ProviderFunctionLookup providerLookup;
    /** Terraform's impure functions, unknown until apply ({@link #pureOnly()}). */
    private static final Set<String> IMPURE = Set.of("bcrypt", "timestamp", "uuid");
    private boolean pureOnly;
    private final Map<String, Function> unpredictable = new ConcurrentHashMap<>();

    /** An empty registry. */
    public FunctionRegistry() {
    }

    /**
     * A copy of this registry that also resolves {@code provider::NAME::FN} names it does not
     * hold through {@code lookup} (provider plugins' functions, fetched on first call). Built-in
     * functions not built yet stay lazy in the copy.
     */
    public synchronized FunctionRegistry withProviderLookup(ProviderFunctionLookup lookup) {
        FunctionRegistry r = new FunctionRegistry();
        r.functions.putAll(functions);
        r.pending.putAll(pending);
        r.providerLookup = Objects.requireNonNull(lookup);
        r.pureOnly = pureOnly;
        return r;
    }

    /**
     * A copy of this registry whose impure functions ({@code bcrypt}, {@code timestamp},
     * {@code uuid}) check their arguments but return an unknown value, as terraform's do in every
     * walk but apply and console: their real value is only known when the plan is applied.
     */
    public synchronized FunctionRegistry pureOnly() {
        FunctionRegistry r = new FunctionRegistry();
        r.functions.putAll(functions);
        r.pending.putAll(pending);
        r.providerLookup = providerLookup;
        r.pureOnly = true;
        return r;
    }

    /** Whether {@link #pureOnly()} made this registry. */
    public boolean isPureOnly() {
        return pureOnly;
    }

    /** How names of provider functions not registered up front are resolved, or null. */
    public ProviderFunctionLookup providerLookup() {
        return providerLookup;
    }

    /**
     * Every Terraform 1.11 built-in function. The functions are built group by group on first
     * lookup ({@link StandardGroup}); {@link #has} and {@link #names} answer without building any.
     */
    public static FunctionRegistry standard() {
        FunctionRegistry r = new FunctionRegistry();
        for (StandardGroup g : StandardGroup.values()) {
            for (String n : g.names()) {
                r.pending.put(n, g);
            }
        }
        return r;
    }

    /** Adds {@code f}, replacing any function of the same name (built-in ones included). */
    public synchronized FunctionRegistry add(Function f) {
        functions.put(f.name(), Objects.requireNonNull(f));
        pending.remove(f.name());
        return this;
    }

    public Function get(String name) {
        Function f = find(name);
        if (f != null && pureOnly && IMPURE.contains(name)) {
            return unpredictable.computeIfAbsent(name, n -> f.unpredictable());
        }
        return f;
    }

    private Function find(String name) {
        Function f = functions.get(name);
        if (f != null) {
            return f;
        }
        // No shortcut on an empty pending map: another thread may have built this name's group
        // (the last one pending) since the read above.
        StandardGroup g = pending.get(name);
        if (g != null) {
            build(g);
        }
        // read again either way: another thread may have built the group between the two reads
        // above (put, then remove from pending), leaving neither map showing the name to them
        return functions.get(name);
    }

    public boolean has(String name) {
        return functions.containsKey(name) || pending.containsKey(name);
    }

    /** All names, sorted, for "Did you mean" suggestions. */
    public Set<String> names() {
        // pending first: build() puts a name in functions before it leaves pending, so a name being
        // built concurrently is seen in one or the other (read the other way round it could be in
        // neither, and a template's copy of the library would lack it)
        Set<String> all = new TreeSet<>(pending.keySet());
        all.addAll(functions.keySet());
        return Collections.unmodifiableSet(all);
    }

    /**
     * Builds group {@code g} and adds those of its functions still pending (a function added
     * by {@link #add} since {@link #standard()} keeps its place). Each name is in the map
     * before it leaves {@code pending}, so a concurrent {@link #get} sees one or the other.
     */
    private synchronized void build(StandardGroup g) {
        FunctionRegistry built = new FunctionRegistry();
        g.register(built);
        for (Map.Entry<String, Function> e : built.functions.entrySet()) {
            if (pending.get(e.getKey()) == g) {
                functions.put(e.getKey(), e.getValue());
                pending.remove(e.getKey());
            }
        }
    }

    /** Calls a function by name; an unknown name gives "Call to unknown function". */
    public Result<Value> call(String name, List<Value> args, FunctionContext ctx) {
        Function f = get(name.startsWith("core::") ? name.substring(6) : name);
        if (f == null && name.contains("::")) {
            return fail("Unknown provider function", "There is no function named \"" + name + "\".");
        }
        if (f == null) {
            return fail("Call to unknown function", "There is no function named \"" + name + "\".");
        }
        return call(f, args, ctx);
    }

    /** Calls {@code f} with already-evaluated arguments. */
    public static Result<Value> call(Function f, List<Value> args, FunctionContext ctx) {
        List<Parameter> params = f.params();
        if (args.size() < params.size()) {
            Parameter missing = params.get(args.size());
            return fail("Not enough function arguments", "Function \"" + f.name() + "\" expects "
                    + (f.variadic() == null ? "" : "at least ") + params.size()
                    + " argument(s). Missing value for \"" + missing.name() + "\".");
        }
        if (args.size() > params.size() && f.variadic() == null) {
            return fail("Too many function arguments", "Function \"" + f.name() + "\" expects only "
                    + params.size() + " argument(s).");
        }
        List<Value> converted = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            Parameter p = f.paramFor(i);
            try {
                converted.add(Convert.convert(args.get(i), p.type()));
            } catch (ConversionException e) {
                return fail("Invalid function argument",
                        "Invalid value for \"" + p.name() + "\" parameter: " + e.describe() + ".");
            }
        }
        // Type checking: nulls, dynamic-typed arguments.
        List<Value> forType = new ArrayList<>(converted.size());
        boolean dynamicArg = false;
        for (int i = 0; i < converted.size(); i++) {
            Parameter p = f.paramFor(i);
            Value v = converted.get(i);
            if (v.isNull() && !p.allowNull()) {
                return fail("Invalid function argument",
                        "Invalid value for \"" + p.name() + "\" parameter: argument must not be null.");
            }
            if (v.type() == Type.DYNAMIC && !p.allowDynamicType()) {
                dynamicArg = true;
            }
            forType.add(p.allowMarked() ? v : v.unmarkDeep().value());
        }
        Set<Mark> resultMarks = new LinkedHashSet<>();
        List<Value> callArgs = new ArrayList<>(converted.size());
        boolean unknown = false;
        for (int i = 0; i < converted.size(); i++) {
            Parameter p = f.paramFor(i);
            Value v = converted.get(i);
            if (!v.isKnown() && !p.allowUnknown()) {
                unknown = true;
            }
            if (!p.allowMarked()) {
                Value.Unmarked u = v.unmarkDeep();
                resultMarks.addAll(u.marks());
                v = u.value();
            }
            callArgs.add(v);
        }
        try {
            if (dynamicArg) {
                return Result.of(Value.DYNAMIC_UNKNOWN.withMarks(resultMarks));
            }
            Type ret = f.returnType(forType);
            if (unknown) {
                return Result.of(Value.unknown(ret).withMarks(resultMarks));
            }
            Value out = f.invoke(callArgs, ret, ctx);
            return Result.of(out.withMarks(resultMarks));
        } catch (FunctionException e) {
            if (e.argIndex() >= 0) {
                Parameter p = f.paramFor(Math.min(e.argIndex(), args.size() - 1));
                return fail("Invalid function argument",
                        "Invalid value for \"" + p.name() + "\" parameter: " + e.getMessage() + ".");
            }
            return fail("Error in function call", "Call to function \"" + f.name() + "\" failed: " + e.getMessage() + ".");
        } catch (ConversionException e) {
            return fail("Error in function call", "Call to function \"" + f.name() + "\" failed: " + e.describe() + ".");
        } catch (RuntimeException e) {
            // Terraform reports panics inside functions the same way (e.g. element(list, -1)).
            return fail("Error in function call", "Call to function \"" + f.name() + "\" failed: panic in function implementation: "
                    + e + ".");
        }
    }

    static Result<Value> fail(String summary, String detail) {
        Diagnostics d = new Diagnostics();
        d.add(Diagnostic.error(summary, detail, null));
        return new Result<>(Value.DYNAMIC_UNKNOWN, d);
    }
}
