package io.capstan.provider.install;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A provider source address {@code HOST/NAMESPACE/TYPE}, e.g.
 * {@code registry.terraform.io/hashicorp/aws}. Short forms default as in Terraform:
 * {@code aws} is {@code registry.terraform.io/hashicorp/aws}, {@code acme/thing} is
 * {@code registry.terraform.io/acme/thing}. Parts are case-insensitive and kept lower-case.
 */
public record ProviderAddress(String hostname, String namespace, String type) implements Comparable<ProviderAddress> {
    public static final String DEFAULT_HOST = "registry.terraform.io";
    public static final String DEFAULT_NAMESPACE = "hashicorp";
    /** Terraform's built-in provider: never installed, always available. */
    public static final ProviderAddress BUILTIN_TERRAFORM = new ProviderAddress("terraform.io", "builtin", "terraform");

    private static final Pattern PART = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern HOST = Pattern.compile("[a-z0-9.-]+(:[0-9]+)?");

    public ProviderAddress {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(type, "type");
    }

    /** A parse outcome: the address or an error detail. */
    public record Parsed(ProviderAddress address, String error) {
    }

    /** Parses {@code TYPE}, {@code NAMESPACE/TYPE} or {@code HOST/NAMESPACE/TYPE}. */
    public static Parsed parse(String source) {
        String[] p = source.toLowerCase(Locale.ROOT).split("/", -1);
        if (p.length > 3) {
            return new Parsed(null, "The \"source\" attribute must be in the format \"[hostname/][namespace/]name\".");
        }
        for (int i = 0; i < p.length; i++) {
            boolean host = p.length == 3 && i == 0;
            if (!(host ? HOST : PART).matcher(p[i]).matches()) {
                return new Parsed(null, "Invalid provider source \"" + source + "\": part \"" + p[i] + "\" "
                        + (host ? "is not a valid hostname." : "must contain only letters, digits and dashes, "
                        + "and may not start or end with a dash."));
            }
        }
        ProviderAddress a = switch (p.length) {
            case 1 -> p[0].equals("terraform") ? BUILTIN_TERRAFORM : new ProviderAddress(DEFAULT_HOST, DEFAULT_NAMESPACE, p[0]);
            case 2 -> new ProviderAddress(DEFAULT_HOST, p[0], p[1]);
            default -> new ProviderAddress(p[0], p[1], p[2]);
        };
        return new Parsed(a, null);
    }

    /** Parses a source that is known to be valid (tests, lock files already checked). */
    public static ProviderAddress of(String source) {
        Parsed p = parse(source);
        if (p.address() == null) {
            throw new IllegalArgumentException(p.error());
        }
        return p.address();
    }

    public boolean isBuiltin() {
        return hostname.equals(BUILTIN_TERRAFORM.hostname) && namespace.equals(BUILTIN_TERRAFORM.namespace);
    }

    /** The short form Terraform prints in messages: {@code hashicorp/aws}, host kept when not the registry. */
    public String forDisplay() {
        return hostname.equals(DEFAULT_HOST) ? namespace + "/" + type : toString();
    }

    @Override
    public int compareTo(ProviderAddress o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return hostname + "/" + namespace + "/" + type;
    }
}
