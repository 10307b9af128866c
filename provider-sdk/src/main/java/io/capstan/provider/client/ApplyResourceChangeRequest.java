package io.capstan.provider.client;

/**
 * Request of the ApplyResourceChange call: carry out a planned change (create, update or destroy).
 */
public record ApplyResourceChangeRequest(String typeName, DynamicValue priorState, DynamicValue plannedState, DynamicValue config, byte[] plannedPrivate, DynamicValue providerMeta, DynamicValue plannedIdentity) {
    public ApplyResourceChangeRequest {
        plannedPrivate = plannedPrivate == null ? new byte[0] : plannedPrivate;
    }
}
