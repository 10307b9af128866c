package io.capstan.graph.addrs;

import java.util.Objects;

/** A whole resource (all its instances) in one module instance: {@code module.net[2].aws_subnet.a}. */
public record AbsResource(ModuleInstance module, Resource resource) {
    public AbsResource {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(resource, "resource");
    }

    public AbsResourceInstance instance(InstanceKey key) {
        return new AbsResourceInstance(module, resource.instance(key));
    }

    @Override
    public String toString() {
        return module.isRoot() ? resource.toString() : module + "." + resource;
    }
}
