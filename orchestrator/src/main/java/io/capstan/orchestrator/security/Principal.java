package io.capstan.orchestrator.security;

import java.util.List;

/** Who is calling: a token's name, its role and, for deployers, the namespaces it may write. */
public record Principal(String name, Role role, List<String> namespaces) {
    public Principal {
        namespaces = List.copyOf(namespaces);
    }
}
