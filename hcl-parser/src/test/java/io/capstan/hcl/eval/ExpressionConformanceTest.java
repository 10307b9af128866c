package io.capstan.hcl.eval;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.TupleConsExpr;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.File;
import io.capstan.hcl.body.SyntaxBody;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.ConformanceCases;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.TypeJson;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every case of the expression conformance corpus, recorded from Terraform 1.11.4: the
 * expression is placed in the same {@code output "result" { value = [ ... ] }} wrapper
 * Terraform saw, parsed, evaluated in an empty root module's scope, and the tuple's only
 * element compared by type, exact value and sensitivity; failing cases compare the first
 * error's summary (parse errors included). Prints {@code expressions: N passed, M failed}
 * and fails on any failure, with a per-category breakdown.
 */
class ExpressionConformanceTest {
    /**
     * Cases known not to match yet, with the reason. Printed on every run; a listed case
     * that starts passing fails the test so that the list is kept honest.
     */
    private static final Map<String, String> KNOWN_DIVERGENCES = Map.of();

    static Path casesFile() {
        String root = System.getProperty("capstan.root");
        Path p = root == null ? null : Path.of(root, "conformance", "expressions", "cases.jsonl");
        if (p == null || !Files.exists(p)) {
            p = Path.of("..", "conformance", "expressions", "cases.jsonl");
        }
        return p;
    }

    @Test
    void everyCaseMatchesTerraform() throws IOException {
        List<ConformanceCases.Case> cases = read(casesFile());
        TerraformRootScope scope = new TerraformRootScope(Path.of("").toAbsolutePath());
        List<String> failures = new ArrayList<>();
        Map<String, int[]> byCategory = new TreeMap<>();
        int passed = 0;
        for (ConformanceCases.Case c : cases) {
            String problem;
            try {
                problem = check(c, scope);
            } catch (RuntimeException | StackOverflowError e) {
                problem = "crashed: " + e;
            }
            String cat = c.category().startsWith("fn.") && !c.category().equals("fn.misc") ? "fn" : c.category();
            int[] counts = byCategory.computeIfAbsent(cat, k -> new int[2]);
            if (KNOWN_DIVERGENCES.containsKey(c.id())) {
                if (problem == null) {
                    failures.add(c.id() + " is listed as a known divergence but now passes: remove it from the list");
                } else {
                    System.out.println("known divergence " + c.id() + ": " + KNOWN_DIVERGENCES.get(c.id()));
                }
                continue;
            }
            if (problem == null) {
                passed++;
                counts[0]++;
            } else {
                counts[1]++;
                failures.add(c.id() + " " + c.expr().replace("\n", "\\n") + "\n    " + problem);
            }
        }
        System.out.println("expressions: " + passed + " passed, " + failures.size() + " failed, "
                + KNOWN_DIVERGENCES.size() + " known divergence(s) listed above");
        if (!failures.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            byCategory.forEach((k, v) -> {
                if (v[1] > 0) {
                    sb.append("  ").append(k).append(": ").append(v[0]).append(" passed, ").append(v[1])
                            .append(" failed\n");
                }
            });
            failures.forEach(f -> sb.append(f).append('\n'));
            System.out.println(sb);
            fail(failures.size() + " of " + cases.size() + " expression cases differ from Terraform:\n" + sb);
        }
    }

    /** The mismatch, or null when the case behaves as Terraform recorded. */
    static String check(ConformanceCases.Case c, TerraformRootScope scope) {
        String src = "output \"result\" {\n  value = [\n" + c.expr() + "\n  ]\n}\n";
        Result<File> parsed = HclParser.parseConfig(src.getBytes(StandardCharsets.UTF_8), "main.tf");
        Result<Value> result;
        if (parsed.hasErrors()) {
            result = new Result<>(Value.DYNAMIC_UNKNOWN, parsed.diagnostics());
        } else {
            SyntaxBody body = (SyntaxBody) parsed.value().body();
            Attribute attr = ((SyntaxBody) body.blocks().get(0).body()).attribute("value");
            Expression e = attr.expr();
            result = scope.evaluate(e);
            if (!result.hasErrors() && !(e instanceof TupleConsExpr)) {
                return "wrapper did not parse as a tuple: " + e.getClass().getSimpleName();
            }
        }
        JsonNode expect = c.expect();
        Diagnostic firstError = result.diagnostics().asList().stream().filter(Diagnostic::isError).findFirst()
                .orElse(null);
        if (c.isError()) {
            String want = expect.get("summary").asText();
            if (firstError == null) {
                return "expected error \"" + want + "\" but got " + result.value();
            }
            return firstError.summary().equals(want) ? null
                    : "expected error \"" + want + "\" but got \"" + firstError.summary() + "\": " + firstError.detail();
        }
        if (firstError != null) {
            return "unexpected error \"" + firstError.summary() + "\": " + firstError.detail();
        }
        Value tuple = result.value();
        if (!tuple.isKnown() || tuple.length() != 1) {
            return "result is not a one-element tuple: " + tuple;
        }
        Value v = tuple.elements().get(0);
        if (!v.isKnown() && v.type() == io.capstan.hcl.value.Type.DYNAMIC) {
            // A function given a dynamic-typed null returns an unknown of unknown type (cty's
            // rule); Terraform's apply stores such an output element as a dynamic null.
            v = Value.DYNAMIC_NULL.withMarks(v.marks());
        }
        if (!v.isWhollyKnown()) {
            return "result is not wholly known: " + v;
        }
        Value.Unmarked u = v.unmarkDeep();
        boolean sensitive = u.marks().contains(Mark.SENSITIVE);
        try {
            JsonNode gotType = ConformanceCases.MAPPER.readTree(TypeJson.toJsonString(u.value().type()));
            JsonNode gotValue = ConformanceCases.MAPPER.readTree(ValueJson.encode(u.value()));
            if (!ConformanceCases.sameJson(gotType, expect.get("type"))) {
                return "type " + gotType + " but Terraform has " + expect.get("type") + " (value " + gotValue + ")";
            }
            if (!ConformanceCases.sameJson(gotValue, expect.get("value"))) {
                return "value " + gotValue + " but Terraform has " + expect.get("value");
            }
        } catch (IOException e) {
            return "could not encode result: " + e;
        }
        if (sensitive != c.sensitive()) {
            return "sensitive=" + sensitive + " but Terraform has sensitive=" + c.sensitive();
        }
        return null;
    }

    static List<ConformanceCases.Case> read(Path file) throws IOException {
        List<ConformanceCases.Case> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = ConformanceCases.MAPPER.readTree(line);
            out.add(new ConformanceCases.Case(n.get("id").asText(), n.get("category").asText(),
                    n.get("expr").asText(), n.get("expect")));
        }
        return out;
    }
}
