package io.capstan.graph.validate;

import io.capstan.hcl.diag.Diagnostic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One fixture per block type and per error the decoder, graph and validate walk report. A line
 * ending in {@code # ERROR: <summary>} must get exactly that error, on that line (a marker on a
 * line of its own, for errors without a source location, matches by summary only); a fixture
 * without markers must validate cleanly.
 */
class DecodeFixturesTest {
    private static final Pattern MARK = Pattern.compile("#\\s*ERROR:\\s*(.+?)\\s*$");

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/decode"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tf")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void errorsMatchMarkers(String name) throws IOException {
        Path src = Path.of("src/test/resources/decode", name);
        Path dir = Files.createTempDirectory("decode");
        Files.copy(src, dir.resolve("main.tf"));
        List<String> want = new ArrayList<>();
        List<String> lines = Files.readAllLines(src);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARK.matcher(lines.get(i));
            if (m.find()) {
                boolean alone = lines.get(i).trim().startsWith("#");
                want.add((alone ? "-" : String.valueOf(i + 1)) + ": " + m.group(1));
            }
        }
        List<String> got = new ArrayList<>();
        for (Diagnostic d : Validation.validate(dir).diagnostics()) {
            if (d.isError()) {
                got.add((d.subject() == null ? "-" : String.valueOf(d.subject().start().line())) + ": " + d.summary());
            }
        }
        assertThat(got).as(name).containsExactlyInAnyOrderElementsOf(want);
    }
}
