package io.capstan.hcl.fmt;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Result;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Single rules of the layout, each a before/after pair taken from {@code terraform fmt}
 * 1.11.4, and invalid inputs that must be refused (left unchanged, with an error on the
 * right line) rather than reformatted.
 */
class FmtBehaviourTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("aligns equals in a run", "a=1\nbbb=2\n", "a   = 1\nbbb = 2\n"),
                Arguments.of("blank line breaks the run", "a=1\n\nbbb=2\n", "a = 1\n\nbbb = 2\n"),
                Arguments.of("multi-line value breaks the run", "a=[\n1]\nbbb=2\n", "a = [\n1]\nbbb = 2\n"),
                Arguments.of("indents by bracket depth", "b {\nc {\nd = 1\n}\n}\n", "b {\n  c {\n    d = 1\n  }\n}\n"),
                Arguments.of("aligns trailing comments", "a = 1 # x\nbbb = 22 # y\n", "a   = 1  # x\nbbb = 22 # y\n"),
                Arguments.of("unary minus hugs", "a = 1- -2\n", "a = 1 - -2\n"),
                Arguments.of("not hugs", "a = ! x\n", "a = !x\n"),
                Arguments.of("no spaces inside brackets", "a = f( [ 1 , 2 ] )\n", "a = f([1, 2])\n"),
                Arguments.of("spaces inside braces", "a = {b=1}\n", "a = { b = 1 }\n"),
                Arguments.of("empty braces", "b { }\n", "b {}\n"),
                Arguments.of("template directives tightened", "a = \"%{ if x }y%{ endif }\"\n", "a = \"%{if x}y%{endif}\"\n"),
                Arguments.of("interpolation-only string unwrapped", "a = \"${ var.x }\"\n", "a = var.x\n"),
                Arguments.of("multi-line unwrapped value gets parentheses", "a = \"${x\n? 1 : 2}\"\n", "a = (x\n? 1 : 2)\n"),
                Arguments.of("legacy quoted type", "variable \"v\" {\ntype = \"string\"\n}\n", "variable \"v\" {\n  type = string\n}\n"),
                Arguments.of("bare collection type", "variable \"v\" {\ntype = map\n}\n", "variable \"v\" {\n  type = map(any)\n}\n"),
                Arguments.of("labels quoted, comments between them dropped", "r /*c*/ a b {}\n", "r \"a\" \"b\" {}\n"),
                Arguments.of("label escapes normalised", "r \"\\u0041\" {}\n", "r \"A\" {}\n"),
                Arguments.of("heredoc body untouched", "a = <<EOT\n  x  =  1  \nEOT\n", "a = <<EOT\n  x  =  1  \nEOT\n"),
                Arguments.of("trailing spaces removed, CRLF kept", "a = 1   \r\n", "a = 1\r\n"),
                Arguments.of("blank lines kept", "a = 1\n\n\n\nb = 2\n", "a = 1\n\n\n\nb = 2\n"),
                Arguments.of("no final newline added", "a=1", "a = 1"),
                Arguments.of("tabs become spaces", "b {\n\ta\t=\t1\n}\n", "b {\n  a = 1\n}\n"),
                Arguments.of("wide characters counted as one column", "é=1\nab=2\n", "é  = 1\nab = 2\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void formatsLikeTerraform(String name, String input, String expected) {
        Result<String> r = HclFormatter.format(input, "t.tf");
        assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
        assertThat(r.value()).isEqualTo(expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("a = {\n", 2, "Missing expression"),
                Arguments.of("a = { b = 1", 1, "Unterminated object constructor expression"),
                Arguments.of("resource \"a\" \"b\" {\n  x = 1\n", 1, "Unclosed configuration block"),
                Arguments.of("a = 1 2\n", 1, "Missing newline after argument"),
                Arguments.of("locals {a = 1\n}\n", 1, "Invalid single-argument block definition"),
                Arguments.of("a = \"x\\q\"\n", 1, "Invalid escape sequence"),
                Arguments.of("a = 'x'\n", 1, "Invalid character"),
                Arguments.of("a = \"unterminated\nb = 1\n", 1, "Invalid multi-line string"),
                Arguments.of("a = x ?\n  b : c\n", 1, "Invalid expression"),
                Arguments.of("a = \"%{ if x }y\"\n", 1, "Unexpected end of template"),
                Arguments.of("= 1\n", 1, "Argument or block definition required"),
                Arguments.of("a = [1 2]\n", 1, "Missing item separator"),
                Arguments.of("a = <<EOT\nfoo\n", 3, "Unterminated template string"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalid")
    void refusesInvalidSyntax(String input, int line, String summary) {
        Result<String> r = HclFormatter.format(input, "bad.tf");
        assertThat(r.hasErrors()).isTrue();
        Diagnostic d = r.diagnostics().asList().get(0);
        assertThat(d.summary()).isEqualTo(summary);
        assertThat(d.subject().filename()).isEqualTo("bad.tf");
        assertThat(d.subject().start().line()).isEqualTo(line);
        assertThat(r.value()).isEqualTo(input);
    }
}
