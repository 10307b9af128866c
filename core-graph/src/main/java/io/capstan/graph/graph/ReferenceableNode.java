package io.capstan.graph.graph;

import io.capstan.graph.addrs.Referenceable;

import java.util.List;

/** A node that expressions in its own module can refer to, under the given addresses. */
public interface ReferenceableNode extends GraphNode {
    List<Referenceable> referenceableAddrs();
}
