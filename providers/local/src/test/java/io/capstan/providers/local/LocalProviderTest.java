package io.capstan.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.testing.PlannedChange.Action;
import io.capstan.provider.sdk.testing.ProviderHarness;
import io.capstan.provider.sdk.testing.ResourceUnderTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** local_file, local_sensitive_file and their data sources through the SDK harness, on a temporary directory. */
class LocalProviderTest {
    private static ProviderHarness harness;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        harness = ProviderHarness.inProcess(LocalProvider.create()).configure(Map.of());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    /** type, argument (content/content_base64/source), its value, the bytes expected on disk, extra args, mode. */
    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("local_file", "content", "hello\n", "hello\n", Map.of(), "rwxrwxrwx"),
                Arguments.of("local_file", "content_base64", "AAEC/w==", "\u0000\u0001\u0002\u00ff", Map.of(),
                        "rwxrwxrwx"),
                Arguments.of("local_file", "content", "x", "x", Map.of("file_permission", "0640"), "rw-r-----"),
                Arguments.of("local_file", "source", "SOURCE", "copied bytes", Map.of("file_permission", "600"),
                        "rw-------"),
                Arguments.of("local_sensitive_file", "content", "s3cret", "s3cret", Map.of(), "rwx------"));
    }

    private Map<String, Object> config(String filename, String arg, String value, Map<String, ?> extra) throws Exception {
        Map<String, Object> c = new HashMap<>(extra);
        c.put("filename", dir.resolve(filename).toString());
        if (value.equals("SOURCE")) {
            Path src = dir.resolve("source.bin");
            Files.writeString(src, "copied bytes");
            c.put(arg, src.toString());
        } else {
            c.put(arg, value);
        }
        return c;
    }

    @ParameterizedTest(name = "{0} from {1} {4}")
    @MethodSource("files")
    void lifecycleWithDriftRecovery(String type, String arg, String value, String onDisk, Map<String, ?> extra,
                                    String mode) throws Exception {
        byte[] expected = onDisk.getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Object> cfg = config("sub/dir/out.txt", arg, value, extra);
        Path file = Path.of((String) cfg.get("filename"));
        ResourceUnderTest r = harness.resource(type);

        ObjectData s = r.apply(cfg);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo(mode);
        assertThat(s.getString("id")).isEqualTo(s.getString("content_sha1")).hasSize(40);
        assertThat(s.getString("content_sha256")).hasSize(64);
        r.assertNoChanges(cfg);

        Files.delete(file);
        assertThat(r.plan(cfg).action()).as("a removed file is planned again").isEqualTo(Action.CREATE);
        r.apply(cfg);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);

        Files.writeString(file, "edited by hand");
        assertThat(r.plan(cfg).action()).as("an edited file is rewritten").isEqualTo(Action.CREATE);
        r.apply(cfg);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);

        r.destroy();
        assertThat(file).doesNotExist();
    }

    @Test
    void hashesMatchWellKnownValues() throws Exception {
        ObjectData s = harness.resource("local_file").apply(config("h.txt", "content", "abc", Map.of()));
        assertThat(s.getString("content_md5")).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(s.getString("content_sha1")).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(s.getString("content_base64sha256")).isEqualTo("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    }

    @Test
    void changingTheContentReplacesTheFile() throws Exception {
        ResourceUnderTest r = harness.resource("local_file");
        r.apply(config("c.txt", "content", "one", Map.of()));
        Map<String, Object> two = config("c.txt", "content", "two", Map.of());
        var p = r.plan(two);
        assertThat(p.action()).isEqualTo(Action.REPLACE);
        assertThat(p.replacePaths()).containsExactly("content");
        r.apply(two);
        assertThat(dir.resolve("c.txt")).hasContent("two");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Map.of("content", "a", "content_base64", "YQ=="), "content", "Exactly one of"),
                Arguments.of(Map.of(), "content", "Exactly one of"),
                Arguments.of(Map.of("content", "a", "file_permission", "rw-r--r--"), "file_permission", "octal"),
                Arguments.of(Map.of("content", "a", "directory_permission", "0999"), "directory_permission", "octal"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidArgumentsAreReportedAtTheAttribute(Map<String, ?> args, String attr, String detail) {
        Map<String, Object> cfg = new HashMap<>(args);
        cfg.put("filename", dir.resolve("never.txt").toString());
        List<ProviderDiagnostic> d = harness.resource("local_file").tryApply(cfg);
        assertThat(d).hasSize(1);
        assertThat(d.get(0).attribute()).hasToString(attr);
        assertThat(d.get(0).detail()).contains(detail);
        assertThat(dir.resolve("never.txt")).doesNotExist();
    }

    @ParameterizedTest
    @MethodSource("dataSources")
    void dataSourceReadsContentAndHashes(String type) throws Exception {
        Path f = dir.resolve("in.txt");
        Files.writeString(f, "abc");
        ObjectData d = harness.readDataSource(type, Map.of("filename", f.toString()));
        assertThat(d.getString("content")).isEqualTo("abc");
        assertThat(d.getString("content_base64")).isEqualTo("YWJj");
        assertThat(d.getString("id")).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(harness.schema().dataSourceSchemas().get(type).block().attributes().get("content").sensitive())
                .isEqualTo(type.equals("local_sensitive_file"));
    }

    static Stream<String> dataSources() {
        return Stream.of("local_file", "local_sensitive_file");
    }

    @Test
    void dataSourceOnAMissingFileIsAnErrorAtFilename() {
        List<ProviderDiagnostic> diags = new ArrayList<>();
        assertThat(harness.readDataSource("local_file", Map.of("filename", dir.resolve("nope").toString()), diags))
                .isNull();
        assertThat(diags).singleElement().satisfies(d -> {
            assertThat(d.attribute()).hasToString("filename");
            assertThat(d.summary()).isEqualTo("Read local file data source error");
        });
    }

    @Test
    void localFileCannotBeImportedAsInHashicorpLocal() {
        assertThat(harness.resource("local_file").tryImport("/etc/hostname"))
                .extracting(ProviderDiagnostic::summary).containsExactly("Resource Import Not Implemented");
    }
}
