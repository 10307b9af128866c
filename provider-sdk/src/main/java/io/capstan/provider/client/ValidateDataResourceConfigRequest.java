package io.capstan.provider.client;

/**
 * Request of the ValidateDataResourceConfig call: validate one data block's configuration.
 */
public record ValidateDataResourceConfigRequest(String typeName, DynamicValue config) {
}
