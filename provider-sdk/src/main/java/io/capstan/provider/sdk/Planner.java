package io.capstan.provider.sdk;

import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.AttributePath;
import java.util.List;

/**
 * The planning defaults every SDK resource gets, in the order the plugin framework applies
 * them: defaults for attributes the configuration leaves null; computed attributes the
 * configuration leaves null become unknown on create, and on update when anything else
 * changes (unless they use state for unknown), otherwise they keep their prior value;
 * attributes and nested blocks marked requires-replace that changed are reported. Then
 * the resource's own {@link Resource#modifyPlan} runs.
 */
final class Planner {
    private Planner() {
    }

    record Planned(Value planned, List<AttributePath> requiresReplace) {
    }

    static Planned plan(Resource resource, ObjectType type, Value prior, Value proposed, Value config,
                        Diagnostics diags) {
        ResourceSchema schema = resource.schema();
        boolean create = prior == null || prior.isNull();
        ObjectData cfg = ObjectData.of(config, type);
        ObjectData before = create ? null : ObjectData.of(prior, type);
        ObjectData planned = ObjectData.of(proposed, type);
        for (AttributeSpec a : schema.block().attributes()) {
            if (a.defaultValue() != null && cfg.isNull(a.name())) {
                planned.set(a.name(), a.defaultValue());
            }
        }
        // Replacement is decided on configured values, before computed ones become unknown:
        // a computed attribute the configuration leaves null is the provider's to choose.
        List<String> replaceReasons = new java.util.ArrayList<>();
        if (!create) {
            for (AttributeSpec a : schema.block().attributes()) {
                if (a.forcesReplacement() && !same(before.get(a.name()), planned.get(a.name()))) {
                    replaceReasons.add(a.name());
                }
            }
            for (NestedBlockSpec b : schema.block().blocks()) {
                if (b.forcesReplacement() && !same(before.get(b.typeName()), planned.get(b.typeName()))) {
                    replaceReasons.add(b.typeName());
                }
            }
        }
        boolean changed = create || !same(planned.toValue(), prior);
        for (AttributeSpec a : schema.block().attributes()) {
            if (!a.isComputed() || a.defaultValue() != null || !cfg.isNull(a.name())) {
                continue;
            }
            if (create || (changed && !a.keepsStateForUnknown())) {
                planned.setUnknown(a.name());
            }
        }
        PlanContext ctx = new PlanContext(cfg, before, planned);
        replaceReasons.forEach(ctx::requireReplace);
        resource.modifyPlan(ctx, diags);
        return new Planned(ctx.planned().toValue(), ctx.requiresReplace());
    }

    static boolean same(Value a, Value b) {
        return a.unmarkDeep().value().equals(b.unmarkDeep().value());
    }
}
