package io.capstan.engine.functions;

import io.capstan.engine.plan.Providers;
import io.capstan.graph.addrs.Provider;
import io.capstan.graph.config.Module;
import io.capstan.graph.config.ProviderFunctionSource;
import io.capstan.graph.config.RequiredProvider;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.function.Function;
import io.capstan.hcl.function.ProviderFunctionLookup;
import io.capstan.provider.schema.FunctionSignature;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Provider-defined functions of plugin providers for the engine: {@code provider::NAME::FN} in
 * a module resolves {@code NAME} through that module's {@code required_providers}, and the
 * function is called on the run's unconfigured instance of that provider
 * ({@link Providers#functions}). Lookups are cached per module and name, so a function called
 * for every instance costs one signature lookup.
 */
public final class PluginFunctions implements ProviderFunctionSource {
    private final Providers providers;
    private final Map<Module, ProviderFunctionLookup> lookups = new ConcurrentHashMap<>();

    public PluginFunctions(Providers providers) {
        this.providers = Objects.requireNonNull(providers, "providers");
    }

    @Override
    public ProviderFunctionLookup lookupFor(Module m) {
        return lookups.computeIfAbsent(m, this::newLookup);
    }

    private ProviderFunctionLookup newLookup(Module m) {
        Map<String, Provider> required = new java.util.LinkedHashMap<>();
        for (RequiredProvider rp : m.requiredProviders().values()) {
            required.put(rp.name(), rp.provider());
        }
        return lookup(required);
    }

    /**
     * The lookup for a scope whose {@code required_providers} map local names to
     * {@code required} (the console's plugin providers).
     */
    public ProviderFunctionLookup lookup(Map<String, Provider> required) {
        Map<String, Provider> copy = Map.copyOf(required);
        Map<String, Result<Function>> cache = new ConcurrentHashMap<>();
        return (local, fn) -> cache.computeIfAbsent(local + "::" + fn, k -> resolve(copy, local, fn));
    }

    private Result<Function> resolve(Map<String, Provider> required, String local, String fn) {
        Provider provider = required.get(local);
        if (provider == null) {
            return Result.of(null);
        }
        Diagnostics d = new Diagnostics();
        if (Provider.BUILTIN_TERRAFORM.equals(provider)) {
            return notAvailable(local, fn, d);
        }
        Providers.FunctionProvider fp = providers.functions(provider, d);
        if (fp == null) {
            return new Result<>(null, d);
        }
        FunctionSignature sig = fp.functions().get(fn);
        if (sig == null) {
            return notAvailable(local, fn, d);
        }
        return new Result<>(PluginFunction.of(local, fn, sig, fp.client()), d);
    }

    /** Terraform's words for a declared provider that has no such function. */
    private static Result<Function> notAvailable(String local, String fn, Diagnostics d) {
        d.add(Diagnostic.error("Unknown provider function", "The function \"" + fn
                + "\" is not available from the provider \"" + local + "\".", null));
        return new Result<>(null, d);
    }
}
