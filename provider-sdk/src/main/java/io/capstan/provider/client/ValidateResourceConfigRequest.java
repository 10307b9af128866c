package io.capstan.provider.client;

/**
 * Request of the ValidateResourceConfig call: validate one managed resource block's configuration.
 */
public record ValidateResourceConfigRequest(String typeName, DynamicValue config, ClientCapabilities clientCapabilities) {
}
