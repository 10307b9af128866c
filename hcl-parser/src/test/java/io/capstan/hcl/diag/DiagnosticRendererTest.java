package io.capstan.hcl.diag;

import io.capstan.hcl.body.AttributeSchema;
import io.capstan.hcl.body.BlockHeaderSchema;
import io.capstan.hcl.body.Block;
import io.capstan.hcl.body.BodySchema;
import io.capstan.hcl.body.File;
import io.capstan.hcl.parser.HclParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files for what users read: diagnostics rendered as Terraform does, framed and
 * coloured or plain. Run with {@code -Dgolden.update=true} to rewrite the files.
 */
class DiagnosticRendererTest {
    private static final Path GOLDEN = Path.of("src/test/resources/render");

    private static final String CONFIG = """
            resource "aws_instance" "web" {
              ami   = "ami-123"
              foo   = 1
              count = 2 +
            }

            locals {
              description = "x"
              description = "y"
            }
            """;

    private static Diagnostics diagnosticsFor(File f, Result<File> parsed) {
        Diagnostics all = new Diagnostics().addAll(parsed.diagnostics());
        BodySchema top = new BodySchema(List.of(), List.of(new BlockHeaderSchema("resource", "type", "name"),
                new BlockHeaderSchema("locals")));
        var content = f.body().content(top);
        all.addAll(content.diagnostics());
        for (Block b : content.value().blocks()) {
            if (b.type().equals("resource")) {
                BodySchema rs = new BodySchema(List.of(new AttributeSchema("ami", true), new AttributeSchema("count", false),
                        new AttributeSchema("instance_type", true)), List.of());
                all.addAll(b.body().content(rs).diagnostics());
            }
        }
        return all;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void rendersLikeTerraform(boolean color) throws IOException {
        Result<File> parsed = HclParser.parseConfig(CONFIG.getBytes(StandardCharsets.UTF_8), "main.tf");
        File f = parsed.value();
        Diagnostics diags = diagnosticsFor(f, parsed);
        String out = new DiagnosticRenderer(File.sources(List.of(f)), color, DiagnosticRenderer.DEFAULT_WIDTH)
                .renderAll(diags);
        golden(color ? "main-color.txt" : "main-plain.txt", out);
    }

    @Test
    void plainFormMatchesTerraformNoColorOutput() {
        // Recorded from terraform 1.11 validate -no-color for the same input.
        String src = "locals {\n  a = 1\n  a = 2\n}\n";
        Result<File> r = HclParser.parseConfig(src.getBytes(StandardCharsets.UTF_8), "main.tf");
        String out = new DiagnosticRenderer(File.sources(List.of(r.value())), false, 80).renderAll(r.diagnostics());
        assertThat(out).isEqualTo("""

                Error: Attribute redefined

                  on main.tf line 3, in locals:
                   3:   a = 2

                The argument "a" was already set at main.tf:2,3-4. Each argument may be set
                only once.
                """);
    }

    @Test
    void colourFormMatchesTerraformOutputByteForByte() {
        String src = "locals {\n  a = 1\n  a = 2\n}\n";
        Result<File> r = HclParser.parseConfig(src.getBytes(StandardCharsets.UTF_8), "main.tf");
        String out = new DiagnosticRenderer(File.sources(List.of(r.value())), true, 80).renderAll(r.diagnostics());
        String e = "\u001b[";
        assertThat(out).isEqualTo(
                e + "31m╷" + e + "0m" + e + "0m\n"
                        + e + "31m│" + e + "0m " + e + "0m" + e + "1m" + e + "31mError: " + e + "0m" + e + "0m" + e
                        + "1mAttribute redefined" + e + "0m\n"
                        + e + "31m│" + e + "0m " + e + "0m\n"
                        + e + "31m│" + e + "0m " + e + "0m" + e + "0m  on main.tf line 3, in locals:\n"
                        + e + "31m│" + e + "0m " + e + "0m   3:   " + e + "4ma" + e + "0m = 2" + e + "0m\n"
                        + e + "31m│" + e + "0m " + e + "0m\n"
                        + e + "31m│" + e + "0m " + e + "0mThe argument \"a\" was already set at main.tf:2,3-4. Each argument may be set\n"
                        + e + "31m│" + e + "0m " + e + "0monly once.\n"
                        + e + "31m╵" + e + "0m" + e + "0m\n");
    }

    @Test
    void diagnosticWithoutSourceSaysSo() {
        Diagnostic d = Diagnostic.error("Boom", "Something broke.", new SourceRange("gone.tf", new Pos(2, 1, 5), new Pos(2, 2, 6)));
        String out = new DiagnosticRenderer(File.sources(List.of()), false, 80).render(d);
        assertThat(out).isEqualTo("\nError: Boom\n\n  on gone.tf line 2:\n  (source code not available)\n\nSomething broke.\n");
    }

    static void golden(String name, String actual) throws IOException {
        Path p = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update") || !Files.exists(p)) {
            Files.writeString(p, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(p, StandardCharsets.UTF_8));
    }

    @Test
    void consolidatesSameSummaryWarningsAsTerraform() {
        SourceRange at = new SourceRange("main.tf", new Pos(2, 1, 5), new Pos(2, 2, 6));
        Diagnostic w1 = Diagnostic.warning("Argument is deprecated", "Use domain.", at);
        Diagnostic w2 = Diagnostic.warning("Argument is deprecated", "Other detail.", at);
        Diagnostic w3 = Diagnostic.warning("Argument is deprecated", "Third.", at);
        Diagnostic other = Diagnostic.warning("Another warning", "", at);
        Diagnostic other2 = Diagnostic.warning("Another warning", "", at);
        Diagnostic noSubject = Diagnostic.warning("Argument is deprecated", "No location.", null);
        Diagnostic err1 = Diagnostic.error("Argument is deprecated", "An error.", at);
        // check blocks' warnings (assertions, nested data sources' reads) stand apart, as terraform's
        Diagnostic check1 = Diagnostic.warning("Check block assertion failed", "one", at).warningApart();
        Diagnostic check2 = Diagnostic.warning("Check block assertion failed", "two", at).warningApart();
        Diagnostic read1 = Diagnostic.error("Read local file data source error", "a", at).warningApart();
        Diagnostic read2 = Diagnostic.error("Read local file data source error", "b", at).warningApart()
                .withValues(List.of());
        List<Diagnostic> out = DiagnosticRenderer.consolidateWarnings(
                List.of(w1, other, err1, read1, w2, noSubject, check1, w3, check2, read2, other2));
        assertThat(out).extracting(Diagnostic::detail).containsExactly(
                "Use domain.\n\n(and 2 more similar warnings elsewhere)",
                "(and one more similar warning elsewhere)",
                "An error.", "a", "No location.", "one", "two", "b");
        assertThat(read2.isError()).isFalse();
        assertThat(DiagnosticRenderer.consolidateWarnings(List.of(w1))).containsExactly(w1);
    }
}
