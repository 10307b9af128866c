package io.capstan.hcl.specsuite;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.Literal;
import io.capstan.hcl.ast.LiteralValueExpr;
import io.capstan.hcl.ast.TemplateExpr;
import io.capstan.hcl.ast.TupleConsExpr;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.AttributeSchema;
import io.capstan.hcl.body.Block;
import io.capstan.hcl.body.BlockHeaderSchema;
import io.capstan.hcl.body.Body;
import io.capstan.hcl.body.BodyContent;
import io.capstan.hcl.body.BodySchema;
import io.capstan.hcl.body.File;
import io.capstan.hcl.body.SyntaxBody;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.json.JsonParser;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.eval.TypeExpressions;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.Operations;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs HashiCorp's HCL spec suite (found via the {@code capstan.shared} system property).
 * Each case is parsed and decoded to a value with its {@code .hcldec} spec (see
 * {@link SpecDecoder}), evaluating expressions; expected diagnostics are compared by their
 * exact ranges (line, column, byte), expected results by type and value.
 */
class HclSpecSuiteTest {

    @Test
    void specSuite() throws IOException {
        String shared = System.getProperty("capstan.shared");
        Path suite = shared == null ? null : Path.of(shared, "conformance", "hcl-specsuite");
        if (suite == null || !Files.isDirectory(suite)) {
            System.out.println("hcl-specsuite: SKIPPED, suite not found (system property capstan.shared="
                    + shared + ")");
            Assumptions.abort("HCL spec suite not found");
        }
        List<Path> cases;
        try (Stream<Path> s = Files.walk(suite)) {
            cases = s.filter(p -> p.toString().endsWith(".t")).sorted().toList();
        }
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (Path t : cases) {
            String name = suite.relativize(t).toString();
            String outcome;
            try {
                outcome = runCase(t);
            } catch (RuntimeException e) {
                outcome = "FAIL: " + e;
            }
            if (outcome.equals("pass")) {
                passed++;
            } else {
                failures.add(name + ": " + outcome);
            }
        }
        System.out.println("hcl-specsuite: " + passed + " passed, " + failures.size() + " failed");
        failures.forEach(f -> System.out.println("  " + f));
        assertThat(cases).isNotEmpty();
        assertThat(failures).isEmpty();
    }

    /** Returns "pass" or a failure message. */
    private static String runCase(Path t) throws IOException {
        String base = t.toString().substring(0, t.toString().length() - 2);
        Path hcl = Path.of(base + ".hcl");
        Path json = Path.of(base + ".hcl.json");
        Path spec = Path.of(base + ".hcldec");
        SyntaxBody expectation = (SyntaxBody) parseOk(t).body();
        Block diagBlock = first(expectation.blocks(), "diagnostics");
        boolean wantsValue = expectation.attribute("result") != null || expectation.attribute("result_type") != null;

        List<Path> inputs = new ArrayList<>();
        if (Files.exists(hcl)) {
            inputs.add(hcl);
        }
        if (Files.exists(json)) {
            inputs.add(json);
        }
        if (inputs.isEmpty()) {
            return "no input file";
        }
        List<Block> specBlocks = ((SyntaxBody) parseOk(spec).body()).blocks();
        Map<String, Value> variables = new LinkedHashMap<>();
        Block root = null;
        for (Block b : specBlocks) {
            if (b.type().equals("variables")) {
                for (Attribute a : ((SyntaxBody) b.body()).attributes()) {
                    variables.put(a.name(), Evaluator.evaluate(a.expr(), EvalContext.empty()).value());
                }
            } else {
                root = b;
            }
        }
        SpecDecoder decoder = new SpecDecoder(EvalContext.standard(variables, t.getParent()));
        for (Path in : inputs) {
            byte[] src = Files.readAllBytes(in);
            Result<File> parsed = in.toString().endsWith(".json") ? JsonParser.parse(src, in.getFileName().toString())
                    : HclParser.parseConfig(src, in.getFileName().toString());
            Diagnostics diags = new Diagnostics().addAll(parsed.diagnostics());
            Value got = decoder.decode(root, parsed.value().body(), diags);
            List<String> actual = new ArrayList<>();
            for (Diagnostic d : diags) {
                if (d.isError()) {
                    actual.add(rangeKey(d));
                }
            }
            List<String> expected = new ArrayList<>();
            if (diagBlock != null) {
                for (Block e : ((SyntaxBody) diagBlock.body()).blocks()) {
                    if (e.type().equals("error")) {
                        expected.add(pos(e, "from") + "-" + pos(e, "to"));
                    }
                }
            }
            actual.sort(null);
            expected.sort(null);
            if (!actual.equals(expected)) {
                return "diagnostics " + actual + " " + diags + ", expected " + expected;
            }
            if (wantsValue && diagBlock == null) {
                String mismatch = compareValue(expectation, got);
                if (mismatch != null) {
                    return in.getFileName() + ": " + mismatch;
                }
            }
        }
        return "pass";
    }

    /** Compares the decoded value with the case's {@code result} and {@code result_type}. */
    private static String compareValue(SyntaxBody expectation, Value got) {
        Attribute typeAttr = expectation.attribute("result_type");
        Attribute resultAttr = expectation.attribute("result");
        if (typeAttr != null) {
            Type want = TypeExpressions.typeConstraint(typeAttr.expr()).value().type();
            if (want != Type.DYNAMIC && !got.type().equals(want)) {
                return "type " + got.type().typeExpression() + ", expected " + want.typeExpression();
            }
        }
        if (resultAttr != null) {
            Value want = Evaluator.evaluate(resultAttr.expr(), EvalContext.empty()).value();
            try {
                want = Convert.convert(want, got.type());
            } catch (ConversionException e) {
                return "result " + want + " does not convert to " + got.type().typeExpression();
            }
            if (!Operations.equal(got, want).isTrue()) {
                return "value " + got + ", expected " + want;
            }
        }
        return null;
    }

    private static String rangeKey(Diagnostic d) {
        var s = d.subject().start();
        var e = d.subject().end();
        return s.line() + ":" + s.column() + ":" + s.byteOffset() + "-" + e.line() + ":" + e.column() + ":" + e.byteOffset();
    }

    private static String pos(Block error, String which) {
        SyntaxBody b = (SyntaxBody) first(((SyntaxBody) error.body()).blocks(), which).body();
        return num(b, "line") + ":" + num(b, "column") + ":" + num(b, "byte");
    }

    private static String num(SyntaxBody b, String attr) {
        Expression e = b.attribute(attr).expr();
        return ((Literal.Num) ((LiteralValueExpr) e).value()).value().toPlainString();
    }

    private static Block first(List<Block> blocks, String type) {
        for (Block b : blocks) {
            if (b.type().equals(type)) {
                return b;
            }
        }
        return null;
    }

    private static File parseOk(Path p) throws IOException {
        Result<File> r = HclParser.parseConfig(Files.readAllBytes(p), p.getFileName().toString());
        if (r.hasErrors()) {
            throw new IllegalStateException("cannot parse " + p + ": " + r.diagnostics());
        }
        return r.value();
    }
}
