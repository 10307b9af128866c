package io.capstan.hcl.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Pos;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.ast.Traversal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Traversals parsed from strings as HCL's native syntax parses them, each case's expected result
 * and error (summary and the columns/bytes it covers) as terraform 1.11.4 reported them for a
 * quoted reference whose text starts at column 10, byte 9 of line 1.
 */
class TraversalParserTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "aws_instance.a[0].id|aws_instance.a[0].id|",
            "a.b[\"k\"].c|a.b[\"k\"].c|",
            "' input'|input|",
            "nope nope|nope|Invalid character@15-19/14-18",
            "a.b[|a.b|Index value required@14-15/13-14",
            "input[0|input[0]|Unclosed index brackets@17-18/16-17",
            "1abc||Variable name required@10-11/9-10",
            "''||Variable name required@10-11/9-10",
            "input.\"x\"|input|Attribute name required@16-17/15-16",
            "input.*|input|Attribute name required@16-17/15-16",
            "input[*]|input|Attribute name required@16-17/15-16",
            "a==b|a|Invalid character@11-13/10-12",
            "a[1.5e]|a[1.5]|Unclosed index brackets@15-16/14-15",
            "a[\"x|a[\"x\"]|Unterminated string literal@14-15/13-14,Unclosed index brackets@14-15/13-14",
            "é.ü x|é.ü|Invalid character@14-15/15-16"})
    void parsesAsHcl(String src, String traversal, String errors) {
        Result<Traversal> r = TraversalParser.parse(src, "main.tf", new Pos(1, 10, 9));
        assertThat(r.value() == null ? null : r.value().toString()).isEqualTo(traversal);
        List<String> got = new ArrayList<>();
        for (Diagnostic d : r.diagnostics()) {
            got.add(d.summary() + "@" + d.subject().start().column() + "-" + d.subject().end().column() + "/"
                    + d.subject().start().byteOffset() + "-" + d.subject().end().byteOffset());
        }
        assertThat(String.join(",", got)).isEqualTo(errors == null ? "" : errors);
    }
}
