package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.provider.sdk.MirrorLayout;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider-defined functions under the real {@code terraform} and under Capstan, on the same
 * configurations: hashicorp/aws 5.100.0's {@code arn_parse}, {@code arn_build} and
 * {@code trim_iam_role_path} (no provider block, no network: functions run on an unconfigured
 * provider), and the Java SDK time provider's {@code rfc3339_parse}. Each tool applies (outputs,
 * locals, a resource argument, and a call whose argument is unknown until apply) and the
 * {@code output -json} documents must be equal; the error configurations must give the same
 * {@code validate -json} diagnostics (summary, detail and the line and column they point at).
 * Skipped, printing why, when terraform is not on the PATH or the aws mirror is absent.
 */
class ProviderFunctionsParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path AWS_MIRROR = Path.of("/opt/tf-plugins");

    record Run(int exit, String out) {
    }

    @TempDir
    Path tmp;

    @Test
    void awsFunctionsGiveTerraformsOutputsAndDiagnostics() throws Exception {
        terraform();
        Path aws = AWS_MIRROR.resolve("registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/"
                + "terraform-provider-aws_v5.100.0_x5");
        if (!Files.isExecutable(aws)) {
            System.out.println("SKIP: hashicorp/aws 5.100.0 is not in the filesystem mirror " + AWS_MIRROR);
            assumeTrue(false, "no aws provider mirror");
        }
        compareApply("aws", AWS_MIRROR);
        Set<String> diags = compareValidate("aws-errors", AWS_MIRROR);
        assertThat(diags).contains(
                "Error in function call|Call to function \"provider::aws::arn_parse\" failed: arn: invalid prefix.|11:11",
                "Unknown provider function|The function \"nope\" is not available from the provider \"aws\".|15:11",
                "Invalid function argument|Invalid value for \"arn\" parameter: argument must not be null.|27:36");
    }

    @Test
    void sdkTimeProviderFunctionGivesTerraformsOutputsAndDiagnostics() throws Exception {
        terraform();
        Path mirror = timeMirror();
        JsonNode outputs = compareApply("time", mirror);
        assertThat(outputs.at("/parsed/value/month_name").asText()).isEqualTo("July");
        assertThat(outputs.at("/parsed/value/weekday").asInt()).isEqualTo(2);
        assertThat(outputs.at("/parsed/value/unix").asLong()).isEqualTo(1690328596L);
        assertThat(outputs.at("/weekday/value").asText()).isEqualTo("Saturday");
        assertThat(outputs.at("/after_apply/value/iso_year").asInt()).isEqualTo(2025);
        assertThat(outputs.at("/after_apply/value/iso_week").asInt()).isEqualTo(1);
        Set<String> diags = compareValidate("time-errors", mirror);
        assertThat(diags).as("a function error naming its argument points at that argument").contains(
                "Invalid function argument|Invalid value for \"timestamp\" parameter: \"yesterday\" is not a valid "
                        + "RFC3339 timestamp.|10:42");
    }

    /** Applies the scenario with both tools; returns the (equal) {@code output -json} document. */
    private JsonNode compareApply(String scenario, Path mirror) throws Exception {
        Path t = scenario(scenario, "terraform");
        Path c = scenario(scenario, "capstan");
        String[] init = {"init", "-input=false", "-no-color", "-plugin-dir=" + mirror};
        tfOk(t, init);
        capOk(c, init);
        String tPlan = tfOk(t, "plan", "-input=false", "-no-color");
        String cPlan = capOk(c, "plan", "-input=false", "-no-color");
        assertThat(tPlan).contains("after_apply = (known after apply)");
        assertThat(cPlan).contains("after_apply = (known after apply)");
        tfOk(t, "apply", "-auto-approve", "-input=false", "-no-color");
        capOk(c, "apply", "-auto-approve", "-input=false", "-no-color");
        JsonNode tOut = JSON.readTree(tfOk(t, "output", "-json"));
        JsonNode cOut = JSON.readTree(capOk(c, "output", "-json"));
        assertThat(cOut).as("capstan output -json vs terraform's").isEqualTo(tOut);
        assertThat(tOut.size()).isGreaterThanOrEqualTo(3);
        return tOut;
    }

    /** Validates the scenario with both tools; returns the (equal) diagnostics as "summary|detail|line:column". */
    private Set<String> compareValidate(String scenario, Path mirror) throws Exception {
        Path t = scenario(scenario, "terraform");
        Path c = scenario(scenario, "capstan");
        String[] init = {"init", "-input=false", "-no-color", "-plugin-dir=" + mirror};
        tfOk(t, init);
        capOk(c, init);
        Run tv = tf(t, "validate", "-json");
        Run cv = cap(c, "validate", "-json");
        assertThat(tv.exit()).isEqualTo(1);
        assertThat(cv.exit()).isEqualTo(1);
        Set<String> expected = diagnostics(tv.out());
        assertThat(diagnostics(cv.out())).as("capstan validate -json vs terraform's").isEqualTo(expected);
        return expected;
    }

    private static Set<String> diagnostics(String validateJson) throws IOException {
        Set<String> out = new TreeSet<>();
        for (JsonNode d : JSON.readTree(validateJson.substring(validateJson.indexOf('{'))).path("diagnostics")) {
            out.add(d.path("summary").asText() + "|" + d.path("detail").asText() + "|"
                    + d.at("/range/start/line").asInt() + ":" + d.at("/range/start/column").asInt());
        }
        return out;
    }

    private Path scenario(String name, String tool) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name + "-" + tool));
        try (InputStream in = getClass().getResourceAsStream("/provider-functions/" + name + "/main.tf")) {
            Files.write(dir.resolve("main.tf"), in.readAllBytes());
        }
        return dir;
    }

    /** The time provider as a filesystem mirror: the packaged one when current, else a launcher on this class path. */
    private Path timeMirror() throws IOException {
        Path target = Path.of(System.getProperty("capstan.root", "..")).resolve("providers/time/target");
        Path jar = target.resolve("provider-time-0.1.0-SNAPSHOT.jar");
        if (Files.isDirectory(target.resolve("mirror")) && Files.exists(jar)
                && newest(target.resolve("classes")) <= Files.getLastModifiedTime(jar).toMillis()) {
            return target.resolve("mirror");
        }
        Path mirror = tmp.resolve("mirror");
        List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        MirrorLayout.write(mirror, "capstan", "time", "0.1.0", "io.capstan.providers.time.Main", classPath, false);
        return mirror;
    }

    private static long newest(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.mapToLong(f -> f.toFile().lastModified()).max().orElse(0);
        }
    }

    private static Path terraform() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path t = Path.of(d, "terraform");
            if (Files.isExecutable(t)) {
                return t;
            }
        }
        System.out.println("SKIP: terraform is not on the PATH; the provider-function parity test needs it");
        assumeTrue(false, "terraform is not on the PATH");
        return null;
    }

    private static Run tf(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(terraform().toString());
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        pb.environment().put("TF_IN_AUTOMATION", "1");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.environment().remove("TF_LOG");
        pb.environment().remove("TF_DATA_DIR");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as("terraform " + String.join(" ", args)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static String tfOk(Path dir, String... args) throws IOException, InterruptedException {
        Run r = tf(dir, args);
        assertThat(r.exit()).as("terraform " + String.join(" ", args) + ":\n" + r.out()).isZero();
        return r.out();
    }

    /** {@code capstan -chdir=DIR ARGS} in this JVM; standard output only (as terraform's is read). */
    private static Run cap(Path dir, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "-chdir=" + dir;
        System.arraycopy(args, 0, all, 1, args.length);
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.run(all, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        return new Run(code, out + (code == 0 ? "" : err.toString()));
    }

    private static String capOk(Path dir, String... args) {
        Run r = cap(dir, args);
        assertThat(r.exit()).as("capstan " + String.join(" ", args) + ":\n" + r.out()).isZero();
        return r.out();
    }
}
