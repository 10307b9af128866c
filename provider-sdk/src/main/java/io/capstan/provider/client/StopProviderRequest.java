package io.capstan.provider.client;

/**
 * Request of the StopProvider call: ask the provider to stop in-flight operations (Ctrl-C).
 */
public record StopProviderRequest() {

    public static final StopProviderRequest INSTANCE = new StopProviderRequest();
}
