package io.capstan.hcl.parser;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.ScopeTraversalExpr;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.body.File;
import io.capstan.hcl.body.SyntaxBody;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Pos;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CodePointBuffer;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.UnbufferedTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Entry points of the HCL native syntax: whole configuration files, standalone
 * expressions, templates and traversals. Nothing here throws for bad input; every problem
 * comes back as a diagnostic with an exact range (line, column, byte offset).
 */
public final class HclParser {
    private HclParser() {
    }

    /** Parses a configuration file ({@code .tf}). The result always has a (possibly partial) file. */
    public static Result<File> parseConfig(byte[] src, String filename) {
        io.capstan.hcl.body.Body known = ParsedFiles.get(filename, src);
        if (known != null) {
            return new Result<>(new File(filename, src, known), new Diagnostics());
        }
        Result<File> r = parseConfig(src, filename, true);
        if (r.diagnostics().isEmpty()) {
            ParsedFiles.put(filename, src, r.value().body());
        }
        return r;
    }

    /**
     * {@link #parseConfig(byte[], String)}, optionally with every expression parsed by ANTLR
     * instead of the hand-written fast path (the differential test compares the two).
     */
    static Result<File> parseConfig(byte[] src, String filename, boolean fastPath) {
        try {
            return parseConfigOnThisThread(src, filename, false, fastPath);
        } catch (StackOverflowError e) {
            // Pathological input (thousands of chained unary operators...): retry once on a
            // thread with a large stack rather than refusing a valid file.
            Object[] box = new Object[1];
            Thread t = new Thread(null, () -> box[0] = parseConfigOnThisThread(src, filename, true, fastPath),
                    "hcl-parse-large-stack", 1L << 30);
            t.start();
            try {
                t.join();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while parsing " + filename, ie);
            }
            @SuppressWarnings("unchecked")
            Result<File> r = (Result<File>) box[0];
            return r;
        }
    }

    private static Result<File> parseConfigOnThisThread(byte[] src, String filename, boolean lastAttempt,
                                                        boolean fastPath) {
        Diagnostics diags = new Diagnostics();
        Session s;
        if (isAscii(src)) {
            // The common case: lex straight from the bytes, no decoded copy of the file.
            s = new Session(src, filename, diags);
        } else {
            String text = decode(src, filename, diags);
            if (text == null) {
                SourceRange empty = new SourceRange(filename, Pos.START, Pos.START);
                return new Result<>(new File(filename, src, new SyntaxBody(List.of(), List.of(), empty, empty)), diags);
            }
            s = new Session(text, filename, 1, 1, 0, false, diags);
        }
        s.lexer.setTokenFactory(new HclTokenFactory());
        SyntaxBody body;
        DefaultChannelSource source = new DefaultChannelSource(s.lexer);
        try {
            UnbufferedTokenStream<Token> stream = new UnbufferedTokenStream<>(source, 256);
            // the ANTLR parser only for an expression the fast path gives up on: most files need none
            body = new BodyParser(stream, () -> {
                HclGrammar p = s.parser();
                p.setTokenStream(stream);
                return p;
            }, s.map, diags, fastPath).parseFile();
        } catch (StackOverflowError e) {
            if (!lastAttempt) {
                throw e;
            }
            diags.add(tooComplex(filename));
            SourceRange empty = new SourceRange(filename, Pos.START, Pos.START);
            body = new SyntaxBody(List.of(), List.of(), empty, empty);
        }
        s.checkDepth();
        return new Result<>(new File(filename, src, body), tokenErrorsFirst(source.quotedNewlines(), s.map, s.diags));
    }

    /**
     * HCL checks the token stream for invalid tokens before parsing, so "Invalid
     * multi-line string" comes first, once per quoted newline, even where parse recovery
     * skipped the token; the parser's own report of the same token is dropped.
     */
    private static Diagnostics tokenErrorsFirst(List<Token> quotedNewlines, SourceMap map, Diagnostics parsed) {
        if (quotedNewlines.isEmpty()) {
            return parsed;
        }
        Diagnostics all = new Diagnostics();
        java.util.Set<SourceRange> reported = new java.util.HashSet<>();
        for (Token t : quotedNewlines) {
            Diagnostic d = SyntaxErrors.forToken(t, map.range(t));
            all.add(d);
            reported.add(d.subject());
        }
        for (Diagnostic d : parsed) {
            if (!(d.summary().equals("Invalid multi-line string") && reported.contains(d.subject()))) {
                all.add(d);
            }
        }
        return all;
    }

    /** Parses a standalone expression (e.g. a {@code -var} value or a console line). */
    public static Result<Expression> parseExpression(byte[] src, String filename) {
        Diagnostics diags = new Diagnostics();
        String text = decode(src, filename, diags);
        if (text == null) {
            return new Result<>(null, diags);
        }
        return parseExpressionAt(text, filename, 1, 1, 0);
    }

    public static Result<Expression> parseExpression(String src, String filename) {
        return parseExpressionAt(src, filename, 1, 1, 0);
    }

    /** Parses an expression that starts at the given position of a larger file. */
    public static Result<Expression> parseExpressionAt(String src, String filename, int line, int column, int byteOffset) {
        Diagnostics diags = new Diagnostics();
        Session s = new Session(src, filename, line, column, byteOffset, false, diags);
        Expression e = null;
        try {
            e = s.parseTwoStage(p -> s.builder.expression(p.expressionOnly().expression()));
        } catch (StackOverflowError so) {
            diags.add(tooComplex(filename));
        }
        s.checkDepth();
        return new Result<>(s.diags.hasErrors() ? null : e, s.diags);
    }

    /** Parses a bare template (the contents of a {@code templatefile}), without quotes. */
    public static Result<Expression> parseTemplate(byte[] src, String filename) {
        Diagnostics diags = new Diagnostics();
        String text = decode(src, filename, diags);
        if (text == null) {
            return new Result<>(null, diags);
        }
        return parseTemplateAt(text, filename, 1, 1, 0);
    }

    public static Result<Expression> parseTemplate(String src, String filename) {
        return parseTemplateAt(src, filename, 1, 1, 0);
    }

    /** Parses a bare template starting at the given position (used for JSON strings). */
    public static Result<Expression> parseTemplateAt(String src, String filename, int line, int column, int byteOffset) {
        Diagnostics diags = new Diagnostics();
        Session s = new Session(src, filename, line, column, byteOffset, true, diags);
        Expression e = null;
        try {
            e = s.parseTwoStage(p -> s.builder.template(p.templateOnly().templatePart(), s.wholeRange()));
        } catch (StackOverflowError so) {
            diags.add(tooComplex(filename));
        }
        s.checkDepth();
        return new Result<>(s.diags.hasErrors() ? null : e, s.diags);
    }

    /** Parses an absolute traversal such as {@code aws_instance.web[0].id} (e.g. from a command line). */
    public static Result<Traversal> parseTraversal(String src, String filename) {
        Result<Expression> r = parseExpression(src, filename);
        if (r.hasErrors()) {
            return new Result<>(null, r.diagnostics());
        }
        if (r.value() instanceof ScopeTraversalExpr s) {
            return Result.of(s.traversal());
        }
        Diagnostics d = new Diagnostics();
        d.add(Diagnostic.error("Invalid expression", "A single static variable reference is required: only attribute "
                + "access and indexing with constant keys. No calculations, function calls, template expressions, etc "
                + "are allowed here.", r.value().range()));
        return new Result<>(null, d);
    }

    private static Diagnostic tooComplex(String filename) {
        return Diagnostic.error("Configuration too complex", "This input is nested too deeply to be parsed.",
                new SourceRange(filename, Pos.START, Pos.START));
    }

    private static boolean isAscii(byte[] src) {
        for (byte b : src) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes UTF-8, reporting the first invalid byte as HCL does ("Invalid character
     * encoding"). Returns null if the input is not valid UTF-8.
     */
    static String decode(byte[] src, String filename, Diagnostics diags) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(src);
        CharBuffer out = CharBuffer.allocate(src.length + 1);
        CoderResult r = dec.decode(in, out, true);
        if (!r.isError()) {
            r = dec.flush(out);
        }
        if (r.isError()) {
            int off = in.position();
            int lineStart = 0;
            int line = 1;
            for (int i = 0; i < off; i++) {
                if (src[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            String prefix = new String(src, lineStart, off - lineStart, StandardCharsets.UTF_8);
            int col = prefix.codePointCount(0, prefix.length()) + 1;
            int len = Math.max(1, r.length());
            diags.add(Diagnostic.error("Invalid character encoding", "All input files must be UTF-8 encoded. Ensure that "
                    + "UTF-8 encoding is selected in your editor.", new SourceRange(filename, new Pos(line, col, off),
                    new Pos(line, col + 1, Math.min(src.length, off + len)))));
            return null;
        }
        out.flip();
        return out.toString();
    }

    /** One lexer + token stream + parser over one input. */
    static final class Session {
        final HclLexer lexer;
        final CommonTokenStream tokens;
        /** Built on first use ({@link #parser()}): its set-up reads the grammar's serialized ATN. */
        private HclGrammar parser;
        final SourceMap map;
        final ExprBuilder builder;
        Diagnostics diags;

        Session(String text, String filename, int line, int column, int byteOffset, boolean template, Diagnostics diags) {
            this(CharStreams.fromString(text, filename), filename, template, diags,
                    cs -> new SourceMap(filename, cs, text, line, column, byteOffset));
        }

        /** Over pure-ASCII bytes, which are their own code points: the lexer reads the array itself. */
        Session(byte[] ascii, String filename, Diagnostics diags) {
            this(CodePointCharStream.fromBuffer(CodePointBuffer.withBytes(ByteBuffer.wrap(ascii)), filename), filename,
                    false, diags, cs -> new SourceMap(filename, cs, ascii));
        }

        private Session(CharStream cs, String filename, boolean template, Diagnostics diags,
                        java.util.function.Function<CharStream, SourceMap> mapFor) {
            lexer = new HclLexer(cs);
            lexer.removeErrorListeners();
            if (template) {
                lexer.startInTemplate();
            }
            tokens = new CommonTokenStream(lexer);
            map = mapFor.apply(cs);
            this.diags = diags;
            builder = new ExprBuilder(map, diags);
        }

        /** The parser over {@link #tokens}, bailing out at the first syntax error. */
        HclGrammar parser() {
            if (parser == null) {
                parser = new HclGrammar(tokens);
                parser.removeErrorListeners();
                parser.setErrorHandler(new BailErrorStrategy());
            }
            return parser;
        }

        <T> T run(PredictionMode mode, java.util.function.Function<HclGrammar, T> f) {
            HclGrammar p = parser();
            p.getInterpreter().setPredictionMode(mode);
            return f.apply(p);
        }

        /**
         * ANTLR's two-stage parse: SLL prediction first, and only when it gives up the whole input
         * again with full LL; null, with the syntax error reported, when that fails too.
         */
        <T> T parseTwoStage(java.util.function.Function<HclGrammar, T> f) {
            try {
                return run(PredictionMode.SLL, f);
            } catch (ParseCancellationException sll) {
                tokens.seek(0);
                try {
                    return run(PredictionMode.LL, f);
                } catch (ParseCancellationException ll) {
                    report(ll);
                    return null;
                }
            }
        }

        SourceRange wholeRange() {
            tokens.fill();
            Token eof = tokens.get(tokens.size() - 1);
            return map.range(map.pos(1, 0, 0), map.end(eof));
        }

        void report(ParseCancellationException e) {
            if (e.getCause() instanceof RecognitionException re) {
                diags.add(SyntaxErrors.describe(re, map));
            } else {
                Token t = tokens.LT(1);
                diags.add(Diagnostic.error("Invalid expression", SyntaxErrors.INVALID_EXPRESSION_DETAIL, map.range(t)));
            }
        }

        /** If nesting was too deep, that is the one diagnostic worth reporting. */
        void checkDepth() {
            if (lexer.tooDeepIndex() < 0) {
                return;
            }
            Pos p = map.pos(lexer.tooDeepLine(), lexer.tooDeepColumn(), lexer.tooDeepIndex());
            Pos e = map.pos(lexer.tooDeepLine(), lexer.tooDeepColumn() + 1, lexer.tooDeepIndex() + 1);
            Diagnostics only = new Diagnostics();
            only.add(Diagnostic.error("Nesting too deep", "Brackets, braces and template sequences may be nested at most "
                    + HclLexer.MAX_NESTING + " levels deep.", map.range(p, e)));
            diags = only;
        }
    }
}
