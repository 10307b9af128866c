package io.capstan.hcl.function;

import io.capstan.hcl.diag.Result;

/**
 * Finds a provider-defined function ({@code provider::NAME::FN}) that was not registered up
 * front: the engine asks the provider plugin the module names {@code NAME} in
 * {@code required_providers} for its functions only when an expression calls one, so a
 * configuration that calls none never starts a provider for it.
 */
@FunctionalInterface
public interface ProviderFunctionLookup {
    /**
     * The function {@code fn} of the provider the module calls {@code providerName}.
     *
     * @return the function; or a null value with error diagnostics (no source range needed: the
     *     evaluator points them at the function name) when the provider cannot offer it; or a
     *     null value without diagnostics when the module does not declare {@code providerName},
     *     which the evaluator reports with Terraform's "Unknown provider function" hint
     */
    Result<Function> lookup(String providerName, String fn);
}
