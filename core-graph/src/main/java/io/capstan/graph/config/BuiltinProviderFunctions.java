package io.capstan.graph.config;

import io.capstan.graph.addrs.Provider;
import io.capstan.hcl.function.FunctionRegistry;
import io.capstan.hcl.function.TerraformProviderFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which provider-defined functions a module brings into scope. Terraform offers
 * {@code provider::<name>::...} only where the module declares that provider in
 * {@code required_providers}; the engine's built-in provider
 * ({@code terraform.io/builtin/terraform}) is the only one whose functions Capstan evaluates
 * itself, without a plugin.
 */
public final class BuiltinProviderFunctions {
    private BuiltinProviderFunctions() {
    }

    /** The local names under which {@code m} declares the built-in provider (usually just "terraform"). */
    public static List<String> localNames(Module m) {
        Objects.requireNonNull(m);
        List<String> names = new ArrayList<>();
        for (RequiredProvider rp : m.requiredProviders().values()) {
            if (Provider.BUILTIN_TERRAFORM.equals(rp.provider())) {
                names.add(rp.name());
            }
        }
        return names;
    }

    /** The standard functions plus the built-in provider's, under each of {@code localNames}. */
    public static FunctionRegistry registry(List<String> localNames) {
        FunctionRegistry r = FunctionRegistry.standard();
        for (String n : localNames) {
            TerraformProviderFunctions.register(r, n);
        }
        return r;
    }

    /** The functions in scope for expressions of module {@code m}. */
    public static FunctionRegistry forModule(Module m) {
        return registry(localNames(m));
    }

    /** True when {@code m} declares a provider other than the built-in one (whose functions need a plugin). */
    public static boolean declaresPluginProviders(Module m) {
        for (RequiredProvider rp : m.requiredProviders().values()) {
            if (!Provider.BUILTIN_TERRAFORM.equals(rp.provider())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The functions in scope for expressions of module {@code m}, with plugin providers'
     * functions resolved through {@code source} on first call.
     */
    public static FunctionRegistry forModule(Module m, ProviderFunctionSource source) {
        return forModule(m, source, null);
    }

    /**
     * As {@link #forModule(Module, ProviderFunctionSource)}, reusing {@code standard} (the
     * standard functions, or null) when the module does not declare the built-in provider, so
     * the function library is not built again for each module.
     */
    public static FunctionRegistry forModule(Module m, ProviderFunctionSource source, FunctionRegistry standard) {
        List<String> builtin = localNames(m);
        FunctionRegistry r = builtin.isEmpty() && standard != null ? standard : registry(builtin);
        var lookup = declaresPluginProviders(m) ? source.lookupFor(m) : null;
        return lookup == null ? r : r.withProviderLookup(lookup);
    }
}
