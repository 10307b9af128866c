package io.capstan.provider.client;

/**
 * Request of the GetProviderSchema call: fetch the provider's complete schema.
 */
public record GetProviderSchemaRequest() {

    public static final GetProviderSchemaRequest INSTANCE = new GetProviderSchemaRequest();
}
