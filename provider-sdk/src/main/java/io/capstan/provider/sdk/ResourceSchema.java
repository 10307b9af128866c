package io.capstan.provider.sdk;

import io.capstan.hcl.value.ObjectType;
import io.capstan.provider.schema.Schema;
import java.util.Objects;

/**
 * A versioned schema for a provider's configuration, a resource type or a data source.
 * The version numbers stored state: when it grows, {@link Resource#upgradeState} sees
 * older state first.
 */
public record ResourceSchema(long version, BlockSpec block) {
    public ResourceSchema {
        Objects.requireNonNull(block, "block");
    }

    public static ResourceSchema of(AttributeSpec... attributes) {
        return new ResourceSchema(0, BlockSpec.of(attributes));
    }

    public static ResourceSchema empty() {
        return of();
    }

    public ResourceSchema withVersion(long v) {
        return new ResourceSchema(v, block);
    }

    public ResourceSchema describedAs(String text) {
        return new ResourceSchema(version, block.describedAs(text));
    }

    public ResourceSchema withBlocks(NestedBlockSpec... blocks) {
        return new ResourceSchema(version, block.withBlocks(blocks));
    }

    public Schema toSchema() {
        return new Schema(version, block.toBlock());
    }

    public ObjectType type() {
        return block.impliedType();
    }
}
