package io.capstan.graph.addrs;

import java.util.Objects;

/** A resource or data block within one module, e.g. {@code aws_vpc.main} or {@code data.aws_ami.ubuntu}. */
public record Resource(ResourceMode mode, String type, String name) implements Referenceable {
    public Resource {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    public static Resource managed(String type, String name) {
        return new Resource(ResourceMode.MANAGED, type, name);
    }

    public static Resource data(String type, String name) {
        return new Resource(ResourceMode.DATA, type, name);
    }

    public ResourceInstance instance(InstanceKey key) {
        return new ResourceInstance(this, key);
    }

    /** The provider type this resource belongs to by default: the type name up to the first underscore. */
    public String impliedProviderType() {
        int u = type.indexOf('_');
        return u < 0 ? type : type.substring(0, u);
    }

    @Override
    public String toString() {
        return mode.prefix() + type + "." + name;
    }

    // equals and hashCode written out (the record defaults' values): the generated ones are
    // linked through ObjectMethods' bootstrap on first use, which spins method-handle classes
    // in every CLI run (start-up, issue #6).
    @Override
    public boolean equals(Object o) {
        return o instanceof Resource r && mode == r.mode && type.equals(r.type) && name.equals(r.name);
    }

    @Override
    public int hashCode() {
        return (31 * mode.hashCode() + type.hashCode()) * 31 + name.hashCode();
    }
}
