package io.capstan.graph.config;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.Block;
import io.capstan.hcl.body.Body;
import io.capstan.hcl.body.SyntaxBody;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every expression of a body, nested blocks included, without a schema: what reference
 * analysis needs before the provider schema is known. Also collects the iterator names of
 * {@code dynamic} blocks, which are local symbols rather than references.
 */
public final class BodyExpressions {
    private final List<Expression> expressions = new ArrayList<>();
    private final Set<String> iterators = new HashSet<>();

    private BodyExpressions() {
    }

    public static BodyExpressions of(Body body) {
        BodyExpressions b = new BodyExpressions();
        if (body != null) {
            b.walk(body);
        }
        return b;
    }

    public List<Expression> expressions() {
        return expressions;
    }

    /** Names bound by {@code dynamic} blocks ({@code iterator} or the block label). */
    public Set<String> iterators() {
        return iterators;
    }

    private void walk(Body body) {
        if (body instanceof OverrideBody o) {
            walk(o.base());
            walk(o.over());
            return;
        }
        if (body instanceof SyntaxBody s) {
            // A remain body hides what its parent schema consumed: ask for everything it still shows.
            java.util.List<io.capstan.hcl.body.AttributeSchema> as = new ArrayList<>();
            for (Attribute a : s.attributes()) {
                as.add(new io.capstan.hcl.body.AttributeSchema(a.name(), false));
            }
            java.util.Map<String, io.capstan.hcl.body.BlockHeaderSchema> bs = new java.util.LinkedHashMap<>();
            for (Block b : s.blocks()) {
                bs.putIfAbsent(b.type(), new io.capstan.hcl.body.BlockHeaderSchema(b.type(),
                        java.util.Collections.nCopies(b.labels().size(), "label")));
            }
            var visible = s.partialContent(new io.capstan.hcl.body.BodySchema(as, List.copyOf(bs.values()))).value().content();
            for (Attribute a : visible.attributes().values()) {
                expressions.add(a.expr());
            }
            for (Block b : visible.blocks()) {
                if (b.type().equals("dynamic") && !b.labels().isEmpty()) {
                    String it = b.labels().get(0);
                    if (b.body() instanceof SyntaxBody db && db.attribute("iterator") != null) {
                        String k = Static.keyword(db.attribute("iterator").expr());
                        it = k != null ? k : it;
                    }
                    iterators.add(it);
                }
                walk(b.body());
            }
            return;
        }
        var r = body.justAttributes();
        if (r.value() != null) {
            for (Attribute a : r.value().values()) {
                expressions.add(a.expr());
            }
        }
    }
}
