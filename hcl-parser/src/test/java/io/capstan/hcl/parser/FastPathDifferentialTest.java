package io.capstan.hcl.parser;

import io.capstan.hcl.ast.AnonSymbolExpr;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.bench.ConfigGenerator;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.Block;
import io.capstan.hcl.body.Body;
import io.capstan.hcl.body.File;
import io.capstan.hcl.body.SyntaxBody;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.value.ConformanceCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The hand-written expression parser ({@link FastExprParser}) must build exactly the tree
 * the ANTLR path builds (every node, every source range) and must leave every diagnostic
 * to the ANTLR path. Checked two ways over the shared conformance corpora, this module's
 * test resources and a generated configuration: whole files parsed with and without the
 * fast path, and every attribute expression (and every expression of the expression
 * conformance corpus) parsed on its own by the fast parser alone.
 */
class FastPathDifferentialTest {

    static Stream<Path> corpusFiles() throws IOException {
        List<Path> roots = new ArrayList<>();
        String shared = System.getProperty("capstan.shared", "../../shared");
        roots.add(Path.of(shared, "conformance"));
        roots.add(Path.of(System.getProperty("capstan.root", ".."), "conformance"));
        roots.add(Path.of("src/test/resources"));
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".tf") || p.toString().endsWith(".hcl"))
                        .sorted()
                        .forEach(files::add);
            }
        }
        assertTrue(files.size() > 150, "corpus files found: " + files.size());
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void wholeFileSameWithAndWithoutFastPath(Path file) throws IOException {
        byte[] src = Files.readAllBytes(file);
        compareWholeFile(src, file.toString());
    }

    @Test
    void generatedConfigurationSameWithAndWithoutFastPath() {
        byte[] src = ConfigGenerator.generate(150_000).getBytes(StandardCharsets.UTF_8);
        compareWholeFile(src, "generated.tf");
        int n = eachAttributeAlone(src, "generated.tf");
        assertTrue(n > 2_000, "attributes checked: " + n);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void everyAttributeExpressionAloneMatches(Path file) throws IOException {
        eachAttributeAlone(Files.readAllBytes(file), file.toString());
    }

    @Test
    void expressionConformanceCorpus() {
        int compared = 0;
        List<String> notTaken = new ArrayList<>();
        for (ConformanceCases.Case c : ConformanceCases.all()) {
            Result<Expression> antlr = HclParser.parseExpression(c.expr(), "case.tf");
            if (antlr.hasErrors()) {
                // invalid syntax: the fast parser must give up so ANTLR reports it
                Expression fast = fastAlone(c.expr(), "case.tf", 1, 1, 0);
                if (fast != null) {
                    fail(c.id() + ": fast path accepted invalid input " + c.expr() + " -> " + antlr.diagnostics());
                }
                continue;
            }
            Expression fast = fastAlone(c.expr(), "case.tf", 1, 1, 0);
            if (fast == null) {
                notTaken.add(c.id());
                continue;
            }
            assertSame(antlr.value(), fast, c.id() + " " + c.expr());
            compared++;
        }
        System.out.println("fast-path differential: " + compared + " conformance expressions equal, "
                + notTaken.size() + " left to ANTLR " + notTaken);
        assertTrue(compared > 1000, "compared " + compared);
        assertEquals(List.of(), notTaken, "valid expressions the fast parser did not take");
    }

    /** Parses with and without the fast path; trees and diagnostics must be identical. */
    private static void compareWholeFile(byte[] src, String name) {
        Result<File> fast = HclParser.parseConfig(src, name, true);
        Result<File> antlr = HclParser.parseConfig(src, name, false);
        assertEquals(antlr.diagnostics().toString(), fast.diagnostics().toString(), name + ": diagnostics");
        assertSame(antlr.value().body(), fast.value().body(), name);
    }

    /**
     * Every attribute expression of the ANTLR-only parse, re-parsed from its own source text
     * (at its original position) by the fast parser alone, must come out equal.
     */
    private static int eachAttributeAlone(byte[] src, String name) {
        Result<File> antlr = HclParser.parseConfig(src, name, false);
        List<Attribute> attrs = new ArrayList<>();
        collect(antlr.value().body(), attrs);
        int n = 0;
        for (Attribute a : attrs) {
            SourceRange r = a.expr().range();
            if (a.expr() instanceof io.capstan.hcl.ast.InvalidExpr) {
                continue;
            }
            String text = new String(src, r.start().byteOffset(), r.end().byteOffset() - r.start().byteOffset(),
                    StandardCharsets.UTF_8);
            Expression fast = fastAlone(text, name, r.start().line(), r.start().column(), r.start().byteOffset());
            if (fast == null && antlr.hasErrors()) {
                continue; // a file with syntax errors: the whole-file comparison covers it
            }
            assertNotNull(fast, name + ": fast parser gave up on valid " + r + ": " + text);
            assertSame(a.expr(), fast, name + " " + r);
            n++;
        }
        return n;
    }

    private static void collect(Body body, List<Attribute> out) {
        SyntaxBody b = (SyntaxBody) body;
        out.addAll(b.attributes());
        for (Block block : b.blocks()) {
            collect(block.body(), out);
        }
    }

    /** The fast parser alone over one expression's text, as if it started at the given position. */
    private static Expression fastAlone(String text, String name, int line, int column, int byteOffset) {
        HclParser.Session s = new HclParser.Session(text, name, line, column, byteOffset, false,
                new Diagnostics());
        FastExprParser p = new FastExprParser(s.tokens, s.builder, s.map);
        Expression e = p.tryExpression();
        return e != null && s.tokens.LA(1) == org.antlr.v4.runtime.Token.EOF ? e : null;
    }

    // ---- structural comparison ----

    static void assertSame(Object expected, Object actual, String where) {
        compare(expected, actual, where + ": ");
    }

    private static void compare(Object a, Object b, String path) {
        if (a == null || b == null) {
            if (a != b) {
                fail(path + " expected " + a + " but was " + b);
            }
            return;
        }
        if (a.getClass() != b.getClass()) {
            fail(path + " expected " + a.getClass().getSimpleName() + " " + a + " but was "
                    + b.getClass().getSimpleName() + " " + b);
        }
        if (a instanceof AnonSymbolExpr x) {
            compare(x.range(), ((AnonSymbolExpr) b).range(), path + "/anon");
        } else if (a instanceof SyntaxBody x) {
            SyntaxBody y = (SyntaxBody) b;
            compare(x.attributes(), y.attributes(), path + "/attributes");
            compare(x.blocks(), y.blocks(), path + "/blocks");
            compare(x.range(), y.range(), path + "/range");
            compare(x.endRange(), y.endRange(), path + "/endRange");
        } else if (a instanceof List<?> x) {
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                fail(path + " expected " + x.size() + " items " + x + " but was " + y.size() + " " + y);
            }
            for (int i = 0; i < x.size(); i++) {
                compare(x.get(i), y.get(i), path + "[" + i + "]");
            }
        } else if (a.getClass().isRecord() && !(a instanceof SourceRange)) {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                try {
                    compare(c.getAccessor().invoke(a), c.getAccessor().invoke(b), path + "/" + c.getName());
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        } else if (!a.equals(b)) {
            fail(path + " expected " + a + " but was " + b);
        }
    }
}
