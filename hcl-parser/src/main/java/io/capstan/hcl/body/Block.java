package io.capstan.hcl.body;

import io.capstan.hcl.diag.SourceRange;

import java.util.List;
import java.util.Objects;

/**
 * A block {@code type "label" ... { body }}, in either syntax. For JSON blocks the brace
 * ranges are those of the JSON object holding the body. {@code defRange} is HCL's DefRange,
 * where diagnostics about the whole block point: the header from the type to the last label
 * in the native syntax; in JSON the opening brace of the block's object, or the opening
 * bracket of the array when the block is one element of an array.
 */
public record Block(String type, List<String> labels, Body body, SourceRange typeRange,
                    List<SourceRange> labelRanges, SourceRange openBraceRange, SourceRange closeBraceRange,
                    SourceRange defRange) {
    /** A block in the native syntax: its DefRange is its header. */
    public Block(String type, List<String> labels, Body body, SourceRange typeRange,
                 List<SourceRange> labelRanges, SourceRange openBraceRange, SourceRange closeBraceRange) {
        this(type, labels, body, typeRange, labelRanges, openBraceRange, closeBraceRange,
                labelRanges.isEmpty() ? typeRange : SourceRange.between(typeRange, labelRanges.get(labelRanges.size() - 1)));
    }

    public Block {
        Objects.requireNonNull(type, "type");
        labels = List.copyOf(labels);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(typeRange, "typeRange");
        labelRanges = List.copyOf(labelRanges);
        Objects.requireNonNull(openBraceRange, "openBraceRange");
        Objects.requireNonNull(closeBraceRange, "closeBraceRange");
        Objects.requireNonNull(defRange, "defRange");
    }

    /** The whole block from the type to the closing brace. */
    public SourceRange range() {
        return SourceRange.between(typeRange, closeBraceRange);
    }
}
