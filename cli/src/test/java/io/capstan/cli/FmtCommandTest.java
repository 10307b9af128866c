package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code capstan fmt} through {@link Main#run}: flags, the listing of changed files, the
 * diff, writing, stdin, and Terraform's exit codes (0, 2 for errors, 3 for -check).
 * Files live under {@code target/} so the reported paths are relative to the working
 * directory, as Terraform reports them.
 */
class FmtCommandTest {
    private static final String MESSY = "a=1\nbbb = 2\n";
    private static final String TIDY = "a   = 1\nbbb = 2\n";

    private Path dir;
    private String rel;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target"), "fmt-cli");
        rel = dir.toString();
    }

    @AfterEach
    void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private int runWithStdin(String input, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    @Test
    void rewritesFilesInPlaceAndListsThem() throws IOException {
        Path a = file("a.tf", MESSY);
        file("b.tf", TIDY);
        assertThat(run("fmt", rel)).isZero();
        assertThat(out.toString()).isEqualTo(rel + "/a.tf\n");
        assertThat(Files.readString(a)).isEqualTo(TIDY);
    }

    @Test
    void checkExitsThreeAndDoesNotWrite() throws IOException {
        Path a = file("a.tf", MESSY);
        assertThat(run("fmt", "-check", rel)).isEqualTo(3);
        assertThat(out.toString()).isEqualTo(rel + "/a.tf\n");
        assertThat(Files.readString(a)).isEqualTo(MESSY);
    }

    @Test
    void checkOnFormattedFilesExitsZeroSilently() throws IOException {
        file("a.tf", TIDY);
        assertThat(run("fmt", "-check", rel)).isZero();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void listFalseSilencesTheListing() throws IOException {
        file("a.tf", MESSY);
        assertThat(run("fmt", "-check", "-list=false", rel)).isEqualTo(3);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void writeFalseWithDiffPrintsAUnifiedDiff() throws IOException {
        Path a = file("a.tf", MESSY);
        assertThat(run("fmt", "-write=false", "-diff", rel + "/a.tf")).isZero();
        assertThat(out.toString()).isEqualTo(rel + "/a.tf\n"
                + "--- old/" + rel + "/a.tf\n+++ new/" + rel + "/a.tf\n"
                + "@@ -1,2 +1,2 @@\n-a=1\n+a   = 1\n bbb = 2\n");
        assertThat(Files.readString(a)).isEqualTo(MESSY);
    }

    @Test
    void diffMarksAMissingFinalNewline() throws IOException {
        file("a.tf", "a=1");
        assertThat(run("fmt", "-list=false", "-write=false", "-diff", rel)).isZero();
        assertThat(out.toString()).endsWith("@@ -1 +1 @@\n-a=1\n\\ No newline at end of file\n+a = 1\n\\ No newline at end of file\n");
    }

    @Test
    void listAndWriteFalsePrintsTheFormattedText() throws IOException {
        file("a.tf", MESSY);
        assertThat(run("fmt", "-list=false", "-write=false", rel + "/a.tf")).isZero();
        assertThat(out.toString()).isEqualTo(TIDY);
    }

    @Test
    void recursiveDescendsAndSkipsHiddenAndBackupFiles() throws IOException {
        file("a.tf", MESSY);
        file("sub/b.tfvars", "x=1\n");
        file("sub/deeper/c.tftest.hcl", "x=1\n");
        file("sub/.hidden.tf", "x=1\n");
        file("sub/d.tf~", "x=1\n");
        file("sub/e.tf.json", "{}\n");
        assertThat(run("fmt", "-check", rel)).isEqualTo(3);
        assertThat(out.toString()).isEqualTo(rel + "/a.tf\n");
        out.getBuffer().setLength(0);
        assertThat(run("fmt", "-check", "-recursive", rel)).isEqualTo(3);
        assertThat(out.toString()).isEqualTo(rel + "/a.tf\n" + rel + "/sub/b.tfvars\n" + rel + "/sub/deeper/c.tftest.hcl\n");
    }

    @Test
    void stdinIsFormattedToStdout() {
        assertThat(runWithStdin("a=1\nbbb=2", "fmt", "-")).isZero();
        assertThat(out.toString()).isEqualTo(TIDY);
    }

    @Test
    void stdinCheckExitsThreeWithoutOutput() {
        assertThat(runWithStdin(MESSY, "fmt", "-check", "-")).isEqualTo(3);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void stdinDiffIsLabelledStdin() {
        assertThat(runWithStdin("a=1\n", "fmt", "-diff", "-")).isZero();
        assertThat(out.toString()).isEqualTo("--- old/<stdin>\n+++ new/<stdin>\n@@ -1 +1 @@\n-a=1\n+a = 1\n");
    }

    @Test
    void invalidSyntaxPrintsDiagnosticsExitsTwoAndLeavesTheFile() throws IOException {
        Path bad = file("bad.tf", "a = {\n");
        assertThat(run("fmt", "-no-color", rel + "/bad.tf")).isEqualTo(2);
        assertThat(err.toString()).startsWith("\nError: ").contains("on " + rel + "/bad.tf line ");
        assertThat(Files.readString(bad)).isEqualTo("a = {\n");
    }

    @Test
    void checkWithAnInvalidFileExitsTwoWithoutListing() throws IOException {
        file("a.tf", MESSY);
        file("bad.tf", "resource \"x\" \"y\" {\n");
        assertThat(run("fmt", "-no-color", "-check", rel)).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("Error: Unclosed configuration block");
    }

    @Test
    void missingTargetIsAnError() {
        assertThat(run("fmt", "-no-color", rel + "/nope.tf")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("\nError: No file or directory at " + rel + "/nope.tf\n\n\n");
    }

    @Test
    void unsupportedExtensionIsAnError() throws IOException {
        file("x.json", "{}");
        assertThat(run("fmt", rel + "/x.json")).isEqualTo(2);
        assertThat(err.toString()).contains("Only .tf, .tfvars, and .tftest.hcl files can be processed");
    }

    @Test
    void crlfFilesKeepTheirLineEndings() throws IOException {
        Path a = file("a.tf", "a=1\r\nbbb = 2\r\n");
        assertThat(run("fmt", rel)).isZero();
        assertThat(Files.readString(a)).isEqualTo("a   = 1\r\nbbb = 2\r\n");
    }

    @Test
    void fmtIsListedInTheTopLevelHelp() {
        assertThat(run("-help")).isZero();
        assertThat(out.toString()).contains("fmt").contains("Reformat your configuration in the standard style");
    }
}
