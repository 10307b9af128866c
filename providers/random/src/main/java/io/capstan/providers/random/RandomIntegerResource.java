package io.capstan.providers.random;

import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.Diagnostics;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.Resource;
import io.capstan.provider.sdk.ResourceSchema;
import java.util.Random;

/**
 * {@code random_integer}: a number between {@code min} and {@code max} inclusive; with a
 * {@code seed} the same number every time. Import with {@code result,min,max[,seed]}.
 */
final class RandomIntegerResource implements Resource {
    private static final ResourceSchema SCHEMA = ResourceSchema.of(
            RandomProvider.keepers(),
            AttributeSpec.number("min").required().requiresReplace().description("The minimum inclusive value of the range."),
            AttributeSpec.number("max").required().requiresReplace().description("The maximum inclusive value of the range."),
            AttributeSpec.string("seed").optional().requiresReplace()
                    .description("A custom seed to always produce the same value."),
            AttributeSpec.number("result").computed().description("The random integer result."),
            AttributeSpec.string("id").computed().description("The string representation of the integer result."))
            .describedAs("The resource random_integer generates random values from a given range.");

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public void validate(ObjectData config, Diagnostics diags) {
        if (config.isKnown("min") && config.isKnown("max") && !config.isNull("min") && !config.isNull("max")
                && config.getLong("max") < config.getLong("min")) {
            diags.attributeError("max", "Invalid Attribute Value", "the maximum (" + config.getLong("max")
                    + ") must be greater than or equal to the minimum (" + config.getLong("min") + ")");
        }
    }

    @Override
    public void create(ObjectData planned, Diagnostics diags) {
        long min = planned.getLong("min");
        long max = planned.getLong("max");
        Random r = RandomProvider.generator(planned.getString("seed"));
        long result = min + (long) Math.floor(r.nextDouble() * ((double) max - min + 1));
        result = Math.min(result, max);
        planned.set("result", result);
        planned.set("id", Long.toString(result));
    }

    @Override
    public void importState(String id, ObjectData state, Diagnostics diags) {
        String[] parts = id.split(",");
        if (parts.length != 3 && parts.length != 4) {
            diags.error("Invalid import id", "expected result,min,max or result,min,max,seed; got \"" + id + "\"");
            return;
        }
        try {
            long result = Long.parseLong(parts[0].strip());
            state.set("result", result);
            state.set("id", Long.toString(result));
            state.set("min", Long.parseLong(parts[1].strip()));
            state.set("max", Long.parseLong(parts[2].strip()));
        } catch (NumberFormatException e) {
            diags.error("Invalid import id", "result, min and max must be integers: " + e.getMessage());
            return;
        }
        if (parts.length == 4) {
            state.set("seed", parts[3]);
        }
    }
}
