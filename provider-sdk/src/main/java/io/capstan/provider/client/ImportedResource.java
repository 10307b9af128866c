package io.capstan.provider.client;

/** One object returned by ImportResourceState (a single import may yield several). */
public record ImportedResource(String typeName, DynamicValue state, byte[] privateData, DynamicValue identity) {
    public ImportedResource {
        privateData = privateData == null ? new byte[0] : privateData;
    }
}
