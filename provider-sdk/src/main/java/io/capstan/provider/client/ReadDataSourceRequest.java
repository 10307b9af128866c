package io.capstan.provider.client;

/**
 * Request of the ReadDataSource call: read a data source.
 */
public record ReadDataSourceRequest(String typeName, DynamicValue config, DynamicValue providerMeta, ClientCapabilities clientCapabilities) {
}
