package io.capstan.graph.graph;

import io.capstan.graph.addrs.ModulePath;

import java.util.Objects;

/**
 * A structural node of operation graphs: the single {@code root} every graph ends in, and a
 * provider's {@code (close)} node that runs after everything using the provider.
 */
public record MarkerNode(ModulePath module, String localName) implements GraphNode {
    public MarkerNode {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(localName, "localName");
    }

    public static MarkerNode root() {
        return new MarkerNode(ModulePath.ROOT, "root");
    }

    @Override
    public String dotLabel() {
        return localName;
    }

    // equals and hashCode written out (the record defaults' values): the generated ones are
    // linked through ObjectMethods' bootstrap on first use, which spins method-handle classes
    // in every CLI run (start-up, issue #6).
    @Override
    public boolean equals(Object o) {
        return o instanceof MarkerNode m && module.equals(m.module) && localName.equals(m.localName);
    }

    @Override
    public int hashCode() {
        return 31 * module.hashCode() + localName.hashCode();
    }
}
