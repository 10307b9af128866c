package io.capstan.hcl.parser;

import io.capstan.hcl.ast.AnonSymbolExpr;
import io.capstan.hcl.ast.BinaryOpExpr;
import io.capstan.hcl.ast.ConditionalExpr;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.ForExpr;
import io.capstan.hcl.ast.FunctionCallExpr;
import io.capstan.hcl.ast.IndexExpr;
import io.capstan.hcl.ast.Literal;
import io.capstan.hcl.ast.LiteralValueExpr;
import io.capstan.hcl.ast.ObjectConsExpr;
import io.capstan.hcl.ast.ObjectConsItem;
import io.capstan.hcl.ast.ObjectConsKeyExpr;
import io.capstan.hcl.ast.Operation;
import io.capstan.hcl.ast.ParenthesesExpr;
import io.capstan.hcl.ast.ScopeTraversalExpr;
import io.capstan.hcl.ast.SplatExpr;
import io.capstan.hcl.ast.TemplateExpr;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.ast.TraverseIndex;
import io.capstan.hcl.ast.TraverseRoot;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.ast.TupleConsExpr;
import io.capstan.hcl.ast.UnaryOpExpr;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.parser.TemplateBuilder.Item;
import io.capstan.hcl.parser.TemplateBuilder.Kind;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written recursive-descent (precedence-climbing) parser for expressions and
 * templates over the same token stream as the ANTLR grammar, building the same AST
 * (nodes and source ranges) as {@link ExprBuilder}/{@link TemplateBuilder} would from the
 * ANTLR parse tree, without building the parse tree. It is the fast path for valid
 * input only: at the first token it does not expect, or anything ExprBuilder would report
 * (bad escape, missing "in", nested splat...), it gives up and returns null, and the
 * caller rewinds and parses with ANTLR, so every diagnostic comes from one place.
 * {@code FastPathDifferentialTest} checks both paths build equal trees.
 */
final class FastExprParser {
    /** Thrown to abandon the fast path; preallocated, no stack trace. */
    private static final class Bail extends RuntimeException {
        Bail() {
            super(null, null, false, false);
        }
    }

    private static final Bail BAIL = new Bail();
    /** Deeper nesting goes to ANTLR (and its stack-overflow handling). */
    private static final int MAX_DEPTH = 200;

    private static final int ATTR = 0;
    private static final int LEGACY = 1;
    private static final int INDEX = 2;
    private static final int FULL_SPLAT = 3;
    private static final int ATTR_SPLAT = 4;

    /** One postfix step as parsed: its first and last tokens, and the key of an index. */
    private record Op(int kind, Token start, Token stop, Expression key) {
    }

    private final TokenStream tokens;
    private final ExprBuilder exprs;
    private final SourceMap map;
    /** Collects what TemplateBuilder reports (bad escapes); anything there means "use ANTLR". */
    private Diagnostics scratch = new Diagnostics();
    private TemplateBuilder templates;
    private Token last;
    private int depth;

    FastExprParser(TokenStream tokens, ExprBuilder exprs, SourceMap map) {
        this.tokens = tokens;
        this.exprs = exprs;
        this.map = map;
        this.templates = new TemplateBuilder(exprs, map, scratch);
    }

    /**
     * Parses one expression at the current token. Returns null (with the stream somewhere
     * after its start: the caller must seek back) when the input is not a valid expression
     * followed by a newline, end of file or closing brace.
     */
    Expression tryExpression() {
        depth = 0;
        try {
            Expression e = expression();
            int next = tokens.LA(1);
            if (next != HclLexer.NEWLINE && next != Token.EOF && next != HclLexer.RBRACE) {
                return null;
            }
            if (!scratch.isEmpty()) {
                resetScratch();
                return null;
            }
            return e;
        } catch (Bail b) {
            if (!scratch.isEmpty()) {
                resetScratch();
            }
            return null;
        }
    }

    private void resetScratch() {
        scratch = new Diagnostics();
        templates = new TemplateBuilder(exprs, map, scratch);
    }

    // ---- tokens ----

    private int la(int i) {
        return tokens.LA(i);
    }

    private Token take() {
        Token t = tokens.LT(1);
        tokens.consume();
        last = t;
        return t;
    }

    private Token expect(int type) {
        if (tokens.LA(1) != type) {
            throw BAIL;
        }
        return take();
    }

    private SourceRange from(Token start) {
        return map.range(start, last);
    }

    // ---- operators ----

    private Expression expression() {
        if (++depth > MAX_DEPTH) {
            throw BAIL;
        }
        Token start = tokens.LT(1);
        Expression e = binary(0);
        if (la(1) == HclLexer.QUESTION) {
            take();
            Expression t = expression();
            expect(HclLexer.COLON);
            Expression f = expression();
            e = new ConditionalExpr(e, t, f, from(start));
        }
        depth--;
        return e;
    }

    /** Binary precedence level of a token type (0 = ||, 5 = * / %), or -1. */
    private static int level(int type) {
        return switch (type) {
            case HclLexer.OR -> 0;
            case HclLexer.AND -> 1;
            case HclLexer.EQEQ, HclLexer.NEQ -> 2;
            case HclLexer.LT, HclLexer.LE, HclLexer.GT, HclLexer.GE -> 3;
            case HclLexer.PLUS, HclLexer.MINUS -> 4;
            case HclLexer.STAR, HclLexer.SLASH, HclLexer.PERCENT -> 5;
            default -> -1;
        };
    }

    /** Operators of at least {@code min} precedence, all left-associative (precedence climbing). */
    private Expression binary(int min) {
        Token start = tokens.LT(1);
        Expression left = unary();
        while (true) {
            int lv = level(la(1));
            if (lv < min) {
                return left;
            }
            Operation op = ExprBuilder.binaryOp(take().getType());
            Expression right = binary(lv + 1);
            left = new BinaryOpExpr(left, op, right, from(start));
        }
    }

    private Expression unary() {
        int t = la(1);
        if (t == HclLexer.MINUS || t == HclLexer.BANG) {
            if (++depth > MAX_DEPTH) {
                throw BAIL;
            }
            Token op = take();
            Expression val = unary();
            depth--;
            return new UnaryOpExpr(t == HclLexer.BANG ? Operation.NOT : Operation.NEGATE, val, from(op), map.range(op));
        }
        return postfix();
    }

    // ---- traversals, indexes and splats ----

    private Expression postfix() {
        Expression source = term();
        int t = la(1);
        if (t != HclLexer.DOT && t != HclLexer.LBRACK) {
            return source;
        }
        List<Op> ops = new ArrayList<>(4);
        while (true) {
            t = la(1);
            if (t == HclLexer.DOT) {
                Token dot = take();
                switch (la(1)) {
                    case HclLexer.IDENT -> ops.add(new Op(ATTR, dot, take(), null));
                    case HclLexer.NUMBER -> {
                        Token num = take();
                        String text = num.getText();
                        if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
                            throw BAIL;
                        }
                        ops.add(new Op(LEGACY, dot, num, null));
                    }
                    case HclLexer.STAR -> ops.add(new Op(ATTR_SPLAT, dot, take(), null));
                    default -> throw BAIL;
                }
            } else if (t == HclLexer.LBRACK) {
                Token open = take();
                if (la(1) == HclLexer.STAR) {
                    take();
                    ops.add(new Op(FULL_SPLAT, open, expect(HclLexer.RBRACK), null));
                } else {
                    Expression key = expression();
                    ops.add(new Op(INDEX, open, expect(HclLexer.RBRACK), key));
                }
            } else {
                return applyPostfix(source, ops, 0, ops.size());
            }
        }
    }

    /** As {@code ExprBuilder.applyPostfix}, over the parsed steps. */
    private Expression applyPostfix(Expression source, List<Op> ops, int from, int to) {
        Expression ret = source;
        List<Traverser> pending = new ArrayList<>(4);
        for (int i = from; i < to; i++) {
            Op op = ops.get(i);
            switch (op.kind) {
                case ATTR -> pending.add(new TraverseAttr(map.text(op.stop), map.range(op.start, op.stop)));
                case LEGACY -> {
                    SourceRange r = map.range(op.start, op.stop);
                    for (String part : op.stop.getText().split("\\.")) {
                        pending.add(new TraverseIndex(new Literal.Num(new BigDecimal(part)), r));
                    }
                }
                case INDEX -> {
                    SourceRange bracket = map.range(op.start, op.stop);
                    Literal lit = ExprBuilder.staticKey(op.key);
                    if (lit != null) {
                        pending.add(new TraverseIndex(lit, bracket));
                    } else {
                        ret = exprs.flush(ret, pending);
                        ret = new IndexExpr(ret, op.key, map.between(ret.range(), bracket), bracket);
                    }
                }
                case FULL_SPLAT -> {
                    ret = exprs.flush(ret, pending);
                    SourceRange marker = map.range(op.start, op.stop);
                    AnonSymbolExpr item = new AnonSymbolExpr(marker);
                    Expression each = applyPostfix(item, ops, i + 1, to);
                    Op lastOp = ops.get(to - 1);
                    return new SplatExpr(ret, each, item, map.between(ret.range(), map.range(lastOp.start, lastOp.stop)),
                            marker);
                }
                default -> { // ATTR_SPLAT
                    ret = exprs.flush(ret, pending);
                    SourceRange marker = map.range(op.start, op.stop);
                    AnonSymbolExpr item = new AnonSymbolExpr(marker);
                    int j = i + 1;
                    while (j < to && (ops.get(j).kind == ATTR || ops.get(j).kind == LEGACY)) {
                        j++;
                    }
                    if (j < to && ops.get(j).kind == ATTR_SPLAT) {
                        throw BAIL; // "Nested splat expression not allowed": ANTLR path reports it
                    }
                    Expression each = applyPostfix(item, ops, i + 1, j);
                    Op lastOp = ops.get(j - 1);
                    ret = new SplatExpr(ret, each, item, map.between(ret.range(), map.range(lastOp.start, lastOp.stop)),
                            marker);
                    i = j - 1;
                }
            }
        }
        return exprs.flush(ret, pending);
    }

    // ---- terms ----

    private Expression term() {
        switch (la(1)) {
            case HclLexer.NUMBER -> {
                Token t = take();
                return new LiteralValueExpr(exprs.number(t), map.range(t));
            }
            case HclLexer.IDENT -> {
                int next = la(2);
                if (next == HclLexer.LPAREN || next == HclLexer.DCOLON) {
                    return call();
                }
                Token t = take();
                String name = map.text(t);
                SourceRange r = map.range(t);
                return switch (name) {
                    case "true" -> new LiteralValueExpr(new Literal.Bool(true), r);
                    case "false" -> new LiteralValueExpr(new Literal.Bool(false), r);
                    case "null" -> new LiteralValueExpr(new Literal.Null(), r);
                    default -> new ScopeTraversalExpr(new Traversal(List.of(new TraverseRoot(name, r))), r);
                };
            }
            case HclLexer.LPAREN -> {
                Token open = take();
                Expression inner = expression();
                expect(HclLexer.RPAREN);
                return new ParenthesesExpr(inner, from(open));
            }
            case HclLexer.LBRACK -> {
                return la(2) == HclLexer.FOR ? forTuple() : tuple();
            }
            case HclLexer.LBRACE -> {
                return la(2) == HclLexer.FOR ? forObject() : object();
            }
            case HclLexer.OQUOTE -> {
                return quoted();
            }
            case HclLexer.HEREDOC_START -> {
                return heredoc();
            }
            default -> throw BAIL;
        }
    }

    private Expression call() {
        Token first = take();
        Token lastName = first;
        StringBuilder name = null;
        while (la(1) == HclLexer.DCOLON) {
            take();
            lastName = expect(HclLexer.IDENT);
            if (name == null) {
                name = new StringBuilder(map.text(first));
            }
            name.append("::").append(lastName.getText());
        }
        Token open = expect(HclLexer.LPAREN);
        List<Expression> args = new ArrayList<>(4);
        boolean expand = false;
        if (la(1) != HclLexer.RPAREN) {
            args.add(expression());
            while (true) {
                int t = la(1);
                if (t == HclLexer.COMMA) {
                    take();
                    if (la(1) == HclLexer.RPAREN) {
                        break;
                    }
                    args.add(expression());
                } else if (t == HclLexer.ELLIPSIS) {
                    take();
                    expand = true;
                    if (la(1) == HclLexer.COMMA) {
                        take();
                    }
                    break;
                } else {
                    break;
                }
            }
        }
        Token close = expect(HclLexer.RPAREN);
        String fn = name == null ? map.text(first) : map.intern(name.toString());
        return new FunctionCallExpr(fn, args, expand, from(first), map.range(first, lastName), map.range(open),
                map.range(close));
    }

    private Expression tuple() {
        Token open = take();
        List<Expression> items = new ArrayList<>();
        if (la(1) != HclLexer.RBRACK) {
            items.add(expression());
            while (la(1) == HclLexer.COMMA) {
                take();
                if (la(1) == HclLexer.RBRACK) {
                    break;
                }
                items.add(expression());
            }
        }
        expect(HclLexer.RBRACK);
        return new TupleConsExpr(items, from(open), map.range(open));
    }

    private void skipNewlines() {
        while (la(1) == HclLexer.NEWLINE) {
            take();
        }
    }

    private Expression object() {
        Token open = take();
        List<ObjectConsItem> items = new ArrayList<>();
        skipNewlines();
        while (la(1) != HclLexer.RBRACE) {
            Expression key = expression();
            int sep = la(1);
            if (sep != HclLexer.EQUAL && sep != HclLexer.COLON) {
                throw BAIL;
            }
            take();
            Expression value = expression();
            items.add(new ObjectConsItem(new ObjectConsKeyExpr(key, key instanceof ParenthesesExpr), value));
            int t = la(1);
            if (t == HclLexer.COMMA || t == HclLexer.NEWLINE) {
                take();
                skipNewlines();
            } else if (t != HclLexer.RBRACE) {
                throw BAIL;
            }
        }
        take();
        return new ObjectConsExpr(items, from(open), map.range(open));
    }

    /** {@code for k, v in coll}, up to (not including) the colon: [keyVar or null, valVar], collection. */
    private Expression forIntro(String[] vars) {
        Token first = expect(HclLexer.IDENT);
        if (la(1) == HclLexer.COMMA) {
            take();
            Token second = expect(HclLexer.IDENT);
            vars[0] = map.text(first);
            vars[1] = map.text(second);
        } else {
            vars[1] = map.text(first);
        }
        Token in = expect(HclLexer.IDENT);
        if (!"in".equals(map.text(in))) {
            throw BAIL;
        }
        return expression();
    }

    private Expression forCond(int close) {
        if (la(1) == close) {
            return null;
        }
        Token kw = expect(HclLexer.IDENT);
        if (!"if".equals(map.text(kw))) {
            throw BAIL;
        }
        return expression();
    }

    private Expression forTuple() {
        Token open = take();
        take(); // for
        String[] vars = new String[2];
        Expression coll = forIntro(vars);
        expect(HclLexer.COLON);
        Expression val = expression();
        Expression cond = forCond(HclLexer.RBRACK);
        Token close = expect(HclLexer.RBRACK);
        return new ForExpr(vars[0], vars[1], coll, null, val, cond, false, from(open), map.range(open),
                map.range(close));
    }

    private Expression forObject() {
        Token open = take();
        take(); // for
        String[] vars = new String[2];
        Expression coll = forIntro(vars);
        expect(HclLexer.COLON);
        Expression key = expression();
        expect(HclLexer.ARROW);
        Expression val = expression();
        boolean group = false;
        if (la(1) == HclLexer.ELLIPSIS) {
            take();
            group = true;
        }
        Expression cond = forCond(HclLexer.RBRACE);
        Token close = expect(HclLexer.RBRACE);
        return new ForExpr(vars[0], vars[1], coll, key, val, cond, group, from(open), map.range(open),
                map.range(close));
    }

    // ---- templates ----

    private Expression quoted() {
        Token open = take();
        if (la(1) == HclLexer.CQUOTE) {
            take();
            return new TemplateExpr(List.of(), false, from(open));
        }
        if (la(1) == HclLexer.QUOTED_LIT && la(2) == HclLexer.CQUOTE) {
            Token lit = take();
            String raw = map.text(lit);
            if (raw.indexOf('\\') < 0 && raw.indexOf('{') < 0 && !TemplateBuilder.needsNormalizing(raw)) {
                take();
                return new TemplateExpr(List.of(new LiteralValueExpr(new Literal.Str(raw), map.range(lit))), false,
                        from(open));
            }
            List<Item> items = new ArrayList<>(1);
            templates.literal(lit, items, true);
            take();
            return templates.finish(items, false, false, from(open));
        }
        List<Item> items = new ArrayList<>();
        parts(items, true);
        expect(HclLexer.CQUOTE);
        return templates.finish(items, false, false, from(open));
    }

    private Expression heredoc() {
        Token open = take();
        List<Item> items = new ArrayList<>();
        parts(items, false);
        expect(HclLexer.HEREDOC_END);
        return templates.finish(items, true, open.getText().startsWith("<<-"), from(open));
    }

    /** Template parts up to the end of the template or a directive's else/endif/endfor. */
    private void parts(List<Item> items, boolean quoted) {
        while (true) {
            switch (la(1)) {
                case HclLexer.QUOTED_LIT, HclLexer.HEREDOC_LIT, HclLexer.HEREDOC_NL -> templates.literal(take(), items, quoted);
                case HclLexer.TEMPLATE_INTERP -> {
                    Token open = take();
                    Expression e = expression();
                    expect(HclLexer.TEMPLATE_SEQ_END);
                    Item it = templates.marker(Kind.INTERP, open, last);
                    it.built = e;
                    items.add(it);
                }
                case HclLexer.TEMPLATE_DIRECTIVE -> {
                    int kw = la(2);
                    if (kw == HclLexer.IF) {
                        ifDirective(items, quoted);
                    } else if (kw == HclLexer.FOR) {
                        forDirective(items, quoted);
                    } else {
                        return; // else / endif / endfor: the enclosing directive's
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    private void ifDirective(List<Item> items, boolean quoted) {
        if (++depth > MAX_DEPTH) {
            throw BAIL;
        }
        Token open = take();
        take(); // if
        Expression cond = expression();
        expect(HclLexer.TEMPLATE_SEQ_END);
        Item it = templates.marker(Kind.IF, open, last);
        it.built = cond;
        items.add(it);
        parts(items, quoted);
        if (la(1) == HclLexer.TEMPLATE_DIRECTIVE && la(2) == HclLexer.ELSE) {
            Token elseOpen = take();
            take();
            expect(HclLexer.TEMPLATE_SEQ_END);
            items.add(templates.marker(Kind.ELSE, elseOpen, last));
            parts(items, quoted);
        }
        Token endOpen = expect(HclLexer.TEMPLATE_DIRECTIVE);
        expect(HclLexer.ENDIF);
        expect(HclLexer.TEMPLATE_SEQ_END);
        items.add(templates.marker(Kind.ENDIF, endOpen, last));
        depth--;
    }

    private void forDirective(List<Item> items, boolean quoted) {
        if (++depth > MAX_DEPTH) {
            throw BAIL;
        }
        Token open = take();
        take(); // for
        Token first = expect(HclLexer.IDENT);
        String keyVar = null;
        String valVar = first.getText();
        if (la(1) == HclLexer.COMMA) {
            take();
            keyVar = valVar;
            valVar = expect(HclLexer.IDENT).getText();
        }
        Token in = expect(HclLexer.IDENT);
        if (!"in".equals(map.text(in))) {
            throw BAIL;
        }
        Expression coll = expression();
        expect(HclLexer.TEMPLATE_SEQ_END);
        Item it = templates.marker(Kind.FOR, open, last);
        it.keyVar = keyVar;
        it.valVar = valVar;
        it.built = coll;
        items.add(it);
        parts(items, quoted);
        Token endOpen = expect(HclLexer.TEMPLATE_DIRECTIVE);
        expect(HclLexer.ENDFOR);
        expect(HclLexer.TEMPLATE_SEQ_END);
        items.add(templates.marker(Kind.ENDFOR, endOpen, last));
        depth--;
    }
}
