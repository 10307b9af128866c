package io.capstan.graph.graph;

import io.capstan.graph.addrs.Provider;
import io.capstan.graph.addrs.ResourceMode;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.diag.Diagnostics;

import java.util.List;

/**
 * The part of terraform's static reference check that needs a resource type's schema
 * ({@code StaticValidateTraversal}: "Unsupported attribute" with "Did you mean", indexing a block
 * or a set, deprecated attributes) for the types of plugin providers, whose schemas the graph
 * builder does not know: the run hands it in once the providers can be asked. The built-in
 * provider's types are checked without it.
 */
@FunctionalInterface
public interface ResourceTypeSchemas {
    /** Knows no schema: plugin types are not checked (a graph built without providers). */
    ResourceTypeSchemas NONE = (provider, mode, type, steps, diags) -> false;

    /**
     * Checks {@code steps}, the traversal after a reference to a resource of {@code type} in
     * {@code mode} served by {@code provider}, against the type's schema, adding terraform's
     * diagnostics to {@code diags}. False, adding nothing, when the schema is not known (the
     * provider failed to start, or lacks the type: the walk reports that on the block itself).
     */
    boolean check(Provider provider, ResourceMode mode, String type, List<Traverser> steps, Diagnostics diags);
}
