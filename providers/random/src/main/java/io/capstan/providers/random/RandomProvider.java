package io.capstan.providers.random;

import io.capstan.hcl.value.Type;
import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.Provider;
import java.security.SecureRandom;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * The {@code random} provider: values generated once, kept in state, and re-generated only
 * when the resource is replaced (a {@code keepers} entry or another argument changes).
 * Attribute names and behaviour follow hashicorp/random; seeded results are deterministic
 * for a seed but not the same numbers Go's generator gives.
 */
public final class RandomProvider {
    static final SecureRandom SECURE = new SecureRandom();

    private RandomProvider() {
    }

    public static Provider create() {
        return Provider.builder("random")
                .resource("random_id", new RandomIdResource())
                .resource("random_string", new RandomStringResource(false))
                .resource("random_password", new RandomStringResource(true))
                .resource("random_integer", new RandomIntegerResource())
                .resource("random_shuffle", new RandomShuffleResource())
                .build();
    }

    /** The {@code keepers} map every resource has: any change replaces the resource. */
    static AttributeSpec keepers() {
        return AttributeSpec.map("keepers", Type.STRING).optional().requiresReplace()
                .description("Arbitrary map of values that, when changed, will trigger recreation of the resource.");
    }

    /** A generator: seeded (deterministic) when a seed is given, otherwise cryptographically random. */
    static Random generator(String seed) {
        if (seed == null) {
            return SECURE;
        }
        CRC32 crc = new CRC32();
        crc.update(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Random(crc.getValue() ^ ((long) seed.hashCode() << 32));
    }
}
