package io.capstan.orchestrator.security;

import java.util.Locale;
import java.util.Optional;

/** The fixed set of roles a token can carry. */
public enum Role {
    /** Everything. */
    ADMIN,
    /** Read and write namespaced objects within its namespaces; read nodes. */
    DEPLOYER,
    /** Read everything except secrets. */
    VIEWER,
    /** A node agent: registers and heartbeats nodes, reports instance status, reads what it runs. */
    AGENT;

    public static Optional<Role> parse(String s) {
        try {
            return Optional.of(valueOf(s.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
