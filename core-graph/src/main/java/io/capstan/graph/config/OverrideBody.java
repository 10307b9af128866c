package io.capstan.graph.config;

import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.Block;
import io.capstan.hcl.body.Body;
import io.capstan.hcl.body.BodyContent;
import io.capstan.hcl.body.BodySchema;
import io.capstan.hcl.body.PartialContent;
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
 * A block body with an override file's block merged over it, following Terraform's override
 * rules: each argument in the override replaces the original's, and nested blocks of a type
 * present in the override replace all original nested blocks of that type.
 */
final class OverrideBody implements Body {
    private final Body base;
    private final Body over;

    OverrideBody(Body base, Body over) {
        this.base = Objects.requireNonNull(base, "base");
        this.over = Objects.requireNonNull(over, "over");
    }

    Body base() {
        return base;
    }

    Body over() {
        return over;
    }

    @Override
    public Result<BodyContent> content(BodySchema schema) {
        Result<BodyContent> b = base.content(schema);
        Result<BodyContent> o = over.content(schema);
        Diagnostics d = new Diagnostics().addAll(b.diagnostics()).addAll(o.diagnostics());
        return new Result<>(merge(b.value(), o.value()), d);
    }

    @Override
    public Result<PartialContent> partialContent(BodySchema schema) {
        Result<PartialContent> b = base.partialContent(schema);
        Result<PartialContent> o = over.partialContent(schema);
        Diagnostics d = new Diagnostics().addAll(b.diagnostics()).addAll(o.diagnostics());
        return new Result<>(new PartialContent(merge(b.value().content(), o.value().content()),
                new OverrideBody(b.value().remain(), o.value().remain())), d);
    }

    @Override
    public Result<Map<String, Attribute>> justAttributes() {
        Result<Map<String, Attribute>> b = base.justAttributes();
        Result<Map<String, Attribute>> o = over.justAttributes();
        Map<String, Attribute> m = new LinkedHashMap<>(b.value() == null ? Map.of() : b.value());
        if (o.value() != null) {
            m.putAll(o.value());
        }
        return new Result<>(m, new Diagnostics().addAll(b.diagnostics()).addAll(o.diagnostics()));
    }

    @Override
    public SourceRange missingItemRange() {
        return base.missingItemRange();
    }

    private static BodyContent merge(BodyContent b, BodyContent o) {
        Map<String, Attribute> attrs = new LinkedHashMap<>(b.attributes());
        attrs.putAll(o.attributes());
        Set<String> replaced = new HashSet<>();
        for (Block blk : o.blocks()) {
            replaced.add(blk.type());
        }
        List<Block> blocks = new ArrayList<>();
        for (Block blk : b.blocks()) {
            if (!replaced.contains(blk.type())) {
                blocks.add(blk);
            }
        }
        blocks.addAll(o.blocks());
        return new BodyContent(attrs, blocks, b.missingItemRange());
    }
}
