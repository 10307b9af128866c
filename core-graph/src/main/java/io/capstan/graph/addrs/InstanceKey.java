package io.capstan.graph.addrs;

import java.util.Objects;

/**
 * The key that picks one instance of a resource or module expanded with {@code count}
 * ({@code [0]}) or {@code for_each} ({@code ["blue"]}); {@link #NONE} for a single instance.
 */
public sealed interface InstanceKey {

    /** The key of an object with neither {@code count} nor {@code for_each}. */
    InstanceKey NONE = new None();

    /** Terraform's rendering, e.g. {@code [0]}, {@code ["blue"]}, or "" for {@link #NONE}. */
    String toString();

    record None() implements InstanceKey {
        @Override
        public String toString() {
            return "";
        }
    }

    /** A {@code count} index. */
    record Int(int index) implements InstanceKey {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    /** A {@code for_each} key. */
    record Str(String key) implements InstanceKey {
        public Str {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "[" + Addresses.quote(key) + "]";
        }
    }
}
