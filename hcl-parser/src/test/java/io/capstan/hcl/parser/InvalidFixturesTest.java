package io.capstan.hcl.parser;

import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fixture under {@code invalid/} marks each bad line with {@code # ERROR: <summary>};
 * parsing must give exactly those diagnostics, one per marker, on those lines, in order.
 */
class InvalidFixturesTest {

    static Stream<Path> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(InvalidFixturesTest.class.getResource("/invalid").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".tf")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reportsExactlyTheMarkedErrors(Path fixture) throws IOException {
        byte[] src = Files.readAllBytes(fixture);
        List<String> expected = new ArrayList<>();
        String[] lines = new String(src, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].indexOf("# ERROR: ");
            if (at >= 0) {
                expected.add((i + 1) + ": " + lines[i].substring(at + 9).trim());
            }
        }
        assertThat(expected).as("fixture has markers").isNotEmpty();

        Result<File> r = HclParser.parseConfig(src, fixture.getFileName().toString());
        List<String> actual = new ArrayList<>();
        for (Diagnostic d : r.diagnostics()) {
            actual.add(d.subject().start().line() + ": " + d.summary());
            assertThat(d.subject().start().byteOffset()).isBetween(0, src.length);
            assertThat(d.subject().end().byteOffset()).isBetween(d.subject().start().byteOffset(), src.length);
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(r.value()).isNotNull();
    }
}
