package io.capstan.orchestrator.security;

import io.capstan.orchestrator.store.KeyValue;
import io.capstan.orchestrator.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Bearer tokens, kept in the store by their SHA-256 hash only (under {@code /_Token/}, a prefix
 * no API call reaches), so neither the store file nor a backup reveals a usable token.
 */
public final class TokenRegistry {
    private static final String PREFIX = "/_Token/";
    private final Store store;
    private final SecureRandom random = new SecureRandom();

    public TokenRegistry(Store store) {
        this.store = Objects.requireNonNull(store);
    }

    public String newSecret() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return "cap_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Creates a token for a principal and returns its secret (shown once, never stored). */
    public String create(Principal p) {
        String secret = newSecret();
        register(secret, p);
        return secret;
    }

    /** Registers a known secret (the bootstrap admin and join tokens). */
    public void register(String secret, Principal p) {
        String value = p.role().name() + "\n" + p.name() + "\n" + String.join(",", p.namespaces());
        store.put(PREFIX + hash(secret), value.getBytes(StandardCharsets.UTF_8), Store.ANY);
    }

    public Optional<Principal> lookup(String secret) {
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        Optional<KeyValue> kv = store.get(PREFIX + hash(secret));
        if (kv.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = new String(kv.get().value(), StandardCharsets.UTF_8).split("\n", -1);
        List<String> ns = parts.length > 2 && !parts[2].isEmpty() ? Arrays.asList(parts[2].split(",")) : List.of();
        return Optional.of(new Principal(parts[1], Role.valueOf(parts[0]), ns));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
