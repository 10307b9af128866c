package io.capstan.engine.state;

import java.util.List;
import java.util.Objects;

/**
 * One resource in state (all instances of {@code module.m.aws_vpc.main}).
 *
 * @param module   null for the root module, else e.g. {@code module.a["k"]}
 * @param mode     {@code managed} or {@code data}
 * @param provider absolute provider configuration, e.g. {@code provider["registry.terraform.io/hashicorp/aws"]}
 */
public record ResourceState(
        String module, String mode, String type, String name, String provider,
        List<InstanceState> instances) {

    public ResourceState {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        instances = List.copyOf(instances);
    }

    /**
     * The record's own equality (every component, as {@code Object.equals}), written out: see
     * {@link StateFile#equals}. {@code hashCode} stays the generated one.
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof ResourceState r && Objects.equals(module, r.module) && mode.equals(r.mode)
                && type.equals(r.type) && name.equals(r.name) && provider.equals(r.provider)
                && instances.equals(r.instances);
    }

    /** Address of the resource without instance key: {@code module.a.data.x.y}. */
    public String address() {
        String local = ("data".equals(mode) ? "data." : "") + type + "." + name;
        return module == null || module.isEmpty() ? local : module + "." + local;
    }

    public ResourceState withInstances(List<InstanceState> newInstances) {
        return new ResourceState(module, mode, type, name, provider, newInstances);
    }
}
