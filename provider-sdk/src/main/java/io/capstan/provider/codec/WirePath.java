package io.capstan.provider.codec;

/**
 * Where in a value the codec is, for error messages in Terraform's path syntax
 * ({@code .tags["Name"]}, {@code .ingress[0].cidr}); built lazily, so the happy path costs
 * one small object per step.
 */
final class WirePath {
    private final WirePath parent;
    private final String step;

    WirePath() {
        this(null, "");
    }

    private WirePath(WirePath parent, String step) {
        this.parent = parent;
        this.step = step;
    }

    WirePath attr(String name) {
        return new WirePath(this, "." + name);
    }

    WirePath key(String key) {
        return new WirePath(this, "[\"" + key + "\"]");
    }

    WirePath index(int i) {
        return new WirePath(this, "[" + i + "]");
    }

    IllegalArgumentException error(String message) {
        String where = toString();
        return new IllegalArgumentException(where.isEmpty() ? message : "at " + where + ": " + message);
    }

    @Override
    public String toString() {
        return parent == null ? step : parent + step;
    }
}
