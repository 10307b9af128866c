package io.capstan.hcl.json;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.Exprs;
import io.capstan.hcl.ast.JsonExpression;
import io.capstan.hcl.ast.JsonValue;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON syntax: exact ranges, syntax errors as diagnostics, strings as templates. */
class JsonParserTest {

    private static Result<File> parse(String s) {
        return JsonParser.parse(s.getBytes(StandardCharsets.UTF_8), "main.tf.json");
    }

    @Test
    void rangesAreExact() {
        Result<File> r = parse("{\n  \"name\": \"ü${var.x}\",\n  \"n\": 1.50\n}");
        Map<String, Attribute> attrs = r.value().body().justAttributes().value();
        Attribute name = attrs.get("name");
        assertThat(name.nameRange().toString()).isEqualTo("main.tf.json:2,3-9");
        assertThat(name.expr().range().start().byteOffset()).isEqualTo(12);
        assertThat(name.expr().range().end().byteOffset()).isEqualTo(24);
        assertThat(((JsonValue.Num) ((JsonExpression) attrs.get("n").expr()).value()).value()).isEqualByComparingTo("1.5");
        assertThat(name.expr().variables()).extracting(Object::toString).containsExactly("var.x");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"a": }        | Invalid JSON syntax     | 1:7
            [1, 2]         | Root value must be object | 1:1
            {"a": 1} x     | Invalid JSON syntax     | 1:10
            ''             | Empty JSON value        | 1:1
            """)
    void syntaxErrorsAreDiagnostics(String src, String summary, String at) {
        Result<File> r = parse(src);
        assertThat(r.diagnostics().size()).isEqualTo(1);
        var d = r.diagnostics().asList().get(0);
        assertThat(d.summary()).isEqualTo(summary);
        assertThat(d.subject().start().line() + ":" + d.subject().start().column()).isEqualTo(at);
        assertThat(r.value()).isNotNull();
    }

    @Test
    void staticAnalysesWorkOnJson() {
        Result<File> r = parse("{\"depends_on\": [\"aws_instance.a\", \"module.b\"], \"ignore\": \"all\", \"tags\": {\"k\": \"v\"}}");
        Map<String, Attribute> attrs = r.value().body().justAttributes().value();
        var list = Exprs.exprList(attrs.get("depends_on").expr());
        assertThat(list.value()).hasSize(2);
        assertThat(Exprs.absTraversalForExpr(list.value().get(0)).value().toString()).isEqualTo("aws_instance.a");
        assertThat(Exprs.exprAsKeyword(attrs.get("ignore").expr())).isEqualTo("all");
        assertThat(Exprs.exprMap(attrs.get("tags").expr()).value()).hasSize(1);
        Expression notList = attrs.get("ignore").expr();
        assertThat(Exprs.exprList(notList).diagnostics().asList().get(0).summary()).isEqualTo("Invalid expression");
    }
}
