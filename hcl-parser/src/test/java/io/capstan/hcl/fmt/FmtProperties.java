package io.capstan.hcl.fmt;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.diag.Result;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of fmt over generated, messily laid-out configurations (random spaces and
 * tabs between tokens, blank-line runs, comments, nested blocks and collections): it
 * accepts them, is idempotent, and changes nothing but spaces and tabs.
 */
class FmtProperties {

    @Property(tries = 200)
    void formattingIsIdempotentAndOnlyTouchesBlanks(@ForAll("configs") String src) {
        Result<String> once = HclFormatter.format(src, "gen.tf");
        if (once.hasErrors()) {
            // names are drawn from a small set, so a body may set one twice: that is the only
            // error a generated configuration can have, and fmt must refuse it
            assertThat(once.diagnostics().asList()).as(src)
                    .allMatch(d -> d.summary().equals("Attribute redefined"));
            assertThat(once.value()).isEqualTo(src);
            return;
        }
        String formatted = once.value();
        assertThat(HclFormatter.format(formatted, "gen.tf").value()).isEqualTo(formatted);
        assertThat(strip(formatted)).isEqualTo(strip(src));
    }

    @org.junit.jupiter.api.Test
    void generatedConfigsFormatLikeTerraform() throws Exception {
        if (!FmtCorpus.terraformAvailable()) {
            System.out.println("fmt generated differential: SKIPPED, terraform is not installed");
            return;
        }
        java.util.List<String> inputs = configs().sampleStream().limit(300).toList();
        java.util.List<String> expected = FmtCorpus.terraformFormat(inputs);
        java.util.List<String> failed = new java.util.ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (!HclFormatter.format(inputs.get(i), "gen.tf").value().equals(expected.get(i))) {
                failed.add(inputs.get(i));
                if (System.getProperty("fmt.dumpFailures") != null) {
                    java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("fmt.dumpFailures"),
                            "fail" + i + ".tf"), inputs.get(i));
                }
            }
        }
        System.out.printf("fmt generated differential: %d passed, %d failed%n",
                inputs.size() - failed.size(), failed.size());
        assertThat(failed).isEmpty();
    }

    private static String strip(String s) {
        return s.replace(" ", "").replace("\t", "");
    }

    @Provide
    Arbitrary<String> configs() {
        return body(0).map(b -> b);
    }

    private static Arbitrary<String> ws() {
        return Arbitraries.of("", " ", "  ", "\t", " \t ");
    }

    private static Arbitrary<String> name() {
        return Arbitraries.of("a", "bb", "long_name", "x1", "name-with-dash", "é");
    }

    private static Arbitrary<String> expr(int depth) {
        Arbitrary<String> leaf = Arbitraries.of("1", "2.5", "true", "null", "var.x", "local.y[0]",
                "\"str\"", "\"a${var.b}c\"", "\"%{if x}y%{endif}\"", "aws_instance.w[*].id");
        if (depth >= 2) {
            return leaf;
        }
        Arbitrary<String> sub = expr(depth + 1);
        return Arbitraries.oneOf(leaf,
                Combinators.combine(sub, ws(), Arbitraries.of("+", "-", "*", "==", "&&", "<="), ws(), sub)
                        .as((l, w1, op, w2, r) -> l + " " + w1 + op + w2 + r), // "x-" would lex as one identifier
                Combinators.combine(ws(), Arbitraries.of("-", "!"), sub).as((w, op, e) -> w + op + e),
                Combinators.combine(ws(), sub, ws(), sub, ws()).as((a, l, b, r, c) -> "[" + a + l + b + "," + c + r + "]"),
                Combinators.combine(ws(), sub, ws(), sub).as((a, l, b, r) -> "f(" + a + l + "," + b + r + ")"),
                Combinators.combine(ws(), name(), ws(), sub, ws()).as((a, k, b, v, c) -> "{" + a + k + b + "=" + c + v + " }"),
                Combinators.combine(ws(), sub, ws(), sub).as((a, l, b, r) -> "[\n" + a + l + ",\n" + b + r + "\n]"),
                Combinators.combine(sub, ws(), sub, ws(), sub).as((c, a, t, b, f) -> c + " ?" + a + t + " :" + b + f),
                Combinators.combine(ws(), sub).as((a, e) -> "[for v in var.l :" + a + e + "]"));
    }

    private static Arbitrary<String> comment() {
        return Arbitraries.of("", "", " # note", " // other", " /* inline */");
    }

    private static Arbitrary<String> attribute(int depth) {
        return Combinators.combine(ws(), name(), ws(), ws(), expr(depth), comment(), Arbitraries.of("\n", "\n\n", "\n\n\n"))
                .as((indent, n, w1, w2, e, c, nl) -> indent + n + w1 + "=" + w2 + e + c + nl);
    }

    private static Arbitrary<String> body(int depth) {
        Arbitrary<String> item = depth >= 2 ? attribute(depth)
                : Arbitraries.oneOf(attribute(depth), attribute(depth), block(depth + 1),
                        Arbitraries.of("# standalone\n", "\n", "/* block */\n"));
        return item.list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("", l));
    }

    private static Arbitrary<String> block(int depth) {
        return Combinators.combine(ws(), Arbitraries.of("resource \"a\" \"b\"", "locals", "dynamic \"d\"", "b"), ws(),
                        body(depth), ws())
                .as((w1, head, w2, inner, w3) -> w1 + head + w2 + "{\n" + inner + w3 + "}\n");
    }
}
