package io.capstan.graph.addrs;

import java.util.Objects;

/** One instance of a resource within a module: {@code aws_instance.web[0]}, {@code aws_instance.web["blue"]}. */
public record ResourceInstance(Resource resource, InstanceKey key) implements Referenceable {
    public ResourceInstance {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return resource + key.toString();
    }
}
