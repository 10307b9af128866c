package io.capstan.provider.client;

/**
 * Request of the ValidateProviderConfig call: validate the provider block's configuration (protocol 5: PrepareProviderConfig).
 */
public record ValidateProviderConfigRequest(DynamicValue config) {
}
