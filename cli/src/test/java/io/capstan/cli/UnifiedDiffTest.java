package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The built-in unified diff (used when no {@code diff} program exists) against known GNU diff -u output. */
class UnifiedDiffTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("one changed line", "a=1\nb = 2\n", "a = 1\nb = 2\n",
                        "@@ -1,2 +1,2 @@\n-a=1\n+a = 1\n b = 2\n"),
                Arguments.of("missing final newline", "a=1", "a = 1",
                        "@@ -1 +1 @@\n-a=1\n\\ No newline at end of file\n+a = 1\n\\ No newline at end of file\n"),
                Arguments.of("two hunks far apart", "x\n1\n2\n3\n4\n5\n6\n7\n8\ny\n", "X\n1\n2\n3\n4\n5\n6\n7\n8\nY\n",
                        "@@ -1,4 +1,4 @@\n-x\n+X\n 1\n 2\n 3\n@@ -7,4 +7,4 @@\n 6\n 7\n 8\n-y\n+Y\n"),
                Arguments.of("close changes share a hunk", "x\n1\n2\n3\n4\ny\n", "X\n1\n2\n3\n4\nY\n",
                        "@@ -1,6 +1,6 @@\n-x\n+X\n 1\n 2\n 3\n 4\n-y\n+Y\n"),
                Arguments.of("pure insertion", "a\nb\n", "a\nnew\nb\n", "@@ -1,2 +1,3 @@\n a\n+new\n b\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGnuDiff(String name, String oldText, String newText, String hunks) {
        String header = "--- old/f.tf\n+++ new/f.tf\n";
        assertThat(UnifiedDiff.builtinDiff(oldText, newText, "old/f.tf", "new/f.tf")).isEqualTo(header + hunks);
        String system = UnifiedDiff.systemDiff(oldText, newText, "old/f.tf", "new/f.tf");
        if (system != null) {
            assertThat(system).isEqualTo(header + hunks);
        }
    }
}
