package io.capstan.provider.client;

import java.util.Map;

/**
 * Stored state as read from a state file, before the provider upgrades it to the current
 * schema: JSON bytes, or the legacy (pre-0.12) flatmap form.
 */
public record RawState(byte[] json, Map<String, String> flatmap) {
    public RawState {
        json = json == null ? new byte[0] : json.clone();
        flatmap = flatmap == null ? Map.of() : Map.copyOf(flatmap);
    }

    public static RawState ofJson(byte[] json) {
        return new RawState(json, null);
    }

    @Override
    public byte[] json() {
        return json.clone();
    }
}
