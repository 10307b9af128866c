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

        // written out (the record defaults' values): the generated ones are linked through
        // ObjectMethods' bootstrap on first use, which spins method-handle classes (start-up, #6)
        @Override
        public boolean equals(Object o) {
            return o instanceof None;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** A {@code count} index. */
    record Int(int index) implements InstanceKey {
        @Override
        public String toString() {
            return "[" + index + "]";
        }

        // written out with the record defaults' values, as None's: the generated hashCode was
        // linked through ObjectMethods' bootstrap on a count plan's first map lookup (about 5% of
        // the samples of a cold plan of count = 1,000)
        @Override
        public boolean equals(Object o) {
            return o instanceof Int i && i.index == index;
        }

        @Override
        public int hashCode() {
            return Integer.hashCode(index);
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

        // written out with the record defaults' values, as None's and Int's
        @Override
        public boolean equals(Object o) {
            return o instanceof Str s && s.key.equals(key);
        }

        @Override
        public int hashCode() {
            return key.hashCode();
        }
    }
}
