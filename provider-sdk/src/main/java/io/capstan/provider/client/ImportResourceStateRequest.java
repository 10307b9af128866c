package io.capstan.provider.client;

/**
 * Request of the ImportResourceState call: import an existing object by its id ({@code terraform import}, {@code import} blocks).
 */
public record ImportResourceStateRequest(String typeName, String id, ClientCapabilities clientCapabilities, DynamicValue identity) {
}
