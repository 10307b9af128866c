package io.capstan.orchestrator.controller;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Endpoint;
import io.capstan.orchestrator.api.v1.Endpoints;
import io.capstan.orchestrator.api.v1.ObjectMeta;
import io.capstan.orchestrator.api.v1.ServicePort;
import io.capstan.orchestrator.store.Registry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps one Endpoints object per service: the ready, non-terminating instances its selector
 * picks, with the node address and host port of each target port. An instance marked
 * terminating leaves the set at once, before its agent stops it.
 */
public final class EndpointsController {
    private final Registry registry;

    public EndpointsController(Registry registry) {
        this.registry = Objects.requireNonNull(registry);
    }

    public void reconcile() {
        Map<String, List<ApiObject>> instancesByNs = new HashMap<>();
        for (ApiObject i : registry.list(Kind.INSTANCE, null).items()) {
            instancesByNs.computeIfAbsent(i.getMetadata().getNamespace(), k -> new ArrayList<>()).add(i);
        }
        Map<String, ApiObject> existing = new HashMap<>();
        for (ApiObject e : registry.list(Kind.ENDPOINTS, null).items()) {
            existing.put(e.getMetadata().getNamespace() + "/" + e.getMetadata().getName(), e);
        }
        Set<String> wanted = new HashSet<>();
        for (ApiObject svc : registry.list(Kind.SERVICE, null).items()) {
            String ns = svc.getMetadata().getNamespace();
            String id = ns + "/" + svc.getMetadata().getName();
            wanted.add(id);
            List<Endpoint> ready = new ArrayList<>();
            for (ApiObject i : instancesByNs.getOrDefault(ns, List.of())) {
                var in = i.getInstance();
                if (in.getSpec().getTerminating() || !in.getStatus().getReady() || in.getSpec().getNode().isEmpty()
                        || !selects(svc.getService().getSpec().getSelectorMap(), i.getMetadata().getLabelsMap())) {
                    continue;
                }
                for (ServicePort p : svc.getService().getSpec().getPortsList()) {
                    Integer port = in.getStatus().getHostPortsMap().get(p.getTargetPort());
                    if (port != null) {
                        ready.add(Endpoint.newBuilder().setInstance(i.getMetadata().getName()).setNode(in.getSpec().getNode())
                                .setAddress(in.getStatus().getAddress()).setPort(port).setPortName(p.getTargetPort()).build());
                    }
                }
            }
            ready.sort(Comparator.comparing(Endpoint::getInstance).thenComparing(Endpoint::getPortName));
            ApiObject cur = existing.get(id);
            Endpoints eps = Endpoints.newBuilder().addAllReady(ready).build();
            if (cur == null) {
                registry.create(ApiObject.newBuilder().setKind(Kind.ENDPOINTS.wireName())
                        .setMetadata(ObjectMeta.newBuilder().setName(svc.getMetadata().getName()).setNamespace(ns))
                        .setEndpoints(eps).build());
            } else if (!cur.getEndpoints().equals(eps)) {
                registry.update(cur.toBuilder().setEndpoints(eps).build(), false);
            }
        }
        for (var e : existing.entrySet()) {
            if (!wanted.contains(e.getKey())) {
                registry.delete(Kind.ENDPOINTS, e.getValue().getMetadata().getNamespace(), e.getValue().getMetadata().getName(), 0);
            }
        }
    }

    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        if (selector.isEmpty()) {
            return false;
        }
        for (var e : selector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
