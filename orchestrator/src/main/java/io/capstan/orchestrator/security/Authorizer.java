package io.capstan.orchestrator.security;

import io.capstan.orchestrator.api.Kind;
import java.util.Optional;

/** Decides whether a principal may do a verb on a kind in a namespace; a refusal says why. */
public final class Authorizer {
    public enum Verb { READ, WRITE }

    private Authorizer() {
    }

    /** Empty when allowed; otherwise the reason. {@code namespace} null means "all namespaces". */
    public static Optional<String> check(Principal p, Verb verb, Kind kind, String namespace) {
        boolean allowed = switch (p.role()) {
            case ADMIN -> true;
            case VIEWER -> verb == Verb.READ && kind != Kind.SECRET;
            case AGENT -> verb == Verb.READ || kind == Kind.NODE || kind == Kind.INSTANCE;
            case DEPLOYER -> {
                if (!kind.namespaced()) {
                    yield verb == Verb.READ;
                }
                yield namespace != null && p.namespaces().contains(kind.namespaceOf(namespace));
            }
        };
        if (allowed) {
            return Optional.empty();
        }
        String where = kind.namespaced() ? (namespace == null ? " in all namespaces" : " in namespace \"" + kind.namespaceOf(namespace) + "\"") : "";
        return Optional.of(p.role().label() + " \"" + p.name() + "\" may not " + verb.name().toLowerCase() + " "
                + kind.plural() + where);
    }
}
