package io.capstan.graph.graph;

import io.capstan.graph.addrs.ModulePath;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The graph {@code graph -type=plan-destroy} draws, as terraform 1.11's plan graph builder makes it for a destroy
 * plan: built from the state, not the configuration. Each current object in the state is a
 * {@code NAME (destroy)} vertex named by its resource (one per instance, so names repeat); a destroy comes before
 * the destroy of what the object depended on when applied (the state's {@code dependencies}; none between
 * different instances of the same module); each depends on its provider, closed after it; the root module's
 * outputs stay (without references), and whatever the providers' configurations refer to. Configuration
 * resources, locals and variables nothing kept refers to are pruned, as terraform's
 * {@code pruneUnusedNodesTransformer} prunes them. An empty state draws the root and its outputs only.
 */
public final class DestroyGraph {
    private DestroyGraph() {
    }

    /**
     * One current object of the state.
     *
     * @param moduleInstance the module instance ({@code ""} for the root, {@code module.m["a"]})
     * @param resource       the resource's configuration address ({@code module.m.aws_vpc.main})
     * @param provider       the absolute provider configuration the state records
     * @param instance       the instance's address ({@code module.m["a"].aws_vpc.main[0]})
     * @param dependencies   the configuration addresses of the resources it depended on
     */
    public record StateObject(String moduleInstance, String resource, String instance, String provider,
            List<String> dependencies) {
        public StateObject {
            Objects.requireNonNull(moduleInstance, "moduleInstance");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(provider, "provider");
            dependencies = List.copyOf(dependencies);
        }

        /**
         * The object of a state resource: {@code module} its module instance (null or empty for the root),
         * {@code local} its address in the module ({@code data.x.y}), {@code key} the instance's key suffix
         * ({@code [0]}, {@code ["a"]} or empty).
         */
        public static StateObject of(String module, String local, String key, String provider,
                List<String> dependencies) {
            String m = module == null ? "" : module;
            String config = moduleConfig(m);
            return new StateObject(m, config.isEmpty() ? local : config + "." + local,
                    (m.isEmpty() ? local : m + "." + local) + key, provider, dependencies);
        }
    }

    /** A module instance's module: {@code module.a["k"].module.b[0]} is {@code module.a.module.b}. */
    static String moduleConfig(String moduleInstance) {
        StringBuilder sb = new StringBuilder(moduleInstance.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < moduleInstance.length(); i++) {
            char c = moduleInstance.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"' && depth > 0) {
                quoted = true;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The drawn graph of {@code objects}, with {@code plan} (the configuration's plan graph) for outputs and providers. */
    public static OperationDot draw(ResourceGraph plan, List<StateObject> objects) {
        OperationDot d = new OperationDot();
        Map<String, List<Integer>> byResource = new HashMap<>();
        List<String> moduleOf = new ArrayList<>();
        for (StateObject o : objects) {
            int v = d.add(o.resource() + " (destroy)", o.resource(), "box");
            List<Integer> same = byResource.get(o.resource());
            if (same == null) {
                same = new ArrayList<>(1);
                byResource.put(o.resource(), same);
            }
            same.add(v);
            moduleOf.add(o.moduleInstance());
        }
        for (int des = 0; des < objects.size(); des++) {
            for (String dep : objects.get(des).dependencies()) {
                for (int desDep : byResource.getOrDefault(dep, List.of())) {
                    if (!differentInstancesOfOneModule(moduleOf.get(desDep), moduleOf.get(des))) {
                        d.connect(desDep, des);
                    }
                }
            }
        }
        Map<String, ProviderNode> configured = new HashMap<>();
        for (GraphNode n : plan.nodes()) {
            if (n instanceof ProviderNode p) {
                configured.put(p.name(), p);
            }
        }
        Map<GraphNode, Integer> kept = new IdentityHashMap<>();
        Map<String, Integer> providers = new HashMap<>();
        Map<String, Integer> closes = new HashMap<>();
        for (int des = 0; des < objects.size(); des++) {
            String p = objects.get(des).provider();
            Integer pv = providers.get(p);
            if (pv == null) {
                ProviderNode node = configured.get(p);
                pv = node != null ? keep(plan, node, d, kept) : d.add(p, p, "diamond");
                providers.put(p, pv);
                closes.put(p, d.add(p + " (close)", null, null));
            }
            d.connect(des, pv);
            d.connect(closes.get(p), des);
        }
        for (GraphNode n : plan.nodes()) {
            if (n instanceof OutputNode && n.module().equals(ModulePath.ROOT)) {
                d.add(n.name(), null, null);
            }
        }
        boolean[] depended = d.hasDependents();
        int root = d.add("root", null, null);
        for (int v = 0; v < root; v++) {
            if (!depended[v]) {
                d.connect(root, v);
            }
        }
        d.reduce();
        return d;
    }

    /**
     * Adds the provider {@code p} and what its configuration depends on in the plan graph (no resource: the
     * destroy graph has none of the configuration's), with their edges; the provider's vertex.
     */
    private static int keep(ResourceGraph plan, ProviderNode p, OperationDot d, Map<GraphNode, Integer> kept) {
        Deque<GraphNode> todo = new ArrayDeque<>();
        List<GraphNode> added = new ArrayList<>();
        todo.add(p);
        while (!todo.isEmpty()) {
            GraphNode n = todo.pop();
            if (kept.containsKey(n) || n instanceof ResourceNode || n instanceof MarkerNode) {
                continue;
            }
            kept.put(n, d.add(DotWriter.name(n), DotWriter.label(n), n.dotShape()));
            added.add(n);
            todo.addAll(plan.dependencies(n));
        }
        for (GraphNode n : added) {
            for (GraphNode t : plan.dependencies(n)) {
                Integer tv = kept.get(t);
                if (tv != null) {
                    d.connect(kept.get(n), tv);
                }
            }
        }
        return kept.get(p);
    }

    /** As terraform's {@code graphNodesAreResourceInstancesInDifferentInstancesOfSameModule}. */
    static boolean differentInstancesOfOneModule(String a, String b) {
        return !a.equals(b) && moduleConfig(a).equals(moduleConfig(b));
    }
}
