package io.capstan.providers.time;

import io.capstan.hcl.value.Type;
import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.Provider;

/**
 * The {@code time} provider: timestamps fixed at creation ({@code time_static}), offsets
 * from them ({@code time_offset}) and delays between resources ({@code time_sleep}), with
 * hashicorp/time's attribute names and behaviour; and its function
 * {@code provider::time::rfc3339_parse}.
 */
public final class TimeProvider {
    private TimeProvider() {
    }

    public static Provider create() {
        return Provider.builder("time")
                .resource("time_static", new TimeStaticResource())
                .resource("time_offset", new TimeOffsetResource())
                .resource("time_sleep", new TimeSleepResource())
                .function(Rfc3339ParseFunction.create())
                .build();
    }

    static AttributeSpec triggers() {
        return AttributeSpec.map("triggers", Type.STRING).optional().requiresReplace()
                .description("Arbitrary map of values that, when changed, will trigger a new resource to be created.");
    }
}
