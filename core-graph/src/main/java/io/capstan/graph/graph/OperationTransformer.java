package io.capstan.graph.graph;

import io.capstan.graph.addrs.ModulePath;

import java.util.ArrayList;
import java.util.List;

/**
 * The structure of operation graphs ({@code plan}, {@code apply}, {@code plan-destroy}):
 * a {@code (close)} node per provider after everything that uses it, and one {@code root}
 * node depending on every node nothing else depends on. For destroy, dependencies between
 * resources are reversed: a dependent is destroyed before what it depends on.
 */
public final class OperationTransformer implements GraphTransformer {
    @Override
    public void transform(GraphBuild b) {
        if (b.type() == GraphType.PLAN_DESTROY) {
            reverseResourceEdges(b);
        }
        for (GraphNode n : new ArrayList<>(b.nodes())) {
            if (n instanceof ProviderNode p) {
                MarkerNode close = new MarkerNode(ModulePath.ROOT, p.name() + " (close)");
                b.add(close);
                for (var e : b.graph().incomingEdgesOf(p)) {
                    GraphNode user = b.graph().getEdgeSource(e);
                    if (user instanceof ProviderConsumer) {
                        b.connect(close, user);
                    }
                }
            }
        }
        MarkerNode root = MarkerNode.root();
        List<GraphNode> tops = new ArrayList<>();
        for (GraphNode n : b.nodes()) {
            if (b.graph().inDegreeOf(n) == 0) {
                tops.add(n);
            }
        }
        b.add(root);
        for (GraphNode n : tops) {
            b.connect(root, n);
        }
    }

    private static void reverseResourceEdges(GraphBuild b) {
        // Destroy graphs keep only resources and providers; the order between resources flips.
        ResourceDependencies deps = new ResourceDependencies(b.graph());
        List<GraphNode> resources = new ArrayList<>();
        for (GraphNode n : b.nodes()) {
            if (n instanceof ResourceNode) {
                resources.add(n);
            }
        }
        List<GraphNode[]> flipped = new ArrayList<>();
        for (GraphNode r : resources) {
            for (GraphNode dep : deps.of(r)) {
                flipped.add(new GraphNode[]{dep, r});
            }
        }
        for (GraphNode n : new ArrayList<>(b.nodes())) {
            if (!(n instanceof ResourceNode) && !(n instanceof ProviderNode)) {
                b.graph().removeVertex(n);
            }
        }
        b.nodes().removeIf(n -> !b.graph().containsVertex(n));
        for (GraphNode r : resources) {
            for (var e : new ArrayList<>(b.graph().outgoingEdgesOf(r))) {
                if (b.graph().getEdgeTarget(e) instanceof ResourceNode) {
                    b.graph().removeEdge(e);
                }
            }
        }
        for (GraphNode[] e : flipped) {
            b.connect(e[0], e[1]);
        }
    }
}
