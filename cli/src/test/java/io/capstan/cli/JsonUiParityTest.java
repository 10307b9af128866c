package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code plan -json} byte for byte as terraform 1.11.4 streamed it, modulo {@code @timestamp}:
 * {@code refresh_start}/{@code refresh_complete} around each refresh (also of objects an import
 * block reads), a data source read as terraform's "Refreshing..." apply_start/apply_complete, {@code Plan to import} for imports, and errors found before planning (configuration,
 * variable values) as {@code diagnostic} messages. Each case under src/test/resources/json-ui holds
 * main.tf, the optional {@code setup} command, the {@code args}, terraform's {@code exit-code} and
 * its output {@code terraform.jsonl}, recorded with {@code terraform init; [terraform SETUP;]
 * terraform ARGS > terraform.jsonl}. Lines that terraform emits from parallel work may come in
 * any order, so the lines are compared as sorted lists, and each refresh must start before it
 * completes.
 */
class JsonUiParityTest {
    @TempDir
    Path dir;

    private static String resource(String path) throws IOException {
        try (InputStream in = JsonUiParityTest.class.getResourceAsStream("/json-ui/" + path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private record Run(int code, String out, String err) {
    }

    private Run capstan(String args) {
        List<String> all = new ArrayList<>();
        all.add("-chdir=" + dir);
        all.addAll(List.of(args.trim().split(" ")));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
        return new Run(code, o.toString(), e.toString());
    }

    private static List<String> normalized(String jsonl) {
        List<String> out = new ArrayList<>();
        for (String l : jsonl.split("\n")) {
            if (!l.isBlank()) {
                out.add(l.replaceAll("\"@timestamp\":\"[^\"]*\"", "\"@timestamp\":\"T\""));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"refresh", "import-for-each", "config-error", "var-invalid", "var-missing", "data-read", "deferred-read"})
    void planJsonIsTerraforms(String name) throws Exception {
        Files.writeString(dir.resolve("main.tf"), resource(name + "/main.tf"));
        String remoteState = resource(name + "/a.tfstate");
        if (remoteState != null) {
            Files.writeString(dir.resolve("a.tfstate"), remoteState); // what terraform_remote_state reads
        }
        String setup = resource(name + "/setup");
        if (setup != null) {
            Run s = capstan(setup);
            assertThat(s.code()).as(s.out() + s.err()).isZero();
        }
        Run r = capstan(resource(name + "/args"));
        List<String> expected = normalized(resource(name + "/terraform.jsonl"));
        List<String> got = normalized(r.out());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Integer.parseInt(resource(name + "/exit-code").trim()));
        assertThat(got.get(0)).isEqualTo(expected.get(0));
        assertThat(got.stream().sorted().toList()).isEqualTo(expected.stream().sorted().toList());
        assertThat(got.get(got.size() - 1)).isEqualTo(expected.get(expected.size() - 1));
        for (String line : got) {
            int at = line.indexOf("\"type\":\"refresh_complete\"");
            if (at >= 0) {
                String start = line.replace("Refresh complete", "Refreshing state...")
                        .replace("\"type\":\"refresh_complete\"", "\"type\":\"refresh_start\"");
                assertThat(got.indexOf(start)).as("refresh_start before " + line).isBetween(0, got.indexOf(line));
            }
        }
        assertThat(r.err()).isEmpty();
    }
}
