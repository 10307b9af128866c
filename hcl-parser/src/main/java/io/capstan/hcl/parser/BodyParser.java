package io.capstan.hcl.parser;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.InvalidExpr;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.Block;
import io.capstan.hcl.body.SyntaxBody;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.SourceRange;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives the line-oriented body structure (attributes, blocks, one-line blocks) by hand
 * over the token stream and calls the ANTLR {@code expression} rule for each value. This
 * gives HCL's error recovery: a bad item yields one diagnostic and parsing resumes at the
 * next line of the same body. Each expression is first parsed by the hand-written
 * {@link FastExprParser}; only when that gives up (invalid or unusual input) is it parsed
 * with ANTLR, in SLL mode first and re-parsed in full LL mode only when SLL fails (to
 * confirm and locate a real syntax error). Every diagnostic comes from the ANTLR path.
 */
final class BodyParser {
    private final TokenStream tokens;
    /** Gives the ANTLR parser over {@link #tokens} when first needed (see {@link #parser()}). */
    private final java.util.function.Supplier<HclGrammar> parserSource;
    private HclGrammar parser;
    private final ExprBuilder builder;
    private final SourceMap map;
    private final Diagnostics diags;
    /**
     * Set once any recovery has skipped tokens, as HCL's parser does: from then on the
     * parser may be out of step with the brackets, so "Unclosed configuration block" at the
     * end of the file is not reported (it would blame a block for a brace the skip ate).
     */
    private boolean recovering;

    /**
     * The expression errors HCL reports only while it has not yet recovered from an earlier one
     * in the same file (its {@code !p.recovery} checks); the others (a function call's, a
     * parenthesis's, a template's) are always reported.
     */
    private static final java.util.Set<String> GATED = java.util.Set.of("Invalid expression", "Missing expression",
            "Missing item separator", "Unterminated tuple constructor expression", "Missing attribute value",
            "Missing key/value separator", "Unterminated object constructor expression", "Missing attribute separator",
            "Invalid 'for' expression", "Missing close bracket on index", "Invalid attribute name",
            "Missing closing parenthesis");

    /** Null when every expression goes through ANTLR (used to compare the two paths). */
    private final FastExprParser fast;

    BodyParser(TokenStream tokens, HclGrammar parser, SourceMap map, Diagnostics diags) {
        this(tokens, parser, map, diags, true);
    }

    BodyParser(TokenStream tokens, HclGrammar parser, SourceMap map, Diagnostics diags, boolean fastPath) {
        this(tokens, () -> parser, map, diags, fastPath);
    }

    BodyParser(TokenStream tokens, java.util.function.Supplier<HclGrammar> parser, SourceMap map, Diagnostics diags,
               boolean fastPath) {
        this.tokens = tokens;
        this.parserSource = parser;
        this.map = map;
        this.diags = diags;
        this.builder = new ExprBuilder(map, diags);
        this.fast = fastPath ? new FastExprParser(tokens, builder, map) : null;
    }

    private HclGrammar parser() {
        if (parser == null) {
            parser = parserSource.get();
        }
        return parser;
    }

    ExprBuilder builder() {
        return builder;
    }

    SyntaxBody parseFile() {
        Token first = tokens.LT(1);
        List<Attribute> attrs = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        parseItems(null, attrs, blocks);
        Token eof = tokens.LT(1);
        SourceRange whole = map.range(map.pos(1, 0, 0), map.end(eof));
        return new SyntaxBody(attrs, blocks, whole, map.range(eof));
    }

    private Token next() {
        return tokens.LT(1);
    }

    private int peekType() {
        return tokens.LA(1);
    }

    private void error(String summary, String detail, SourceRange subject) {
        diags.add(Diagnostic.error(summary, detail, subject));
    }

    /** Items of a body up to its closing brace (not consumed) or EOF. */
    private void parseItems(Token openBrace, List<Attribute> attrs, List<Block> blocks) {
        Map<String, Attribute> seen = new HashMap<>();
        while (true) {
            Token t = next();
            switch (t.getType()) {
                case HclLexer.NEWLINE -> tokens.consume();
                case Token.EOF -> {
                    if (openBrace != null && !recovering) {
                        error("Unclosed configuration block",
                                "There is no closing brace for this block before the end of the file. This may be caused "
                                        + "by incorrect brace nesting elsewhere in this file.", map.range(openBrace));
                    }
                    return;
                }
                case HclLexer.RBRACE -> {
                    if (openBrace != null) {
                        return;
                    }
                    if (!recovering) {
                        error("Argument or block definition required",
                                "An argument or block definition is required here.", map.range(t));
                    }
                    tokens.consume();
                    recoverAfterItem(false);
                }
                case HclLexer.IDENT -> parseItem(openBrace != null, attrs, blocks, seen);
                default -> {
                    Diagnostic d = SyntaxErrors.forToken(t, map.range(t));
                    if (d != null || !recovering) {
                        diags.add(d != null ? d : Diagnostic.error("Argument or block definition required",
                                "An argument or block definition is required here.", map.range(t)));
                    }
                    recoverAfterItem(openBrace != null);
                }
            }
        }
    }

    private void parseItem(boolean nested, List<Attribute> attrs, List<Block> blocks, Map<String, Attribute> seen) {
        Token ident = next();
        tokens.consume();
        Token after = next();
        switch (after.getType()) {
            case HclLexer.EQUAL -> {
                tokens.consume();
                Attribute a = finishAttribute(ident, nested);
                addAttribute(a, attrs, seen);
                if (!(a.expr() instanceof InvalidExpr)) {
                    Token end = next();
                    if (end.getType() == HclLexer.NEWLINE) {
                        tokens.consume();
                    } else if (end.getType() != Token.EOF) {
                        // as HCL, with the argument from its name to the bad token as context
                        SourceRange context = map.range(ident, end);
                        if (recovering && SyntaxErrors.forToken(end, map.range(end)) == null) {
                            // as HCL: not reported once the parser has recovered from an error
                        } else if (end.getType() == HclLexer.COMMA) {
                            diags.add(new Diagnostic(io.capstan.hcl.diag.Severity.ERROR, "Unexpected comma after argument",
                                    "Argument definitions must be separated by newlines, not commas. An argument "
                                            + "definition must end with a newline.", map.range(end), context));
                        } else {
                            Diagnostic d = SyntaxErrors.forToken(end, map.range(end));
                            diags.add(d != null ? d : new Diagnostic(io.capstan.hcl.diag.Severity.ERROR,
                                    "Missing newline after argument", "An argument definition must end with a newline.",
                                    map.range(end), context));
                        }
                        recoverAfterItem(nested);
                    }
                }
            }
            case HclLexer.OQUOTE, HclLexer.IDENT, HclLexer.LBRACE -> {
                Block b = parseBlock(ident);
                if (b != null) {
                    blocks.add(b);
                }
            }
            default -> {
                error("Argument or block definition required", "An argument or block definition is required here. "
                        + "To set an argument, use the equals sign \"=\" to introduce the argument value.", map.range(ident));
                recoverAfterItem(nested);
            }
        }
    }

    private void addAttribute(Attribute a, List<Attribute> attrs, Map<String, Attribute> seen) {
        Attribute prev = seen.putIfAbsent(a.name(), a);
        if (prev != null) {
            error("Attribute redefined", "The argument \"" + a.name() + "\" was already set at " + prev.nameRange()
                    + ". Each argument may be set only once.", a.nameRange());
            return;
        }
        attrs.add(a);
    }

    /** After "name =": the value. Null when the value failed to parse (already reported and recovered). */
    private Attribute finishAttribute(Token ident, boolean nested) {
        Expression expr = parseExpression(nested);
        SourceRange nameRange = map.range(ident);
        if (expr == null) {
            return new Attribute(map.text(ident), new InvalidExpr(nameRange), nameRange, nameRange);
        }
        return new Attribute(map.text(ident), expr, map.between(nameRange, expr.range()), nameRange);
    }

    /** Parses one expression at the current token; on a syntax error reports it, recovers and returns null. */
    Expression parseExpression(boolean nested) {
        int start = tokens.index();
        int mark = tokens.mark(); // keeps the tokens from here on seekable for the LL retry
        try {
            return parseExpressionFrom(start, nested);
        } finally {
            tokens.release(mark);
        }
    }

    private Expression parseExpressionFrom(int start, boolean nested) {
        if (fast != null) {
            Expression e = fast.tryExpression();
            if (e != null) {
                return e;
            }
            tokens.seek(start); // not a plain valid expression: ANTLR parses it and reports the problem
        }
        HclGrammar parser = parser();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return builder.expression(parser.expression());
        } catch (ParseCancellationException sllFailure) {
            tokens.seek(start);
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            try {
                return builder.expression(parser.expression());
            } catch (ParseCancellationException e) {
                RecognitionException re = e.getCause() instanceof RecognitionException r ? r : null;
                Token bad = re != null ? re.getOffendingToken() : next();
                Diagnostic d = re != null ? SyntaxErrors.describe(re, map)
                        : Diagnostic.error("Invalid expression", SyntaxErrors.INVALID_EXPRESSION_DETAIL, map.range(bad));
                if (!recovering || !GATED.contains(d.summary())) {
                    diags.add(d);
                }
                List<Integer> open = openBrackets(start, bad);
                tokens.seek(bad.getTokenIndex());
                if (open == null) {
                    recoverAfterItem(nested); // inside a template: skip to the end of the item
                } else {
                    unwind(open, d.summary());
                    recoverAfterBodyItem();
                }
                return null;
            }
        }
    }

    // ---- blocks ----

    private Block parseBlock(Token typeTok) {
        List<String> labels = new ArrayList<>();
        List<SourceRange> labelRanges = new ArrayList<>();
        while (true) {
            Token t = next();
            if (t.getType() == HclLexer.IDENT) {
                tokens.consume();
                labels.add(map.text(t));
                labelRanges.add(map.range(t));
            } else if (t.getType() == HclLexer.OQUOTE) {
                if (!parseQuotedLabel(labels, labelRanges)) {
                    recoverAfterItem(true);
                    return null;
                }
            } else if (t.getType() == HclLexer.LBRACE) {
                break;
            } else {
                Diagnostic d = SyntaxErrors.forToken(t, map.range(t));
                diags.add(d != null ? d : Diagnostic.error("Invalid block definition",
                        "A block definition must have block content delimited by \"{\" and \"}\", starting on the same line "
                                + "as the block header.", map.range(t)));
                recoverAfterItem(true);
                return null;
            }
        }
        Token open = next();
        tokens.consume();
        List<Attribute> attrs = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        Token close;
        if (peekType() == HclLexer.NEWLINE || peekType() == Token.EOF) {
            parseItems(open, attrs, blocks);
            close = next();
            if (close.getType() != HclLexer.RBRACE) {
                // unclosed (already reported, or skipped by recovery): as HCL, the block runs to the end of
                // the file, which gives later diagnostics in it their "in ..." context
                SourceRange eof = map.range(close);
                return new Block(map.text(typeTok), labels, new SyntaxBody(attrs, blocks, map.range(open, close), eof),
                        map.range(typeTok), labelRanges, map.range(open), eof);
            }
            tokens.consume();
        } else {
            // as HCL, the block is kept whatever goes wrong in a single-line body (later diagnostics
            // in it get their "in ..." context and its argument is decoded), running to the brace
            // (or the end of the file) its recovery stops at
            close = finishSingleLineBody(typeTok, open, attrs);
        }
        SourceRange bodyRange = map.range(open, close);
        Block b = new Block(map.text(typeTok), labels, new SyntaxBody(attrs, blocks, bodyRange, map.range(close)),
                map.range(typeTok), labelRanges, map.range(open), map.range(close));
        Token end = next();
        if (end.getType() == HclLexer.NEWLINE) {
            tokens.consume();
        } else if (end.getType() != Token.EOF && end.getType() != HclLexer.RBRACE) {
            Diagnostic d = SyntaxErrors.forToken(end, map.range(end));
            if (d != null || !recovering) {
                diags.add(d != null ? d : new Diagnostic(io.capstan.hcl.diag.Severity.ERROR,
                        "Missing newline after block definition", "A block definition must end with a newline.",
                        map.range(end), map.range(typeTok, end)));
            }
            recoverAfterItem(true);
        }
        return b;
    }

    /** A label "..." with no template sequences. Returns false after reporting a problem. */
    private boolean parseQuotedLabel(List<String> labels, List<SourceRange> ranges) {
        Token open = next();
        tokens.consume();
        StringBuilder sb = new StringBuilder();
        while (true) {
            Token t = next();
            switch (t.getType()) {
                case HclLexer.QUOTED_LIT -> {
                    tokens.consume();
                    sb.append(builder.unescapeLiteral(t));
                }
                case HclLexer.CQUOTE -> {
                    tokens.consume();
                    labels.add(sb.toString());
                    ranges.add(map.range(open, t));
                    return true;
                }
                case HclLexer.TEMPLATE_INTERP, HclLexer.TEMPLATE_DIRECTIVE -> {
                    error("Invalid string literal", "Template sequences are not allowed in this string. To include a "
                            + "literal \"$\", double it (as \"$$\") to escape it.", map.range(t));
                    return false;
                }
                case HclLexer.QUOTED_NEWLINE -> {
                    diags.add(SyntaxErrors.forToken(t, map.range(t)));
                    return false;
                }
                default -> {
                    Diagnostic d = SyntaxErrors.forToken(t, map.range(t));
                    diags.add(d != null ? d : Diagnostic.error("Unterminated template string",
                            "No closing marker was found for the string.", map.range(t)));
                    return false;
                }
            }
        }
    }

    /**
     * HCL's single-line block body ("a { b = 1 }") after the open brace: the argument, then the
     * closing brace. Returns the last token of the block: its closing brace, or where recovery from
     * an error stopped (past the next closing brace at this level, or the end of the file).
     */
    private Token finishSingleLineBody(Token typeTok, Token open, List<Attribute> attrs) {
        if (peekType() == HclLexer.RBRACE) {
            Token close = next();
            tokens.consume();
            return close;
        }
        parseSingleArgument(attrs);
        Token close = next();
        switch (close.getType()) {
            case HclLexer.RBRACE -> {
                tokens.consume();
                return close;
            }
            case HclLexer.COMMA -> error("Invalid single-argument block definition", "Single-line block syntax can "
                    + "include only one argument definition. To define multiple arguments, use the multi-line block "
                    + "syntax with one argument definition per line.", map.range(close));
            case HclLexer.NEWLINE -> error("Invalid single-argument block definition", "An argument definition on the "
                    + "same line as its containing block creates a single-line block definition, which must also be "
                    + "closed on the same line. Place the block's closing brace immediately after the argument "
                    + "definition.", map.range(close));
            default -> {
                Diagnostic d = SyntaxErrors.forToken(close, map.range(close));
                if (d != null) {
                    diags.add(d);
                } else if (!recovering && close.getType() == Token.EOF) {
                    diags.add(new Diagnostic(io.capstan.hcl.diag.Severity.ERROR, "Unclosed configuration block",
                            "There is no closing brace for this block before the end of the file. This may be caused by "
                                    + "incorrect brace nesting elsewhere in this file.", map.range(open),
                            map.range(typeTok, open)));
                } else if (!recovering) {
                    error("Invalid single-argument block definition", "A single-line block definition must end with a "
                            + "closing brace immediately after its single argument definition.", map.range(close));
                }
            }
        }
        recoverTo(HclLexer.LBRACE);
        Token last = tokens.LT(-1);
        return last == null || peekType() == Token.EOF ? next() : last;
    }

    /** The one argument of a single-line body, added to {@code attrs} unless it fails (reported and recovered from). */
    private void parseSingleArgument(List<Attribute> attrs) {
        Token t = next();
        tokens.consume();
        if (t.getType() != HclLexer.IDENT) {
            Diagnostic d = SyntaxErrors.forToken(t, map.range(t));
            diags.add(d != null ? d : Diagnostic.error("Argument or block definition required",
                    "An argument or block definition is required here.", map.range(t)));
            recoverAfterBodyItem();
            return;
        }
        Token after = next();
        if (after.getType() != HclLexer.EQUAL) {
            boolean blockLike = after.getType() == HclLexer.OQUOTE || after.getType() == HclLexer.IDENT
                    || after.getType() == HclLexer.LBRACE;
            if (blockLike) {
                error("Argument definition required", "A single-line block definition can contain only a single argument. "
                        + "If you meant to define argument \"" + t.getText() + "\", use an equals sign to assign it a value. "
                        + "To define a nested block, place it on a line of its own within its parent block.",
                        map.range(t, after));
            } else {
                error("Argument or block definition required", "An argument or block definition is required here. "
                        + "To set an argument, use the equals sign \"=\" to introduce the argument value.", map.range(t));
            }
            recoverAfterBodyItem();
            return;
        }
        tokens.consume();
        Expression expr = parseExpression(true);
        if (expr == null) {
            return; // reported, and recovered past the end of the item
        }
        SourceRange nameRange = map.range(t);
        attrs.add(new Attribute(map.text(t), expr, map.between(nameRange, expr.range()), nameRange));
    }

    // ---- recovery ----

    /**
     * The brackets ({@code LBRACE}, {@code LBRACK}, {@code LPAREN}) open at {@code bad} in the
     * expression that starts at token index {@code start}, outermost first; null when a template
     * (quoted string, heredoc, interpolation) is open there.
     */
    private List<Integer> openBrackets(int start, Token bad) {
        tokens.seek(start);
        List<Integer> open = new ArrayList<>();
        while (tokens.index() < bad.getTokenIndex() && peekType() != Token.EOF) {
            int type = peekType();
            switch (type) {
                case HclLexer.LBRACE, HclLexer.LBRACK, HclLexer.LPAREN, HclLexer.OQUOTE, HclLexer.HEREDOC_START,
                        HclLexer.TEMPLATE_INTERP, HclLexer.TEMPLATE_DIRECTIVE -> open.add(type);
                case HclLexer.RBRACE, HclLexer.STRIP_RBRACE, HclLexer.RBRACK, HclLexer.RPAREN, HclLexer.CQUOTE,
                        HclLexer.HEREDOC_END -> {
                    if (!open.isEmpty()) {
                        open.remove(open.size() - 1);
                    }
                }
                default -> {
                }
            }
            tokens.consume();
        }
        for (int type : open) {
            if (type != HclLexer.LBRACE && type != HclLexer.LBRACK && type != HclLexer.LPAREN) {
                return null;
            }
        }
        return open;
    }

    /**
     * HCL's recovery out of a failed expression, from the bad token: each enclosing construct,
     * innermost first, skips to its own closer ({@code recover}). A function call has already
     * read the bad separator, and parentheses that lack their closer only note the error.
     */
    private void unwind(List<Integer> open, String summary) {
        for (int k = open.size() - 1; k >= 0; k--) {
            int opener = open.get(k);
            if (k == open.size() - 1 && opener == HclLexer.LPAREN) {
                if (summary.equals("Unbalanced parentheses")) {
                    continue;
                }
                if (summary.equals("Missing argument separator") && peekType() != Token.EOF) {
                    tokens.consume();
                }
            }
            recoverTo(opener);
        }
    }

    /**
     * HCL's {@code recover}: past the closer matching {@code opener}, counting only that kind of
     * bracket (a brace that ends an interpolation is not one), or to the end of the file.
     */
    private void recoverTo(int opener) {
        recovering = true;
        int closer = opener == HclLexer.LBRACE ? HclLexer.RBRACE : opener == HclLexer.LBRACK ? HclLexer.RBRACK
                : HclLexer.RPAREN;
        int nest = 0;
        List<Integer> braces = new ArrayList<>(); // braces and interpolations opened during the skip
        while (true) {
            int type = peekType();
            if (type == Token.EOF) {
                return;
            }
            tokens.consume();
            if (type == HclLexer.TEMPLATE_INTERP || type == HclLexer.TEMPLATE_DIRECTIVE) {
                braces.add(type);
                continue;
            }
            if (type == HclLexer.STRIP_RBRACE || type == HclLexer.RBRACE && !braces.isEmpty()
                    && braces.get(braces.size() - 1) != HclLexer.LBRACE) {
                if (!braces.isEmpty()) {
                    braces.remove(braces.size() - 1);
                }
                continue;
            }
            if (type == HclLexer.LBRACE) {
                braces.add(type);
            } else if (type == HclLexer.RBRACE && !braces.isEmpty()) {
                braces.remove(braces.size() - 1);
            }
            if (type == opener) {
                nest++;
            } else if (type == closer) {
                if (nest < 1) {
                    return;
                }
                nest--;
            }
        }
    }

    /**
     * HCL's {@code recoverAfterBodyItem}: past the next newline outside the brackets and
     * templates opened during the skip (a closer drops the openers back to its own), or to the
     * end of the file.
     */
    private void recoverAfterBodyItem() {
        recovering = true;
        List<Integer> open = new ArrayList<>();
        while (true) {
            int type = peekType();
            if (type == Token.EOF) {
                return;
            }
            tokens.consume();
            switch (type) {
                case HclLexer.NEWLINE -> {
                    if (open.isEmpty()) {
                        return;
                    }
                }
                case HclLexer.QUOTED_NEWLINE -> {
                    // this lexer ends a string at a raw newline (already reported): the string is closed
                    while (!open.isEmpty() && open.remove(open.size() - 1) != HclLexer.OQUOTE) {
                        // drop what the string left open
                    }
                    if (open.isEmpty()) {
                        return;
                    }
                }
                case HclLexer.LBRACE, HclLexer.LBRACK, HclLexer.LPAREN, HclLexer.OQUOTE, HclLexer.HEREDOC_START,
                        HclLexer.TEMPLATE_INTERP, HclLexer.TEMPLATE_DIRECTIVE -> open.add(type);
                case HclLexer.RBRACE, HclLexer.RBRACK, HclLexer.RPAREN, HclLexer.CQUOTE, HclLexer.HEREDOC_END -> {
                    int opener = switch (type) {
                        case HclLexer.RBRACE -> HclLexer.LBRACE;
                        case HclLexer.RBRACK -> HclLexer.LBRACK;
                        case HclLexer.RPAREN -> HclLexer.LPAREN;
                        case HclLexer.CQUOTE -> HclLexer.OQUOTE;
                        default -> HclLexer.HEREDOC_START;
                    };
                    if (type == HclLexer.RBRACE && !open.isEmpty() && (open.get(open.size() - 1) == HclLexer.TEMPLATE_INTERP
                            || open.get(open.size() - 1) == HclLexer.TEMPLATE_DIRECTIVE)) {
                        opener = open.get(open.size() - 1); // the end of a template sequence
                    }
                    while (!open.isEmpty() && open.get(open.size() - 1) != opener) {
                        open.remove(open.size() - 1);
                    }
                    if (!open.isEmpty()) {
                        open.remove(open.size() - 1);
                    }
                }
                case HclLexer.STRIP_RBRACE -> {
                    while (!open.isEmpty() && open.get(open.size() - 1) != HclLexer.TEMPLATE_INTERP
                            && open.get(open.size() - 1) != HclLexer.TEMPLATE_DIRECTIVE) {
                        open.remove(open.size() - 1);
                    }
                    if (!open.isEmpty()) {
                        open.remove(open.size() - 1);
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * Skips to the end of the current item: the next significant newline outside any
     * bracket opened during the skip. Inside a block, an unmatched '}' is left for the block.
     */
    private void recoverAfterItem(boolean nested) {
        recovering = true;
        int open = 0;
        while (true) {
            int type = peekType();
            switch (type) {
                case Token.EOF:
                    return;
                case HclLexer.NEWLINE, HclLexer.QUOTED_NEWLINE:
                    tokens.consume();
                    if (open <= 0) {
                        return;
                    }
                    break;
                case HclLexer.LBRACE, HclLexer.LBRACK, HclLexer.LPAREN:
                    open++;
                    tokens.consume();
                    break;
                case HclLexer.RBRACE:
                    if (open == 0 && nested) {
                        return;
                    }
                    open = Math.max(0, open - 1);
                    tokens.consume();
                    break;
                case HclLexer.RBRACK, HclLexer.RPAREN:
                    open = Math.max(0, open - 1);
                    tokens.consume();
                    break;
                default:
                    tokens.consume();
            }
        }
    }
}
