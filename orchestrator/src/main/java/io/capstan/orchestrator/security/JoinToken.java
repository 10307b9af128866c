package io.capstan.orchestrator.security;

import java.util.Optional;

/**
 * What an agent needs to join: the CA fingerprint to trust and the secret to authenticate,
 * written as {@code CAPJ1.<sha256-hex>.<secret>} (like k3s's {@code K10<hash>::<secret>}).
 */
public record JoinToken(String caFingerprint, String secret) {
    private static final String PREFIX = "CAPJ1.";

    public String format() {
        return PREFIX + caFingerprint + "." + secret;
    }

    public static Optional<JoinToken> parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = text.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot != 64 || rest.length() <= dot + 1) {
            return Optional.empty();
        }
        return Optional.of(new JoinToken(rest.substring(0, dot), rest.substring(dot + 1)));
    }
}
