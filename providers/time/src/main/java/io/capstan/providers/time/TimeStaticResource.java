package io.capstan.providers.time;

import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.BlockSpec;
import io.capstan.provider.sdk.Diagnostics;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.PlanContext;
import io.capstan.provider.sdk.Resource;
import io.capstan.provider.sdk.ResourceSchema;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code time_static}: a timestamp taken once at creation (or configured), kept until
 * {@code triggers} or {@code rfc3339} change. Import with the timestamp itself.
 */
final class TimeStaticResource implements Resource {
    private static final ResourceSchema SCHEMA;

    static {
        List<AttributeSpec> attrs = new ArrayList<>();
        attrs.add(TimeProvider.triggers());
        attrs.add(AttributeSpec.string("rfc3339").optional().computed().requiresReplace()
                .description("Base timestamp in RFC3339 format. Defaults to the current time at creation."));
        attrs.addAll(Timestamps.partAttributes());
        attrs.add(AttributeSpec.string("id").computed().description("RFC3339 format of the timestamp."));
        SCHEMA = new ResourceSchema(0, new BlockSpec(attrs, List.of(),
                "Manages a static time resource, which keeps a locally sourced UTC timestamp stored in the state."));
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public void validate(ObjectData config, Diagnostics diags) {
        if (config.isKnown("rfc3339") && !config.isNull("rfc3339") && Timestamps.parse(config.getString("rfc3339")) == null) {
            diags.attributeError("rfc3339", "Invalid RFC3339 String Value",
                    "\"" + config.getString("rfc3339") + "\" is not a timestamp such as 2024-06-01T12:00:00Z");
        }
    }

    @Override
    public void modifyPlan(PlanContext plan, Diagnostics diags) {
        // A configured timestamp determines every part already at plan time.
        ObjectData p = plan.planned();
        if (p.isKnown("rfc3339") && !p.isNull("rfc3339")) {
            OffsetDateTime t = Timestamps.parse(p.getString("rfc3339"));
            if (t != null) {
                Timestamps.setParts(p, t);
                p.set("id", p.getString("rfc3339"));
            }
        }
    }

    @Override
    public void create(ObjectData planned, Diagnostics diags) {
        OffsetDateTime t = planned.isNull("rfc3339") || !planned.isKnown("rfc3339") ? Timestamps.now()
                : Timestamps.parse(planned.getString("rfc3339"));
        String text = planned.isKnown("rfc3339") && !planned.isNull("rfc3339") ? planned.getString("rfc3339")
                : Timestamps.format(t);
        planned.set("rfc3339", text);
        planned.set("id", text);
        Timestamps.setParts(planned, t);
    }

    @Override
    public void importState(String id, ObjectData state, Diagnostics diags) {
        OffsetDateTime t = Timestamps.parse(id);
        if (t == null) {
            diags.error("Invalid import id", "expected an RFC3339 timestamp such as 2024-06-01T12:00:00Z, got \""
                    + id + "\"");
            return;
        }
        state.set("rfc3339", id);
        state.set("id", id);
        Timestamps.setParts(state, t);
    }
}
