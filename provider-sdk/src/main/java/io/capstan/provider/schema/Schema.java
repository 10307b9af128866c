package io.capstan.provider.schema;

import java.util.Objects;

/**
 * The schema of a provider configuration, a resource type, a data source or an ephemeral
 * resource: a version (used to upgrade stored state) and the top-level block.
 */
public record Schema(long version, Block block) {
    public Schema {
        Objects.requireNonNull(block, "block");
    }

    public static Schema empty() {
        return new Schema(0, Block.empty());
    }
}
