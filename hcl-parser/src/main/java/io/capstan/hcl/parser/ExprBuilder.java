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
import io.capstan.hcl.ast.RelativeTraversalExpr;
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
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.parser.HclGrammar.*;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the immutable expression AST from the ANTLR parse tree, following hclsyntax's
 * shapes: static steps after a variable fold into a {@link ScopeTraversalExpr}, literal
 * index keys become traversal steps, splats wrap their remaining steps over an
 * {@link AnonSymbolExpr}. Problems the grammar cannot see (bad escapes, a missing "in"
 * keyword) are reported as diagnostics here.
 */
final class ExprBuilder {
    private final SourceMap map;
    private final Diagnostics diags;
    private final TemplateBuilder templates;
    /** Number literals of this parse by source text: immutable, so equal literals share one value. */
    private final Map<String, Literal.Num> numbers = new HashMap<>();

    ExprBuilder(SourceMap map, Diagnostics diags) {
        this.map = map;
        this.diags = diags;
        this.templates = new TemplateBuilder(this, map, diags);
    }

    SourceRange range(ParserRuleContext ctx) {
        Token stop = ctx.getStop();
        if (stop == null || stop.getTokenIndex() < ctx.getStart().getTokenIndex()) {
            stop = ctx.getStart();
        }
        return map.range(ctx.getStart(), stop);
    }

    SourceRange range(Token t) {
        return map.range(t);
    }

    SourceRange range(TerminalNode n) {
        return map.range(n.getSymbol());
    }

    void error(String summary, String detail, SourceRange subject) {
        diags.add(Diagnostic.error(summary, detail, subject));
    }

    String unescapeLiteral(Token quotedLit) {
        return templates.unescapeQuoted(quotedLit);
    }

    Expression template(List<TemplatePartContext> parts, SourceRange range) {
        return templates.bare(parts, range);
    }

    Expression expression(ExpressionContext ctx) {
        Expression cond = operation(ctx.operation());
        if (ctx.getChildCount() == 1) {
            return cond;
        }
        return new ConditionalExpr(cond, expression(ctx.expression(0)), expression(ctx.expression(1)), range(ctx));
    }

    private Expression operation(OperationContext ctx) {
        if (ctx instanceof PrimaryOperationContext p) {
            return postfix(p);
        }
        if (ctx instanceof UnaryOperationContext) {
            return unary((UnaryOperationContext) ctx);
        }
        // Walk the left spine iteratively: long chains like a + b + c + ... must not recurse.
        ArrayDeque<BinaryOperationContext> spine = new ArrayDeque<>();
        OperationContext cur = ctx;
        while (cur instanceof BinaryOperationContext b) {
            spine.push(b);
            cur = b.operation(0);
        }
        Expression left = operation(cur);
        while (!spine.isEmpty()) {
            BinaryOperationContext b = spine.pop();
            Expression right = operation(b.operation(1));
            left = new BinaryOpExpr(left, binaryOp(b.op.getType()), right, range(b));
        }
        return left;
    }

    static Operation binaryOp(int type) {
        return switch (type) {
            case HclLexer.STAR -> Operation.MULTIPLY;
            case HclLexer.SLASH -> Operation.DIVIDE;
            case HclLexer.PERCENT -> Operation.MODULO;
            case HclLexer.PLUS -> Operation.ADD;
            case HclLexer.MINUS -> Operation.SUBTRACT;
            case HclLexer.LT -> Operation.LESS_THAN;
            case HclLexer.LE -> Operation.LESS_THAN_OR_EQUAL;
            case HclLexer.GT -> Operation.GREATER_THAN;
            case HclLexer.GE -> Operation.GREATER_THAN_OR_EQUAL;
            case HclLexer.EQEQ -> Operation.EQUAL;
            case HclLexer.NEQ -> Operation.NOT_EQUAL;
            case HclLexer.AND -> Operation.AND;
            case HclLexer.OR -> Operation.OR;
            default -> throw new IllegalStateException("not a binary operator: " + type);
        };
    }

    private Expression unary(UnaryOperationContext ctx) {
        ArrayDeque<UnaryOperationContext> ops = new ArrayDeque<>();
        OperationContext cur = ctx;
        while (cur instanceof UnaryOperationContext u) {
            ops.push(u);
            cur = u.operation();
        }
        Expression e = operation(cur);
        while (!ops.isEmpty()) {
            UnaryOperationContext u = ops.pop();
            Operation op = u.op.getType() == HclLexer.BANG ? Operation.NOT : Operation.NEGATE;
            e = new UnaryOpExpr(op, e, range(u), range(u.op));
        }
        return e;
    }

    // ---- traversals, indexes and splats ----

    private Expression postfix(PrimaryOperationContext ctx) {
        Expression source = term(ctx.term());
        if (ctx.getChildCount() == 1) {
            return source;
        }
        List<PostfixOpContext> ops = ctx.postfixOp();
        return applyPostfix(source, ops, 0, ops.size(), ctx.getStart());
    }

    private Expression applyPostfix(Expression source, List<PostfixOpContext> ops, int from, int to, Token first) {
        Expression ret = source;
        // Static steps are collected and attached in one go (see flush).
        List<Traverser> pending = new ArrayList<>(4);
        for (int i = from; i < to; i++) {
            PostfixOpContext op = ops.get(i);
            if (op instanceof AttrOpContext a) {
                Token name = a.getStop();
                pending.add(new TraverseAttr(map.text(name), map.range(a.getStart(), name)));
            } else if (op instanceof LegacyIndexOpContext l) {
                legacyIndex(pending, l);
            } else if (op instanceof IndexOpContext ix) {
                Expression key = expression(ix.expression());
                SourceRange bracket = range(ix);
                Literal lit = staticKey(key);
                if (lit != null) {
                    pending.add(new TraverseIndex(lit, bracket));
                } else {
                    ret = flush(ret, pending);
                    ret = new IndexExpr(ret, key, map.between(ret.range(), bracket), bracket);
                }
            } else if (op instanceof FullSplatOpContext fs) {
                ret = flush(ret, pending);
                SourceRange marker = range(fs);
                AnonSymbolExpr item = new AnonSymbolExpr(marker);
                // A full splat takes every following step (including further splats).
                Expression each = applyPostfix(item, ops, i + 1, to, null);
                return new SplatExpr(ret, each, item, map.between(ret.range(), range(ops.get(to - 1))), marker);
            } else if (op instanceof AttrSplatOpContext as) {
                ret = flush(ret, pending);
                SourceRange marker = range(as);
                AnonSymbolExpr item = new AnonSymbolExpr(marker);
                int j = i + 1;
                while (j < to && (ops.get(j) instanceof AttrOpContext || ops.get(j) instanceof LegacyIndexOpContext)) {
                    j++;
                }
                if (j < to && ops.get(j) instanceof AttrSplatOpContext nested) {
                    error("Nested splat expression not allowed",
                            "A splat expression (*) cannot be used inside another attribute-only splat expression.",
                            range(nested));
                }
                Expression each = applyPostfix(item, ops, i + 1, j, null);
                ret = new SplatExpr(ret, each, item, map.between(ret.range(), range(ops.get(j - 1))), marker);
                i = j - 1;
            }
        }
        return flush(ret, pending);
    }

    Expression flush(Expression e, List<Traverser> steps) {
        if (steps.isEmpty()) {
            return e;
        }
        Traverser last = steps.get(steps.size() - 1);
        Expression result;
        if (e instanceof ScopeTraversalExpr s) {
            result = new ScopeTraversalExpr(s.traversal().with(steps), map.between(s.range(), last.range()));
        } else if (e instanceof RelativeTraversalExpr r) {
            List<Traverser> all = new ArrayList<>(r.traversal());
            all.addAll(steps);
            result = new RelativeTraversalExpr(r.source(), all, map.between(r.range(), last.range()));
        } else {
            result = new RelativeTraversalExpr(e, steps, map.between(e.range(), last.range()));
        }
        steps.clear();
        return result;
    }

    /** {@code a.0.1}: the lexer reads "0.1" as one number; HCL means two index steps. */
    private void legacyIndex(List<Traverser> pending, LegacyIndexOpContext l) {
        Token num = l.getStop();
        String text = num.getText();
        if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
            error("Invalid attribute name", "A number literal used as an index must be a whole number.", range(num));
            return;
        }
        SourceRange r = map.range(l.getStart(), num);
        for (String part : text.split("\\.")) {
            pending.add(new TraverseIndex(new Literal.Num(new BigDecimal(part)), r));
        }
    }

    static Literal staticKey(Expression key) {
        if (key instanceof LiteralValueExpr l) {
            return l.value();
        }
        if (key instanceof TemplateExpr t && t.isStringLiteral()) {
            return new Literal.Str(t.literalText());
        }
        return null;
    }

    // ---- terms ----

    /** The number literal of a NUMBER token, shared by every equal literal of this parse. */
    Literal.Num number(Token t) {
        return numbers.computeIfAbsent(map.text(t), text -> new Literal.Num(new BigDecimal(text)));
    }

    private Expression term(TermContext ctx) {
        if (ctx instanceof NumberTermContext n) {
            Token t = n.getStart();
            return new LiteralValueExpr(number(t), map.range(t));
        }
        if (ctx instanceof VariableTermContext v) {
            Token t = v.getStart();
            String name = map.text(t);
            SourceRange r = map.range(t);
            return switch (name) {
                case "true" -> new LiteralValueExpr(new Literal.Bool(true), r);
                case "false" -> new LiteralValueExpr(new Literal.Bool(false), r);
                case "null" -> new LiteralValueExpr(new Literal.Null(), r);
                default -> new ScopeTraversalExpr(new Traversal(List.of(new TraverseRoot(name, r))), r);
            };
        }
        if (ctx instanceof CallTermContext c) {
            return call(c.functionCall());
        }
        if (ctx instanceof ParenTermContext p) {
            return new ParenthesesExpr(expression(p.expression()), range(p));
        }
        if (ctx instanceof TupleTermContext t) {
            List<Expression> items = new ArrayList<>(t.expression().size());
            for (ExpressionContext e : t.expression()) {
                items.add(expression(e));
            }
            return new TupleConsExpr(items, range(t), range(t.LBRACK()));
        }
        if (ctx instanceof ObjectTermContext o) {
            return object(o.object());
        }
        if (ctx instanceof ForTupleTermContext f) {
            return forTuple(f.forTuple());
        }
        if (ctx instanceof ForObjectTermContext f) {
            return forObject(f.forObject());
        }
        if (ctx instanceof QuotedTemplateTermContext q) {
            return templates.quoted(q);
        }
        if (ctx instanceof HeredocTermContext h) {
            return templates.heredoc(h);
        }
        throw new IllegalStateException("unknown term " + ctx.getClass());
    }

    private Expression call(FunctionCallContext c) {
        List<TerminalNode> names = c.IDENT();
        StringBuilder name = new StringBuilder(map.text(names.get(0).getSymbol()));
        for (int i = 1; i < names.size(); i++) {
            name.append("::").append(names.get(i).getText());
        }
        List<Expression> args = new ArrayList<>(c.expression().size());
        for (ExpressionContext e : c.expression()) {
            args.add(expression(e));
        }
        SourceRange nameRange = map.range(names.get(0).getSymbol(), names.get(names.size() - 1).getSymbol());
        String fn = names.size() == 1 ? map.text(names.get(0).getSymbol()) : map.intern(name.toString());
        return new FunctionCallExpr(fn, args, c.ELLIPSIS() != null, range(c), nameRange,
                range(c.LPAREN()), range(c.RPAREN()));
    }

    private Expression object(ObjectContext o) {
        List<ObjectConsItem> items = new ArrayList<>(o.objectItem().size());
        for (ObjectItemContext item : o.objectItem()) {
            Expression key = expression(item.expression(0));
            Expression value = expression(item.expression(1));
            items.add(new ObjectConsItem(new ObjectConsKeyExpr(key, key instanceof ParenthesesExpr), value));
        }
        return new ObjectConsExpr(items, range(o), range(o.LBRACE()));
    }

    private Expression forTuple(ForTupleContext f) {
        ForIntroContext intro = f.forIntro();
        checkIn(intro);
        Expression cond = forCond(f.forCond());
        return new ForExpr(keyVar(intro), valVar(intro), expression(intro.expression()), null,
                expression(f.expression()), cond, false, range(f), range(f.LBRACK()), range(f.RBRACK()));
    }

    private Expression forObject(ForObjectContext f) {
        ForIntroContext intro = f.forIntro();
        checkIn(intro);
        Expression cond = forCond(f.forCond());
        return new ForExpr(keyVar(intro), valVar(intro), expression(intro.expression()),
                expression(f.expression(0)), expression(f.expression(1)), cond, f.ELLIPSIS() != null,
                range(f), range(f.LBRACE()), range(f.RBRACE()));
    }

    private String keyVar(ForIntroContext intro) {
        return intro.COMMA() != null ? map.text(intro.IDENT(0).getSymbol()) : null;
    }

    private String valVar(ForIntroContext intro) {
        return intro.COMMA() != null ? map.text(intro.IDENT(1).getSymbol()) : map.text(intro.IDENT(0).getSymbol());
    }

    private void checkIn(ForIntroContext intro) {
        TerminalNode in = intro.IDENT(intro.IDENT().size() - 1);
        if (!"in".equals(in.getText())) {
            error("Invalid 'for' expression", "The 'in' keyword is required after the iterator variable name(s).", range(in));
        }
    }

    private Expression forCond(ForCondContext c) {
        if (c == null) {
            return null;
        }
        if (!"if".equals(c.IDENT().getText())) {
            error("Invalid 'for' expression", "Extra characters after the end of the 'for' expression.", range(c.IDENT()));
        }
        return expression(c.expression());
    }
}
