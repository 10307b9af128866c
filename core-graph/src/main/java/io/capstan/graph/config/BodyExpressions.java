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
            for (Attribute a : s.attributes()) {
                expressions.add(a.expr());
            }
            for (Block b : s.blocks()) {
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
