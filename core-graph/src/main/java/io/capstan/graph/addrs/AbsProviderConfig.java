package io.capstan.graph.addrs;

import java.util.Objects;

/**
 * A provider configuration in a module: {@code provider["registry.terraform.io/hashicorp/aws"].east},
 * prefixed with the module path outside the root. {@code alias} is null for the default configuration.
 */
public record AbsProviderConfig(ModulePath module, Provider provider, String alias) {
    public AbsProviderConfig {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(provider, "provider");
    }

    @Override
    public String toString() {
        String s = "provider[" + Addresses.quote(provider.toString()) + "]" + (alias == null ? "" : "." + alias);
        return module.prefix(s);
    }
}
