package io.capstan.provider.client;

/**
 * Request of the ConfigureProvider call: configure the provider; called once before resource operations.
 */
public record ConfigureProviderRequest(String terraformVersion, DynamicValue config, ClientCapabilities clientCapabilities) {
    public ConfigureProviderRequest {
        terraformVersion = terraformVersion == null ? "" : terraformVersion;
    }
}
