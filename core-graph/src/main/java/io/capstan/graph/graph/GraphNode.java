package io.capstan.graph.graph;

import io.capstan.graph.addrs.ModulePath;

/**
 * A vertex of the resource graph. Capabilities are expressed through role interfaces
 * ({@link ReferenceableNode}, {@link ReferencerNode}, {@link ProviderConsumer}) that the
 * transformers act on, rather than through type tests.
 */
public interface GraphNode {
    /** The module this node belongs to. */
    ModulePath module();

    /** Terraform's vertex name within its module, e.g. {@code local.a (expand)} or {@code terraform_data.a}. */
    String localName();

    /** The full name: module prefix plus {@link #localName()}; used in cycle messages and DOT. */
    default String name() {
        return module().prefix(localName());
    }

    /** The label Terraform shows in DOT (the name without the "(expand)" suffix). */
    default String dotLabel() {
        String n = name();
        return n.endsWith(" (expand)") ? n.substring(0, n.length() - 9) : n;
    }

    /** The DOT shape, as Terraform draws the node kind. */
    default String dotShape() {
        return "box";
    }
}
