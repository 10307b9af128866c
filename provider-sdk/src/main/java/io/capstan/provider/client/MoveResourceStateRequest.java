package io.capstan.provider.client;

/**
 * Request of the MoveResourceState call: move state from one resource type (maybe of another provider) to one of this provider.
 */
public record MoveResourceStateRequest(String sourceProviderAddress, String sourceTypeName, long sourceSchemaVersion, RawState sourceState, String targetTypeName, byte[] sourcePrivate, RawState sourceIdentity, long sourceIdentitySchemaVersion) {
    public MoveResourceStateRequest {
        sourceProviderAddress = sourceProviderAddress == null ? "" : sourceProviderAddress;
        sourceTypeName = sourceTypeName == null ? "" : sourceTypeName;
        targetTypeName = targetTypeName == null ? "" : targetTypeName;
        sourcePrivate = sourcePrivate == null ? new byte[0] : sourcePrivate;
    }
}
