package io.capstan.graph.addrs;

/** Whether a resource address names a managed resource, a data source ({@code data.}) or an ephemeral resource. */
public enum ResourceMode {
    MANAGED(""), DATA("data."), EPHEMERAL("ephemeral.");

    private final String prefix;

    ResourceMode(String prefix) {
        this.prefix = prefix;
    }

    /** What precedes the type in an address: "", "data." or "ephemeral.". */
    public String prefix() {
        return prefix;
    }
}
