package io.capstan.provider.client;

/** Why a provider deferred a change (protocol message Deferred). */
public enum DeferredReason {
    UNKNOWN, RESOURCE_CONFIG_UNKNOWN, PROVIDER_CONFIG_UNKNOWN, ABSENT_PREREQ
}
