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
import io.capstan.hcl.parser.HclParser;
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
 * Each case is parsed and decoded structurally with the schema its {@code .hcldec} spec
 * describes; expected diagnostics are compared by their exact ranges (line, column, byte).
 * Cases whose expectation is an evaluated value are counted as pending until the
 * evaluator exists, but must still parse and decode without errors.
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
        int pending = 0;
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
            } else if (outcome.equals("pending")) {
                pending++;
            } else {
                failures.add(name + ": " + outcome);
            }
        }
        System.out.println("hcl-specsuite: " + passed + " passed, " + failures.size() + " failed, " + pending
                + " pending (pending evaluator)");
        failures.forEach(f -> System.out.println("  " + f));
        assertThat(cases).isNotEmpty();
        assertThat(failures).isEmpty();
    }

    /** Returns "pass", "pending" or a failure message. */
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
        List<Block> specs = ((SyntaxBody) parseOk(spec).body()).blocks();
        for (Path in : inputs) {
            byte[] src = Files.readAllBytes(in);
            Result<File> parsed = in.toString().endsWith(".json") ? JsonParser.parse(src, in.getFileName().toString())
                    : HclParser.parseConfig(src, in.getFileName().toString());
            Diagnostics diags = new Diagnostics().addAll(parsed.diagnostics());
            decode(parsed.value().body(), specs, diags);
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
        }
        return wantsValue ? "pending" : "pass";
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

    // ---- structural decoding driven by the hcldec spec ----

    /** Decodes a body with the specs that apply at its level (objects are flattened). */
    private static void decode(Body body, List<Block> specBlocks, Diagnostics diags) {
        List<Block> specs = new ArrayList<>();
        flatten(specBlocks, specs);
        List<AttributeSchema> attrs = new ArrayList<>();
        List<BlockHeaderSchema> blocks = new ArrayList<>();
        boolean structural = false;
        for (Block s : specs) {
            switch (s.type()) {
                case "attr" -> {
                    structural = true;
                    attrs.add(new AttributeSchema(name(s), bool(s, "required")));
                }
                case "block", "block_list", "block_set", "block_map" -> {
                    structural = true;
                    blocks.add(new BlockHeaderSchema(name(s), strings(s, "labels")));
                }
                default -> {
                    // literal, default, label, variables...: nothing to decode structurally
                }
            }
        }
        if (!structural) {
            return;
        }
        Result<BodyContent> content = body.content(new BodySchema(attrs, blocks));
        diags.addAll(content.diagnostics());
        for (Block b : content.value().blocks()) {
            for (Block s : specs) {
                if (s.type().startsWith("block") && name(s).equals(b.type())) {
                    decode(b.body(), ((SyntaxBody) s.body()).blocks(), diags);
                }
            }
        }
    }

    private static void flatten(List<Block> in, List<Block> out) {
        for (Block b : in) {
            if (b.type().equals("object")) {
                flatten(((SyntaxBody) b.body()).blocks(), out);
            } else if (!b.type().equals("variables")) {
                out.add(b);
            }
        }
    }

    /** The block type or attribute name a spec refers to: its label or its name/block_type argument. */
    private static String name(Block spec) {
        SyntaxBody b = (SyntaxBody) spec.body();
        for (String a : List.of("block_type", "name")) {
            Attribute at = b.attribute(a);
            if (at != null && at.expr() instanceof TemplateExpr t) {
                return t.literalText();
            }
        }
        return spec.labels().isEmpty() ? "" : spec.labels().get(0);
    }

    private static boolean bool(Block spec, String attr) {
        Attribute a = ((SyntaxBody) spec.body()).attribute(attr);
        return a != null && a.expr() instanceof LiteralValueExpr l && l.value() instanceof Literal.Bool v && v.value();
    }

    private static List<String> strings(Block spec, String attr) {
        Attribute a = ((SyntaxBody) spec.body()).attribute(attr);
        List<String> out = new ArrayList<>();
        if (a != null && a.expr() instanceof TupleConsExpr t) {
            for (Expression e : t.exprs()) {
                out.add(((TemplateExpr) e).literalText());
            }
        }
        return out;
    }
}
