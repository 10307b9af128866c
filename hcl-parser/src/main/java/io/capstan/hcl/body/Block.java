package io.capstan.hcl.body;

import io.capstan.hcl.diag.SourceRange;

import java.util.List;
import java.util.Objects;

/**
 * A block {@code type "label" ... { body }}, in either syntax. For JSON blocks the brace
 * ranges are those of the JSON object holding the body.
 */
public record Block(String type, List<String> labels, Body body, SourceRange typeRange,
                    List<SourceRange> labelRanges, SourceRange openBraceRange, SourceRange closeBraceRange) {
    public Block {
        Objects.requireNonNull(type, "type");
        labels = List.copyOf(labels);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(typeRange, "typeRange");
        labelRanges = List.copyOf(labelRanges);
        Objects.requireNonNull(openBraceRange, "openBraceRange");
        Objects.requireNonNull(closeBraceRange, "closeBraceRange");
    }

    /** The header: from the type to the last label, as HCL's DefRange. */
    public SourceRange defRange() {
        return labelRanges.isEmpty() ? typeRange
                : SourceRange.between(typeRange, labelRanges.get(labelRanges.size() - 1));
    }

    /** The whole block from the type to the closing brace. */
    public SourceRange range() {
        return SourceRange.between(typeRange, closeBraceRange);
    }
}
