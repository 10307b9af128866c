package io.capstan.provider.client;

/**
 * Request of the PlanResourceChange call: ask the provider to plan a change: merge config and prior state into a planned state.
 */
public record PlanResourceChangeRequest(String typeName, DynamicValue priorState, DynamicValue proposedNewState, DynamicValue config, byte[] priorPrivate, DynamicValue providerMeta, ClientCapabilities clientCapabilities, DynamicValue priorIdentity) {
    public PlanResourceChangeRequest {
        priorPrivate = priorPrivate == null ? new byte[0] : priorPrivate;
    }
}
