package io.capstan.orchestrator.api;

import io.capstan.orchestrator.api.v1.ApiObject;
import java.util.Locale;
import java.util.Optional;

/** The kinds of object the orchestrator stores, with their scope and the aliases the CLI accepts. */
public enum Kind {
    NAMESPACE("Namespace", false, ApiObject.BodyCase.NAMESPACE, "namespaces", "ns"),
    DEPLOYMENT("Deployment", true, ApiObject.BodyCase.DEPLOYMENT, "deployments", "deploy"),
    SERVICE("Service", true, ApiObject.BodyCase.SERVICE, "services", "svc"),
    CONFIG_MAP("ConfigMap", true, ApiObject.BodyCase.CONFIG_MAP, "configmaps", "cm"),
    SECRET("Secret", true, ApiObject.BodyCase.SECRET, "secrets", "secret"),
    NODE("Node", false, ApiObject.BodyCase.NODE, "nodes", "no"),
    INSTANCE("Instance", true, ApiObject.BodyCase.INSTANCE, "instances", "inst"),
    ENDPOINTS("Endpoints", true, ApiObject.BodyCase.ENDPOINTS, "endpoints", "ep");

    private final String wireName;
    private final boolean namespaced;
    private final ApiObject.BodyCase body;
    private final String plural;
    private final String shortName;

    Kind(String wireName, boolean namespaced, ApiObject.BodyCase body, String plural, String shortName) {
        this.wireName = wireName;
        this.namespaced = namespaced;
        this.body = body;
        this.plural = plural;
        this.shortName = shortName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean namespaced() {
        return namespaced;
    }

    public ApiObject.BodyCase body() {
        return body;
    }

    public String plural() {
        return plural;
    }

    /** Parses a kind as a user types it: {@code Deployment}, {@code deployments}, {@code deploy}... */
    public static Optional<Kind> parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (Kind k : values()) {
            if (k.wireName.toLowerCase(Locale.ROOT).equals(t) || k.plural.equals(t) || k.shortName.equals(t)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    public static Optional<Kind> ofBody(ApiObject.BodyCase body) {
        for (Kind k : values()) {
            if (k.body == body) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The namespace an object of this kind lives in: "" for cluster-scoped kinds, "default" when unset. */
    public String namespaceOf(String requested) {
        if (!namespaced) {
            return "";
        }
        return requested == null || requested.isEmpty() ? "default" : requested;
    }

    /** The store key of one object. */
    public String key(String namespace, String name) {
        return prefix(namespace) + name;
    }

    /** The store prefix of all objects of this kind in a namespace (all namespaces when null). */
    public String prefix(String namespace) {
        if (namespace == null) {
            return "/" + wireName + "/";
        }
        return "/" + wireName + "/" + namespaceOf(namespace) + "/";
    }
}
