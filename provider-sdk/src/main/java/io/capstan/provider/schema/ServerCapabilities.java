package io.capstan.provider.schema;

/** Optional protocol features a provider announces in its schema response. */
public record ServerCapabilities(boolean planDestroy, boolean getProviderSchemaOptional,
                                 boolean moveResourceState, boolean generateResourceConfig) {
    public static final ServerCapabilities NONE = new ServerCapabilities(false, false, false, false);
}
