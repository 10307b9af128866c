package io.capstan.provider.sdk;

import io.capstan.hcl.value.Value;
import io.capstan.provider.client.AttributePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One planning step as {@link Resource#modifyPlan} sees it: the configuration, the prior
 * state (null when creating), and the planned value the SDK prepared, which the method
 * may change. Paths marked here make Terraform replace the object.
 */
public final class PlanContext {
    private final ObjectData config;
    private final ObjectData prior;
    private final ObjectData planned;
    private final List<AttributePath> requiresReplace = new ArrayList<>();

    PlanContext(ObjectData config, ObjectData prior, ObjectData planned) {
        this.config = Objects.requireNonNull(config, "config");
        this.prior = prior;
        this.planned = Objects.requireNonNull(planned, "planned");
    }

    public ObjectData config() {
        return config;
    }

    /** The prior state; null when the object is being created. */
    public ObjectData prior() {
        return prior;
    }

    public boolean isCreate() {
        return prior == null;
    }

    public ObjectData planned() {
        return planned;
    }

    /** True when the planned value of the attribute differs from its prior value (always on create). */
    public boolean changed(String attribute) {
        if (prior == null) {
            return true;
        }
        Value p = prior.get(attribute).unmarkDeep().value();
        Value n = planned.get(attribute).unmarkDeep().value();
        return !p.equals(n);
    }

    public void requireReplace(AttributePath path) {
        if (!requiresReplace.contains(path)) {
            requiresReplace.add(path);
        }
    }

    public void requireReplace(String attribute) {
        requireReplace(Diagnostics.path(attribute));
    }

    public List<AttributePath> requiresReplace() {
        return List.copyOf(requiresReplace);
    }
}
