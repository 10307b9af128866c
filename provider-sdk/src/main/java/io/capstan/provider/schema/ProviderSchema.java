package io.capstan.provider.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a provider's GetProviderSchema answer describes: its own configuration, the
 * provider_meta block, managed resource types, data sources, ephemeral and list resources,
 * functions and capabilities. Independent of the protocol version it came from.
 */
public record ProviderSchema(Schema provider, Schema providerMeta,
                             Map<String, Schema> resourceSchemas,
                             Map<String, Schema> dataSourceSchemas,
                             Map<String, Schema> ephemeralResourceSchemas,
                             Map<String, Schema> listResourceSchemas,
                             Map<String, FunctionSignature> functions,
                             ServerCapabilities serverCapabilities) {
    public ProviderSchema {
        Objects.requireNonNull(provider, "provider");
        resourceSchemas = copy(resourceSchemas);
        dataSourceSchemas = copy(dataSourceSchemas);
        ephemeralResourceSchemas = copy(ephemeralResourceSchemas);
        listResourceSchemas = copy(listResourceSchemas);
        functions = copy(functions);
        serverCapabilities = serverCapabilities == null ? ServerCapabilities.NONE : serverCapabilities;
    }

    private static <V> Map<String, V> copy(Map<String, V> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
