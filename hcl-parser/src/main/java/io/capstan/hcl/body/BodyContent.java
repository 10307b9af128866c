package io.capstan.hcl.body;

import io.capstan.hcl.diag.SourceRange;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a body that matched a schema: arguments by name (in source order) and
 * blocks in source order. {@code missingItemRange} is where to point "Missing ..." errors.
 */
public record BodyContent(Map<String, Attribute> attributes, List<Block> blocks, SourceRange missingItemRange) {
    public BodyContent {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        blocks = List.copyOf(blocks);
    }
}
