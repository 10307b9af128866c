package io.capstan.graph.addrs;

import java.util.Objects;

/** A resource instance anywhere in the module tree: {@code module.net[2].aws_subnet.a["x"]}. */
public record AbsResourceInstance(ModuleInstance module, ResourceInstance resource) {
    public AbsResourceInstance {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(resource, "resource");
    }

    public AbsResource containingResource() {
        return new AbsResource(module, resource.resource());
    }

    @Override
    public String toString() {
        return module.isRoot() ? resource.toString() : module + "." + resource;
    }
}
