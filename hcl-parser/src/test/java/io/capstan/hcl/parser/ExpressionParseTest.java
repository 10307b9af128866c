package io.capstan.hcl.parser;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every expression construct of the native syntax, parsed to its hclsyntax-shaped AST. */
class ExpressionParseTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '^', quoteCharacter = '`', textBlock = """
            # numbers in all forms
            42                          ^ 42
            3.14159                     ^ 3.14159
            1e3                         ^ 1000
            2.5E-2                      ^ 0.025
            # keywords
            true                        ^ true
            null                        ^ null
            # precedence: * over +, comparison over equality over && over ||
            1 + 2 * 3                   ^ (+ 1 (* 2 3))
            1 * 2 + 3                   ^ (+ (* 1 2) 3)
            a - b - c                   ^ (- (- a b) c)
            a || b && c == d < e + f    ^ (|| a (&& b (== c (< d (+ e f)))))
            -a * b                      ^ (* (- a) b)
            !a.b                        ^ (! a.b)
            --1                         ^ (- (- 1))
            a ? b : c ? d : e           ^ (? a b (? c d e))
            (1 + 2) * 3                 ^ (* (paren (+ 1 2)) 3)
            # traversals
            var.a.b                     ^ var.a.b
            var.list[0]                 ^ var.list[0]
            var.map["k"]                ^ var.map["k"]
            a.0.1                       ^ a[0][1]
            a[b]                        ^ (index a b)
            a[b].c                      ^ (rel (index a b) .c)
            f(x).y[1]                   ^ (rel (call f x) .y[1])
            [1, 2][0]                   ^ (rel [1 2] [0])
            # splats
            a[*].b                      ^ (splat a (rel _ .b))
            a[*].b[0]                   ^ (splat a (rel _ .b[0]))
            a.*.b                       ^ (splat a (rel _ .b))
            a.*.b[0]                    ^ (rel (splat a (rel _ .b)) [0])
            a[*]                        ^ (splat a _)
            # function calls
            f()                         ^ (call f)
            upper("x")                  ^ (call upper (template "x"))
            concat(a, b...)             ^ (call concat a b ...)
            max(1, 2,)                  ^ (call max 1 2)
            provider::aws::arn(x)       ^ (call provider::aws::arn x)
            # collections
            []                          ^ []
            [1, "a", b]                 ^ [1 (template "a") b]
            {}                          ^ {}
            {a = 1, b: 2}               ^ {"a"=1 "b"=2}
            {"k" = v}                   ^ {(template "k")=v}
            {(k) = v}                   ^ {(paren k)=v}
            {a.b = 1}                   ^ {a.b=1}
            # for expressions
            [for x in xs : x * 2]       ^ (for x xs (* x 2))
            [for i, x in xs : x if i > 0]  ^ (for i,x xs x if (> i 0))
            {for k, v in m : k => v}    ^ (for k,v m k => v)
            {for k, v in m : v => k...} ^ (for k,v m v => k ...)
            # templates
            "hello"                     ^ (template "hello")
            "a${b}c"                    ^ (template "a" b "c")
            "${x}"                      ^ (wrap x)
            "esc \\n \\" \\u00e9 \\U0001F600" ^ `(template "esc \n \" é 😀")`
            "$${x} %%{y}"               ^ (template "${x} %{y}")
            "a ${~ b ~} c"              ^ (template "a" b "c")
            "%{if c}y%{else}n%{endif}"  ^ (template (? c (template "y") (template "n")))
            "%{for x in xs}${x},%{endfor}" ^ (template (join (for x xs (template x ","))))
            """)
    void parses(String src, String expected) {
        Result<Expression> r = HclParser.parseExpression(src, "test.hcl");
        assertThat(r.diagnostics().asList()).isEmpty();
        assertThat(AstDump.dump(r.value())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            x = <<EOT\\nhello\\n  ${name}\\nEOT\\n             | (heredoc "hello\\n  " name "\\n")
            x = <<-EOT\\n    a\\n      b\\n    EOT\\n       | (heredoc "a\\n  b\\n")
            x = <<-EOT\\n    a\\n\\n    b\\n  EOT\\n         | (heredoc "a\\n\\nb\\n")
            x = [\\n  1,\\n  2\\n]\\n                          | [1 2]
            x = {\\n  a = 1\\n  b = 2\\n}\\n                   | {"a"=1 "b"=2}
            x = {\\n  for k, v in m :\\n  k => v\\n}\\n        | (for k,v m k => v)
            x = f(\\n a,\\n b\\n)\\n                         | (call f a b)
            x = a /* c */ + # c\\n 0\\n                       | Invalid expression
            """)
    void parsesMultiLineAttribute(String src, String expected) {
        String text = src.replace("\\n", "\n");
        var r = HclParser.parseConfig(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "t.tf");
        if (r.hasErrors()) {
            assertThat(r.diagnostics().asList().get(0).summary()).isEqualTo(expected);
            return;
        }
        var body = (io.capstan.hcl.body.SyntaxBody) r.value().body();
        assertThat(AstDump.dump(body.attribute("x").expr())).isEqualTo(expected.replace("\\n", "\n"));
    }
}
