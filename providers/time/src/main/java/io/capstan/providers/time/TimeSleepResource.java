package io.capstan.providers.time;

import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.Diagnostics;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.Resource;
import io.capstan.provider.sdk.ResourceSchema;
import java.time.Duration;
import java.util.List;

/**
 * {@code time_sleep}: waits {@code create_duration} when created and {@code destroy_duration}
 * when destroyed (Go duration syntax, e.g. {@code 30s}). Changing a duration only updates
 * state; {@code triggers} replace. Import with {@code create_duration,destroy_duration}.
 */
final class TimeSleepResource implements Resource {
    private static final ResourceSchema SCHEMA = ResourceSchema.of(
            AttributeSpec.string("create_duration").optional()
                    .description("Time duration to delay resource creation. For example, 30s for 30 seconds or 5m for 5 minutes."),
            AttributeSpec.string("destroy_duration").optional()
                    .description("Time duration to delay resource destroy. For example, 30s for 30 seconds or 5m for 5 minutes."),
            TimeProvider.triggers(),
            AttributeSpec.string("id").computed().useStateForUnknown()
                    .description("RFC3339 format of the creation timestamp."))
            .describedAs("Manages a resource that delays creation and/or destruction, typically for further resources.");

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public void validate(ObjectData config, Diagnostics diags) {
        for (String a : List.of("create_duration", "destroy_duration")) {
            if (config.isKnown(a) && !config.isNull(a)) {
                Duration d = GoDuration.parse(config.getString(a));
                if (d == null || d.isNegative()) {
                    diags.attributeError(a, "Invalid Attribute Value", "must be a string containing a duration "
                            + "and unit, like 1s or 2m, got \"" + config.getString(a) + "\"");
                }
            }
        }
    }

    private static void sleep(ObjectData d, String attribute, Diagnostics diags) {
        if (d.isNull(attribute)) {
            return;
        }
        Duration wait = GoDuration.parse(d.getString(attribute));
        try {
            Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            // StopProvider (Ctrl-C in Terraform or Capstan): give up the wait, leave no object.
            diags.error("Interrupted", attribute + " sleep of " + d.getString(attribute)
                    + " was cancelled: the provider was asked to stop");
        }
    }

    @Override
    public void create(ObjectData planned, Diagnostics diags) {
        sleep(planned, "create_duration", diags);
        if (diags.hasErrors()) {
            return;
        }
        planned.set("id", Timestamps.format(Timestamps.now()));
    }

    @Override
    public void delete(ObjectData state, Diagnostics diags) {
        sleep(state, "destroy_duration", diags);
    }

    @Override
    public void importState(String id, ObjectData state, Diagnostics diags) {
        String[] parts = id.split(",", -1);
        if (parts.length != 2) {
            diags.error("Invalid import id", "expected CREATE_DURATION,DESTROY_DURATION (either may be empty), got \""
                    + id + "\"");
            return;
        }
        for (int i = 0; i < 2; i++) {
            String a = i == 0 ? "create_duration" : "destroy_duration";
            if (!parts[i].isEmpty()) {
                if (GoDuration.parse(parts[i]) == null) {
                    diags.error("Invalid import id", a + " \"" + parts[i] + "\" is not a duration");
                    return;
                }
                state.set(a, parts[i]);
            }
        }
        state.set("id", Timestamps.format(Timestamps.now()));
    }
}
