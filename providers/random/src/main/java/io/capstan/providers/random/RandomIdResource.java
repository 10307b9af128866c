package io.capstan.providers.random;

import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.Diagnostics;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.Resource;
import io.capstan.provider.sdk.ResourceSchema;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;

/**
 * {@code random_id}: random bytes shown in several encodings, meant for unique names.
 * {@code id} and {@code b64_url} are URL-safe base64 without padding, each prefixed.
 * Import with {@code b64_url} or {@code prefix,b64_url}.
 */
final class RandomIdResource implements Resource {
    private static final ResourceSchema SCHEMA = ResourceSchema.of(
            RandomProvider.keepers(),
            AttributeSpec.number("byte_length").required().requiresReplace()
                    .description("The number of random bytes to produce. The minimum value is 1."),
            AttributeSpec.string("prefix").optional().requiresReplace()
                    .description("Arbitrary string to prefix the output value with."),
            AttributeSpec.string("id").computed().description("The generated id presented in base64 without padding."),
            AttributeSpec.string("b64_url").computed().description("URL-safe base64 without padding."),
            AttributeSpec.string("b64_std").computed().description("Standard base64 with padding."),
            AttributeSpec.string("hex").computed().description("Padded hexadecimal digits."),
            AttributeSpec.string("dec").computed().description("Decimal digits of the bytes as a big-endian number."))
            .describedAs("Generates random bytes encoded as base64, hexadecimal and decimal.");

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public void validate(ObjectData config, Diagnostics diags) {
        if (config.isKnown("byte_length") && !config.isNull("byte_length") && config.getLong("byte_length") < 1) {
            diags.attributeError("byte_length", "Invalid Attribute Value", "byte_length must be at least 1");
        }
    }

    @Override
    public void create(ObjectData planned, Diagnostics diags) {
        byte[] bytes = new byte[Math.toIntExact(planned.getLong("byte_length"))];
        RandomProvider.SECURE.nextBytes(bytes);
        fill(planned, bytes, planned.getString("prefix", ""));
    }

    static void fill(ObjectData d, byte[] bytes, String prefix) {
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        d.set("id", url);
        d.set("b64_url", prefix + url);
        d.set("b64_std", prefix + Base64.getEncoder().encodeToString(bytes));
        d.set("hex", prefix + HexFormat.of().formatHex(bytes));
        d.set("dec", prefix + new BigInteger(1, bytes));
    }

    @Override
    public void importState(String id, ObjectData state, Diagnostics diags) {
        String prefix = "";
        String b64 = id;
        int comma = id.indexOf(',');
        if (comma >= 0) {
            prefix = id.substring(0, comma);
            b64 = id.substring(comma + 1);
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            diags.error("Invalid import id", "expected URL-safe base64 (optionally \"prefix,\" first), got \""
                    + id + "\": " + e.getMessage());
            return;
        }
        if (bytes.length == 0) {
            diags.error("Invalid import id", "the id decodes to no bytes");
            return;
        }
        state.set("byte_length", bytes.length);
        if (!prefix.isEmpty()) {
            state.set("prefix", prefix);
        }
        fill(state, bytes, prefix);
    }
}
