package io.capstan.hcl.body;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A body in the native syntax: its attributes (unique names, source order) and blocks,
 * with the range from its opening to its closing brace (the whole file for a file body).
 * Decoding against a schema follows hclsyntax's Body, including its diagnostics.
 */
public final class SyntaxBody implements Body {
    private final List<Attribute> attributes;
    private final List<Block> blocks;
    private final SourceRange range;
    private final SourceRange endRange;
    private final Set<String> hiddenAttrs;
    private final Set<String> hiddenBlocks;

    public SyntaxBody(List<Attribute> attributes, List<Block> blocks, SourceRange range, SourceRange endRange) {
        this(attributes, blocks, range, endRange, Set.of(), Set.of());
    }

    private SyntaxBody(List<Attribute> attributes, List<Block> blocks, SourceRange range, SourceRange endRange,
                       Set<String> hiddenAttrs, Set<String> hiddenBlocks) {
        this.attributes = List.copyOf(attributes);
        this.blocks = List.copyOf(blocks);
        this.range = Objects.requireNonNull(range, "range");
        this.endRange = Objects.requireNonNull(endRange, "endRange");
        this.hiddenAttrs = hiddenAttrs;
        this.hiddenBlocks = hiddenBlocks;
    }

    /** All attributes in source order (including ones hidden by a previous partialContent). */
    public List<Attribute> attributes() {
        return attributes;
    }

    public List<Block> blocks() {
        return blocks;
    }

    public SourceRange range() {
        return range;
    }

    /** The closing brace (or end of file). */
    public SourceRange endRange() {
        return endRange;
    }

    public Attribute attribute(String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    @Override
    public SourceRange missingItemRange() {
        return new SourceRange(range.filename(), range.start(), range.start());
    }

    @Override
    public Result<PartialContent> partialContent(BodySchema schema) {
        Diagnostics diags = new Diagnostics();
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        Set<String> newHiddenAttrs = new HashSet<>(hiddenAttrs);
        Set<String> newHiddenBlocks = new HashSet<>(hiddenBlocks);
        for (AttributeSchema as : schema.attributes()) {
            Attribute a = attribute(as.name());
            if (a == null || hiddenAttrs.contains(as.name())) {
                if (as.required()) {
                    diags.add(Diagnostic.error("Missing required argument",
                            "The argument \"" + as.name() + "\" is required, but no definition was found.",
                            missingItemRange()));
                }
                continue;
            }
            newHiddenAttrs.add(as.name());
            attrs.put(as.name(), a);
        }
        for (Attribute a : attributes) {
            if (!hiddenAttrs.contains(a.name()) && schema.block(a.name()) != null) {
                diags.add(Diagnostic.error("Unsupported argument", "An argument named \"" + a.name()
                        + "\" is not expected here. Did you mean to define a block of type \"" + a.name() + "\"?",
                        a.nameRange()));
            }
        }
        List<Block> found = new ArrayList<>();
        for (Block b : blocks) {
            if (hiddenBlocks.contains(b.type())) {
                continue;
            }
            BlockHeaderSchema bs = schema.block(b.type());
            if (bs == null) {
                if (schema.attribute(b.type()) != null) {
                    diags.add(Diagnostic.error("Unsupported block type", "Blocks of type \"" + b.type()
                            + "\" are not expected here. Did you mean to define argument \"" + b.type()
                            + "\"? If so, use the equals sign to assign it a value.", b.typeRange()));
                }
                continue;
            }
            Diagnostic labelProblem = checkLabels(b, bs);
            if (labelProblem != null) {
                diags.add(labelProblem);
                continue;
            }
            found.add(b);
        }
        for (BlockHeaderSchema bs : schema.blocks()) {
            newHiddenBlocks.add(bs.type());
        }
        SyntaxBody remain = new SyntaxBody(attributes, blocks, range, endRange, Set.copyOf(newHiddenAttrs),
                Set.copyOf(newHiddenBlocks));
        return new Result<>(new PartialContent(new BodyContent(attrs, found, missingItemRange()), remain), diags);
    }

    static Diagnostic checkLabels(Block b, BlockHeaderSchema bs) {
        int want = bs.labelNames().size();
        int have = b.labels().size();
        SourceRange context = SourceRange.between(b.typeRange(), b.openBraceRange());
        if (have > want) {
            String detail = want == 0 ? "No labels are expected for " + b.type() + " blocks."
                    : "Only " + want + " labels (" + String.join(", ", bs.labelNames()) + ") are expected for "
                    + b.type() + " blocks.";
            return new Diagnostic(io.capstan.hcl.diag.Severity.ERROR, "Extraneous label for " + b.type(), detail,
                    b.labelRanges().get(want), context);
        }
        if (have < want) {
            return new Diagnostic(io.capstan.hcl.diag.Severity.ERROR,
                    "Missing " + bs.labelNames().get(have) + " for " + b.type(),
                    "All " + b.type() + " blocks must have " + want + " labels (" + String.join(", ", bs.labelNames()) + ").",
                    b.openBraceRange(), context);
        }
        return null;
    }

    @Override
    public Result<BodyContent> content(BodySchema schema) {
        Result<PartialContent> partial = partialContent(schema);
        Diagnostics diags = new Diagnostics().addAll(partial.diagnostics());
        BodyContent content = partial.value().content();
        SyntaxBody remain = (SyntaxBody) partial.value().remain();
        for (Attribute a : attributes) {
            if (remain.hiddenAttrs.contains(a.name())) {
                continue;
            }
            List<String> options = new ArrayList<>();
            for (AttributeSchema as : schema.attributes()) {
                if (!content.attributes().containsKey(as.name())) {
                    options.add(as.name());
                }
            }
            String s = Suggestions.nameSuggestion(a.name(), options);
            String suggestion = s != null ? " Did you mean \"" + s + "\"?"
                    : schema.block(a.name()) != null ? " Did you mean to define a block of type \"" + a.name() + "\"?" : "";
            diags.add(Diagnostic.error("Unsupported argument",
                    "An argument named \"" + a.name() + "\" is not expected here." + suggestion, a.nameRange()));
        }
        for (Block b : blocks) {
            if (remain.hiddenBlocks.contains(b.type())) {
                continue;
            }
            List<String> options = new ArrayList<>();
            for (BlockHeaderSchema bs : schema.blocks()) {
                options.add(bs.type());
            }
            String s = Suggestions.nameSuggestion(b.type(), options);
            String suggestion = s != null ? " Did you mean \"" + s + "\"?"
                    : schema.attribute(b.type()) != null ? " Did you mean to define argument \"" + b.type()
                    + "\"? If so, use the equals sign to assign it a value." : "";
            diags.add(Diagnostic.error("Unsupported block type",
                    "Blocks of type \"" + b.type() + "\" are not expected here." + suggestion, b.typeRange()));
        }
        return new Result<>(content, diags);
    }

    @Override
    public Result<Map<String, Attribute>> justAttributes() {
        Diagnostics diags = new Diagnostics();
        for (Block b : blocks) {
            if (!hiddenBlocks.contains(b.type())) {
                diags.add(Diagnostic.error("Unexpected \"" + b.type() + "\" block", "Blocks are not allowed here.",
                        b.typeRange()));
            }
        }
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        for (Attribute a : attributes) {
            if (!hiddenAttrs.contains(a.name())) {
                attrs.put(a.name(), a);
            }
        }
        return new Result<>(attrs, diags);
    }

    @Override
    public String toString() {
        return "SyntaxBody[" + attributes.size() + " attributes, " + blocks.size() + " blocks, " + range + "]";
    }
}
