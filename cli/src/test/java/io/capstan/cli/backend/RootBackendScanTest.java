package io.capstan.cli.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding the root module's backend block parses only the files that contain the word "backend" (a block of
 * that type cannot be written without it); which block is found is unchanged: the last override file's, else
 * the first one.
 */
class RootBackendScanTest {
    @TempDir
    Path dir;

    private static boolean mentions(String s) {
        return CurrentBackend.mentionsBackend(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theWordAnywhere() {
        assertThat(mentions("terraform {\n  backend \"s3\" {}\n}\n")).isTrue();
        assertThat(mentions("backend")).isTrue();
        assertThat(mentions("# a comment about backends")).isTrue();
        assertThat(mentions("")).isFalse();
        assertThat(mentions("backen")).isFalse();
        assertThat(mentions("Backend \"s3\"")).isFalse();
        assertThat(mentions("resource \"terraform_data\" \"a\" {}\n")).isFalse();
    }

    @Test
    void findsTheBlockAmongFilesWithout() throws Exception {
        Files.writeString(dir.resolve("a.tf"), "resource \"terraform_data\" \"a\" {}\n");
        Files.writeString(dir.resolve("b.tf"), "terraform {\n  backend \"local\" {\n    path = \"x.tfstate\"\n  }\n}\n");
        Files.writeString(dir.resolve("c.tf"), "this is { not HCL\n");
        assertThat(CurrentBackend.rootBackendBlock(dir)).hasValueSatisfying(b -> assertThat(b.type()).isEqualTo("local"));
    }

    @Test
    void overrideFileWins() throws Exception {
        Files.writeString(dir.resolve("main.tf"), "terraform {\n  backend \"local\" {}\n}\n");
        Files.writeString(dir.resolve("z_override.tf"), "terraform {\n  backend \"http\" {}\n}\n");
        assertThat(CurrentBackend.rootBackendBlock(dir)).hasValueSatisfying(b -> assertThat(b.type()).isEqualTo("http"));
    }

    @Test
    void noneWithoutTheWord() throws Exception {
        Files.writeString(dir.resolve("main.tf"), "terraform {\n  required_version = \">= 1.0\"\n}\n");
        assertThat(CurrentBackend.rootBackendBlock(dir)).isEmpty();
    }
}
