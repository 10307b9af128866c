package io.capstan.provider.install;

import java.util.Locale;

/**
 * An {@code include}/{@code exclude} pattern of the CLI configuration's
 * {@code provider_installation} methods: a provider address whose parts may be {@code *}
 * ({@code registry.terraform.io/hashicorp/*}, {@code hashicorp/aws}, {@code example.com/*\/*}).
 */
public record ProviderPattern(String hostname, String namespace, String type) {

    /** Parses a pattern; null when malformed (a wildcard namespace needs a wildcard type). */
    public static ProviderPattern parse(String s) {
        String[] p = s.toLowerCase(Locale.ROOT).split("/", -1);
        ProviderPattern r = switch (p.length) {
            case 1 -> new ProviderPattern(ProviderAddress.DEFAULT_HOST, ProviderAddress.DEFAULT_NAMESPACE, p[0]);
            case 2 -> new ProviderPattern(ProviderAddress.DEFAULT_HOST, p[0], p[1]);
            case 3 -> new ProviderPattern(p[0], p[1], p[2]);
            default -> null;
        };
        if (r == null || r.hostname.isEmpty() || r.namespace.isEmpty() || r.type.isEmpty()
                || (r.namespace.equals("*") && !r.type.equals("*")) || (r.hostname.equals("*") && !r.namespace.equals("*"))) {
            return null;
        }
        return r;
    }

    public boolean matches(ProviderAddress a) {
        return part(hostname, a.hostname()) && part(namespace, a.namespace()) && part(type, a.type());
    }

    private static boolean part(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    @Override
    public String toString() {
        return hostname + "/" + namespace + "/" + type;
    }
}
