package io.capstan.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real terraform CLI as an oracle, and compares JSON trees with a readable first difference. */
public final class TerraformCli {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TerraformCli() {
    }

    /** Runs terraform in {@code dir} with the given CLI config file; returns stdout, failing on a non-zero exit. */
    public static String run(Path dir, Path cliConfig, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(TestBinaries.requireTerraform().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectError(dir.resolve("terraform-stderr.txt").toFile());
        pb.environment().put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        pb.environment().put("TF_IN_AUTOMATION", "1");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("terraform finished").isTrue();
        assertThat(p.exitValue()).as("terraform " + String.join(" ", args) + " exit status; stderr:\n"
                + Files.readString(dir.resolve("terraform-stderr.txt"))).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    public static JsonNode parse(String json) throws IOException {
        return MAPPER.readTree(json);
    }

    /** The path of the first difference between two JSON trees, or null when structurally equal. */
    public static String firstDifference(JsonNode expected, JsonNode actual, String path) {
        if (expected.equals(actual)) {
            return null;
        }
        if (expected.isObject() && actual.isObject()) {
            for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!actual.has(k)) {
                    return path + "/" + k + ": missing in actual";
                }
                String d = firstDifference(expected.get(k), actual.get(k), path + "/" + k);
                if (d != null) {
                    return d;
                }
            }
            for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!expected.has(k)) {
                    return path + "/" + k + ": unexpected in actual: " + abbreviate(actual.get(k).toString());
                }
            }
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                String d = firstDifference(expected.get(i), actual.get(i), path + "/" + i);
                if (d != null) {
                    return d;
                }
            }
        }
        return path + ": expected " + abbreviate(expected.toString()) + " but was " + abbreviate(actual.toString());
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
