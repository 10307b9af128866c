package io.capstan.provider.client;

import java.util.Objects;

/** One step of an {@link AttributePath}: an attribute name, or a string or integer element key. */
public sealed interface PathStep {
    record AttributeName(String name) implements PathStep {
        public AttributeName {
            Objects.requireNonNull(name, "name");
        }
    }

    record ElementKeyString(String key) implements PathStep {
        public ElementKeyString {
            Objects.requireNonNull(key, "key");
        }
    }

    record ElementKeyInt(long index) implements PathStep {
    }
}
