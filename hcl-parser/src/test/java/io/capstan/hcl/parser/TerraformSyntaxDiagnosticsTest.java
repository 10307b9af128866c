package io.capstan.hcl.parser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Pos;
import io.capstan.hcl.diag.Result;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Syntax errors reported exactly as Terraform 1.11.4 reports them: every folder under
 * {@code syntax-diagnostics/} holds a {@code main.tf} and the diagnostics
 * {@code terraform validate -json} gave for it ({@code expected.json}: severity, summary,
 * detail and range, in Terraform's order). Parsing must give the same list.
 */
class TerraformSyntaxDiagnosticsTest {
    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(TerraformSyntaxDiagnosticsTest.class.getResource("/syntax-diagnostics").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameDiagnosticsAsTerraform(Path dir) throws IOException {
        Result<File> r = HclParser.parseConfig(Files.readAllBytes(dir.resolve("main.tf")), "main.tf");
        List<String> actual = new ArrayList<>();
        for (Diagnostic d : r.diagnostics()) {
            actual.add(describe(d.isError() ? "error" : "warning", d.summary(), d.detail(), d.subject().start(),
                    d.subject().end()));
        }
        List<String> expected = new ArrayList<>();
        for (JsonNode d : new ObjectMapper().readTree(dir.resolve("expected.json").toFile())) {
            JsonNode range = d.get("range");
            expected.add(describe(d.get("severity").asText(), d.get("summary").asText(), d.get("detail").asText(),
                    pos(range.get("start")), pos(range.get("end"))));
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static Pos pos(JsonNode p) {
        return new Pos(p.get("line").asInt(), p.get("column").asInt(), p.get("byte").asInt());
    }

    private static String describe(String severity, String summary, String detail, Pos start, Pos end) {
        return severity + ": " + summary + " @ " + start.line() + ":" + start.column() + "(" + start.byteOffset()
                + ")-" + end.line() + ":" + end.column() + "(" + end.byteOffset() + ")\n  " + detail;
    }
}
