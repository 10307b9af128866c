package io.capstan.graph.config;

import io.capstan.hcl.function.ProviderFunctionLookup;

/**
 * Where the functions of plugin providers come from, per module: the engine answers with a
 * lookup that asks the provider the module declares in {@code required_providers}. The graph
 * module itself starts no providers, so without a source only the built-in provider's
 * functions are in scope.
 */
@FunctionalInterface
public interface ProviderFunctionSource {
    /** No plugin provider functions (configuration-only checks). */
    ProviderFunctionSource NONE = m -> null;

    /** The lookup for {@code provider::NAME::FN} calls in module {@code m}, or null for none. */
    ProviderFunctionLookup lookupFor(Module m);
}
