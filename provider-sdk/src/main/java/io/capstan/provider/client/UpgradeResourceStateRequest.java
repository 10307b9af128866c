package io.capstan.provider.client;

/**
 * Request of the UpgradeResourceState call: upgrade stored state written with an older schema version to the current schema.
 */
public record UpgradeResourceStateRequest(String typeName, long version, RawState rawState) {
}
