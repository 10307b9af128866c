package io.capstan.graph.addrs;

import java.util.Objects;

/**
 * A provider's fully-qualified source address, {@code hostname/namespace/type}, e.g.
 * {@code registry.terraform.io/hashicorp/aws}. Short forms ({@code aws}, {@code hashicorp/aws})
 * default to the public registry and the {@code hashicorp} namespace, as in Terraform.
 */
public record Provider(String hostname, String namespace, String type) {
    public static final String DEFAULT_HOST = "registry.terraform.io";
    /** The built-in provider that supplies {@code terraform_data} and {@code terraform_remote_state}. */
    public static final Provider BUILTIN_TERRAFORM = new Provider("terraform.io", "builtin", "terraform");

    public Provider {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(type, "type");
    }

    /** The provider Terraform assumes for a local name with no {@code required_providers} entry. */
    public static Provider implied(String localName) {
        if (localName.equals("terraform")) {
            return BUILTIN_TERRAFORM;
        }
        return new Provider(DEFAULT_HOST, "hashicorp", localName);
    }

    /** Parses {@code type}, {@code namespace/type} or {@code host/namespace/type}; null when malformed. */
    public static Provider parseSource(String source) {
        String[] p = source.split("/", -1);
        for (String s : p) {
            if (s.isEmpty()) {
                return null;
            }
        }
        return switch (p.length) {
            case 1 -> implied(p[0].toLowerCase());
            case 2 -> new Provider(DEFAULT_HOST, p[0].toLowerCase(), p[1].toLowerCase());
            case 3 -> new Provider(p[0].toLowerCase(), p[1].toLowerCase(), p[2].toLowerCase());
            default -> null;
        };
    }

    @Override
    public String toString() {
        return hostname + "/" + namespace + "/" + type;
    }

    // equals and hashCode written out (the record defaults' values): the generated ones are
    // linked through ObjectMethods' bootstrap on first use, which spins method-handle classes
    // in every CLI run (start-up, issue #6).
    @Override
    public boolean equals(Object o) {
        return o instanceof Provider p && hostname.equals(p.hostname) && namespace.equals(p.namespace)
                && type.equals(p.type);
    }

    @Override
    public int hashCode() {
        return (31 * hostname.hashCode() + namespace.hashCode()) * 31 + type.hashCode();
    }
}
