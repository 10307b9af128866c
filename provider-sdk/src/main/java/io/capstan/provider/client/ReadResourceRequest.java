package io.capstan.provider.client;

/**
 * Request of the ReadResource call: refresh a managed resource's state from the real infrastructure.
 */
public record ReadResourceRequest(String typeName, DynamicValue currentState, byte[] privateData, DynamicValue providerMeta, ClientCapabilities clientCapabilities, DynamicValue currentIdentity) {
    public ReadResourceRequest {
        privateData = privateData == null ? new byte[0] : privateData;
    }
}
