package io.capstan.providers.random;

import io.capstan.hcl.value.Type;
import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.Diagnostics;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.Resource;
import io.capstan.provider.sdk.ResourceSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * {@code random_shuffle}: a random permutation of {@code input}, optionally
 * {@code result_count} long (repeating the input when longer than it, as hashicorp/random
 * does). Cannot be imported.
 */
final class RandomShuffleResource implements Resource {
    private static final ResourceSchema SCHEMA = ResourceSchema.of(
            RandomProvider.keepers(),
            AttributeSpec.list("input", Type.STRING).required().requiresReplace()
                    .description("The list of strings to shuffle."),
            AttributeSpec.string("seed").optional().requiresReplace()
                    .description("Arbitrary string with which to seed the random number generator."),
            AttributeSpec.number("result_count").optional().requiresReplace()
                    .description("The number of results to return. Defaults to the number of items in the input list."),
            AttributeSpec.list("result", Type.STRING).computed().description("Random permutation of the input list."),
            AttributeSpec.string("id").computed().description("A static value used internally by Terraform."))
            .describedAs("The resource random_shuffle generates a random permutation of a list of strings.");

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public void validate(ObjectData config, Diagnostics diags) {
        if (config.isKnown("result_count") && !config.isNull("result_count") && config.getLong("result_count") < 0) {
            diags.attributeError("result_count", "Invalid Attribute Value", "result_count must not be negative");
        }
    }

    @Override
    public void create(ObjectData planned, Diagnostics diags) {
        List<String> input = planned.getStringList("input");
        int count = Math.toIntExact(planned.getLong("result_count", input.size()));
        Random r = RandomProvider.generator(planned.getString("seed"));
        List<String> result = new ArrayList<>();
        if (!input.isEmpty()) {
            while (result.size() < count) {
                List<String> round = new ArrayList<>(input);
                Collections.shuffle(round, r);
                result.addAll(round.subList(0, Math.min(round.size(), count - result.size())));
            }
        }
        planned.set("result", result);
        planned.set("id", "-");
    }
}
