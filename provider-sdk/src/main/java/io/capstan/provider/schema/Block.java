package io.capstan.provider.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A configuration block's schema: its attributes and nested block types, keyed by name in
 * the order the provider sent them.
 */
public record Block(Map<String, Attribute> attributes, Map<String, NestedBlock> blockTypes,
                    String description, DescriptionKind descriptionKind, boolean deprecated,
                    String deprecationMessage) {
    public Block {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        blockTypes = Collections.unmodifiableMap(new LinkedHashMap<>(blockTypes));
        description = description == null ? "" : description;
        descriptionKind = descriptionKind == null ? DescriptionKind.PLAIN : descriptionKind;
        deprecationMessage = deprecationMessage == null ? "" : deprecationMessage;
    }

    /** A block with no attributes or nested blocks (what a provider without configuration has). */
    public static Block empty() {
        return new Block(Map.of(), Map.of(), "", DescriptionKind.PLAIN, false, "");
    }
}
