package io.capstan.hcl.body;

import java.util.List;
import java.util.Objects;

/** A block type a body may contain, with the names of its labels (used in messages). */
public record BlockHeaderSchema(String type, List<String> labelNames) {
    public BlockHeaderSchema {
        Objects.requireNonNull(type, "type");
        labelNames = List.copyOf(labelNames);
    }

    public BlockHeaderSchema(String type, String... labelNames) {
        this(type, List.of(labelNames));
    }
}
