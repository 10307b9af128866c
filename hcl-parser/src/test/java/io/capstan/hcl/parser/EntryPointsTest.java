package io.capstan.hcl.parser;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.TemplateExpr;
import io.capstan.hcl.body.File;
import io.capstan.hcl.body.SyntaxBody;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** parseExpression / parseTemplate / parseTraversal and ranges of whole-file parses. */
class EntryPointsTest {

    @Test
    void bareTemplateKeepsQuotesAndNewlinesLiterally() {
        Result<Expression> r = HclParser.parseTemplate("Hello \"${name}\"!\n%{ for x in xs ~}\n- ${x}\n%{ endfor ~}\n",
                "t.tmpl");
        assertThat(r.diagnostics().asList()).isEmpty();
        assertThat(AstDump.dump(r.value()))
                .isEqualTo("(template \"Hello \"\" name \"\"!\n\" (join (for x xs (template \"- \" x \"\n\"))))");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1 +               | Missing expression              | 1:4
            [1, 2             | Missing item separator          | 1:6
            "abc              | Unterminated template string    | 1:5
            a b               | Invalid expression              | 1:3
            """)
    void expressionErrors(String src, String summary, String at) {
        Result<Expression> r = HclParser.parseExpression(src, "expr");
        assertThat(r.value()).isNull();
        Diagnostic d = r.diagnostics().asList().get(0);
        assertThat(r.diagnostics().size()).isEqualTo(1);
        assertThat(d.summary()).isEqualTo(summary);
        assertThat(d.subject().start().line() + ":" + d.subject().start().column()).isEqualTo(at);
    }

    @Test
    void unterminatedHeredocIsOneDiagnostic() {
        Result<File> r = HclParser.parseConfig("a = <<EOT\nfoo\nb = 1\n".getBytes(StandardCharsets.UTF_8), "m.tf");
        assertThat(r.diagnostics().asList()).extracting(Diagnostic::summary).containsExactly("Unterminated template string");
    }

    @Test
    void rangesCountColumnsInCharactersAndOffsetsInBytes() {
        byte[] src = "# é\nnäme = \"ü\"\n".getBytes(StandardCharsets.UTF_8);
        Result<File> r = HclParser.parseConfig(src, "m.tf");
        var attr = ((SyntaxBody) r.value().body()).attributes().get(0);
        assertThat(attr.nameRange().start()).hasToString("2:1,5");
        assertThat(attr.nameRange().end()).hasToString("2:5,10");
        TemplateExpr t = (TemplateExpr) attr.expr();
        assertThat(t.range().start()).hasToString("2:8,13");
        assertThat(t.range().end()).hasToString("2:11,17");
    }

    @Test
    void oneLineBlocksAndNestedBlocks() {
        String src = "a { b = 1 }\nc \"x\" y {\n  d {}\n  e {\n    f = [1,\n      2]\n  }\n}\n";
        Result<File> r = HclParser.parseConfig(src.getBytes(StandardCharsets.UTF_8), "m.tf");
        assertThat(r.diagnostics().asList()).isEmpty();
        SyntaxBody body = (SyntaxBody) r.value().body();
        assertThat(body.blocks()).hasSize(2);
        assertThat(body.blocks().get(1).labels()).containsExactly("x", "y");
        SyntaxBody c = (SyntaxBody) body.blocks().get(1).body();
        assertThat(c.blocks()).extracting(b -> b.type()).containsExactly("d", "e");
        assertThat(r.value().contextString(src.indexOf("f ="))).isEqualTo("c \"x\" \"y\"");
    }
}
