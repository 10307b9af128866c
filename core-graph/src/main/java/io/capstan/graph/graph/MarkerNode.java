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
}
