package io.capstan.graph.addrs;

import java.util.ArrayList;
import java.util.List;

/**
 * A static module in the configuration tree, before expansion: {@code module.net.module.sub}
 * (Terraform's {@code addrs.Module}); empty for the root module.
 */
public record ModulePath(List<String> names) {
    public static final ModulePath ROOT = new ModulePath(List.of());

    public ModulePath {
        names = List.copyOf(names);
    }

    public boolean isRoot() {
        return names.isEmpty();
    }

    public ModulePath child(String name) {
        List<String> n = new ArrayList<>(names);
        n.add(name);
        return new ModulePath(n);
    }

    public ModulePath parent() {
        return new ModulePath(names.subList(0, Math.max(0, names.size() - 1)));
    }

    /** Prefixes an address string with this path, as Terraform prints module-relative objects. */
    public String prefix(String local) {
        return isRoot() ? local : this + "." + local;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append("module.").append(n);
        }
        return sb.toString();
    }

    // equals and hashCode written out (the record defaults' values): the generated ones are
    // linked through ObjectMethods' bootstrap on first use, which spins method-handle classes
    // in every CLI run (start-up, issue #6).
    @Override
    public boolean equals(Object o) {
        return o instanceof ModulePath p && names.equals(p.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }
}
