package io.capstan.graph.graph;

import io.capstan.graph.config.ProviderRef;

/** A node that needs a provider configuration (resources and data sources). */
public interface ProviderConsumer extends GraphNode {
    /** The local provider name and alias it uses in its module. */
    ProviderRef providerRef();
}
