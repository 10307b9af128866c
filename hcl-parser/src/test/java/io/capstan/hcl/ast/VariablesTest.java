package io.capstan.hcl.ast;

import io.capstan.hcl.diag.Result;
import io.capstan.hcl.parser.HclParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** References found without evaluation: what the resource graph is built from. */
class VariablesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '^', textBlock = """
            var.a + local.b                                 ^ var.a local.b
            aws_instance.web[count.index].id                ^ aws_instance.web count.index
            aws_instance.web[0].id                          ^ aws_instance.web[0].id
            aws_instance.web[*].id                          ^ aws_instance.web
            module.m.out.*.x                                ^ module.m.out
            [for x in var.xs : x.id if x.on]                ^ var.xs
            {for k, v in var.m : k => v if local.keep[k]}   ^ var.m local.keep
            {a = var.a, (local.k) = 1}                      ^ var.a local.k
            "${upper(var.name)}-%{for s in local.ss}${s}%{endfor}" ^ var.name local.ss
            [for x in x : x]                                ^ x
            f(g(path.module), each.key, count.index)        ^ path.module each.key count.index
            true ? null : self.a                            ^ self.a
            """)
    void variables(String src, String expected) {
        Result<Expression> r = HclParser.parseExpression(src, "t.tf");
        assertThat(r.diagnostics().asList()).isEmpty();
        assertThat(r.value().variables().stream().map(Traversal::toString).collect(Collectors.joining(" ")))
                .isEqualTo(expected);
    }

    @Test
    void staticAnalyses() {
        Expression deps = HclParser.parseExpression("[aws_instance.a, module.b.c]", "t.tf").value();
        var items = Exprs.exprList(deps).value();
        assertThat(items).extracting(e -> Exprs.absTraversalForExpr(e).value().toString())
                .containsExactly("aws_instance.a", "module.b.c");
        assertThat(Exprs.exprAsKeyword(HclParser.parseExpression("all", "t.tf").value())).isEqualTo("all");
        assertThat(Exprs.exprAsKeyword(HclParser.parseExpression("a.b", "t.tf").value())).isNull();
        var bad = Exprs.absTraversalForExpr(HclParser.parseExpression("f(x)", "t.tf").value());
        assertThat(bad.diagnostics().asList().get(0).summary()).isEqualTo("Invalid expression");
        assertThat(Exprs.exprMap(HclParser.parseExpression("{a = 1, b = 2}", "t.tf").value()).value()).hasSize(2);
        Result<Traversal> t = HclParser.parseTraversal("aws_instance.web[0][\"k\"].id", "cli");
        assertThat(t.value().toString()).isEqualTo("aws_instance.web[0][\"k\"].id");
    }
}
