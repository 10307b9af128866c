package io.capstan.provider.client;

/** Protocol features Capstan tells the provider it understands (sent with several requests). */
public record ClientCapabilities(boolean deferralAllowed, boolean writeOnlyAttributesAllowed) {
    /** What Capstan supports today: write-only attributes yes, deferred changes not yet. */
    public static final ClientCapabilities CAPSTAN = new ClientCapabilities(false, true);
}
