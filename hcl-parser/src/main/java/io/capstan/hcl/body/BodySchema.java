package io.capstan.hcl.body;

import java.util.List;

/** What a body is expected to contain: its arguments and block types (HCL's BodySchema). */
public record BodySchema(List<AttributeSchema> attributes, List<BlockHeaderSchema> blocks) {
    public BodySchema {
        attributes = List.copyOf(attributes);
        blocks = List.copyOf(blocks);
    }

    AttributeSchema attribute(String name) {
        for (AttributeSchema a : attributes) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    BlockHeaderSchema block(String type) {
        for (BlockHeaderSchema b : blocks) {
            if (b.type().equals(type)) {
                return b;
            }
        }
        return null;
    }
}
