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
 * {@code time_offset}: a base timestamp (taken at creation unless configured) plus
 * {@code offset_*} amounts, with the parts of the result. Changing an offset updates the
 * result in place (known at plan time); changing the base or {@code triggers} replaces.
 * Import with {@code base_rfc3339,years,months,days,hours,minutes,seconds}.
 */
final class TimeOffsetResource implements Resource {
    static final List<String> OFFSETS = List.of("offset_years", "offset_months", "offset_days", "offset_hours",
            "offset_minutes", "offset_seconds");
    private static final ResourceSchema SCHEMA;

    static {
        List<AttributeSpec> attrs = new ArrayList<>();
        attrs.add(TimeProvider.triggers());
        attrs.add(AttributeSpec.string("base_rfc3339").optional().computed().requiresReplace().useStateForUnknown()
                .description("Base timestamp in RFC3339 format. Defaults to the current time at creation."));
        for (String o : OFFSETS) {
            attrs.add(AttributeSpec.number(o).optional()
                    .description("Number of " + o.substring(7) + " to offset the base timestamp."));
        }
        attrs.add(AttributeSpec.string("rfc3339").computed().description("RFC3339 format of the offset timestamp."));
        attrs.addAll(Timestamps.partAttributes());
        attrs.add(AttributeSpec.string("id").computed().useStateForUnknown()
                .description("RFC3339 format of the base timestamp."));
        SCHEMA = new ResourceSchema(0, new BlockSpec(attrs, List.of(),
                "Manages an offset time resource, which keeps an UTC timestamp stored in the state that is offset "
                        + "from a locally sourced base timestamp."));
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public void validate(ObjectData config, Diagnostics diags) {
        if (OFFSETS.stream().allMatch(config::isNull)) {
            diags.error(io.capstan.provider.sdk.Diagnostics.path("offset_days"), "Missing Attribute Configuration",
                    "At least one of these attributes must be configured: " + String.join(", ", OFFSETS));
        }
        if (config.isKnown("base_rfc3339") && !config.isNull("base_rfc3339")
                && Timestamps.parse(config.getString("base_rfc3339")) == null) {
            diags.attributeError("base_rfc3339", "Invalid RFC3339 String Value",
                    "\"" + config.getString("base_rfc3339") + "\" is not a timestamp such as 2024-06-01T12:00:00Z");
        }
    }

    @Override
    public void modifyPlan(PlanContext plan, Diagnostics diags) {
        ObjectData p = plan.planned();
        if (p.isKnown("base_rfc3339") && !p.isNull("base_rfc3339") && OFFSETS.stream().allMatch(p::isKnown)) {
            compute(p);
        }
    }

    private static void compute(ObjectData d) {
        OffsetDateTime base = Timestamps.parse(d.getString("base_rfc3339"));
        if (base == null) {
            return;
        }
        OffsetDateTime t = Timestamps.offset(base, d.getLong("offset_years", 0), d.getLong("offset_months", 0),
                d.getLong("offset_days", 0), d.getLong("offset_hours", 0), d.getLong("offset_minutes", 0),
                d.getLong("offset_seconds", 0));
        d.set("rfc3339", Timestamps.format(t));
        d.set("id", d.getString("base_rfc3339"));
        Timestamps.setParts(d, t);
    }

    @Override
    public void create(ObjectData planned, Diagnostics diags) {
        if (!planned.isKnown("base_rfc3339") || planned.isNull("base_rfc3339")) {
            planned.set("base_rfc3339", Timestamps.format(Timestamps.now()));
        }
        compute(planned);
    }

    @Override
    public void update(ObjectData prior, ObjectData planned, Diagnostics diags) {
        compute(planned);
    }

    @Override
    public void importState(String id, ObjectData state, Diagnostics diags) {
        String[] parts = id.split(",", -1);
        if (parts.length != 7 || Timestamps.parse(parts[0]) == null) {
            diags.error("Invalid import id", "expected BASE_RFC3339,YEARS,MONTHS,DAYS,HOURS,MINUTES,SECONDS "
                    + "(empty for an unset offset), got \"" + id + "\"");
            return;
        }
        state.set("base_rfc3339", parts[0]);
        for (int i = 0; i < OFFSETS.size(); i++) {
            String v = parts[i + 1].strip();
            if (!v.isEmpty()) {
                try {
                    state.set(OFFSETS.get(i), Long.parseLong(v));
                } catch (NumberFormatException e) {
                    diags.error("Invalid import id", OFFSETS.get(i) + " is not an integer: \"" + v + "\"");
                    return;
                }
            }
        }
        compute(state);
    }
}
