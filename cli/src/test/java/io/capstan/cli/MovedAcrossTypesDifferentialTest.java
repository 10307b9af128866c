package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.provider.sdk.MirrorLayout;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code moved} block across resource types, run by the real {@code terraform} and by Capstan
 * on the Java SDK's {@code local} provider: a {@code local_file} applied by each tool is moved to
 * {@code local_sensitive_file} (the provider's MoveResourceState). Both tools must plan the same
 * move (human text, {@code show -json} and the {@code -json} UI's "move" line), apply it to the
 * same state attributes without touching the file, plan nothing afterwards, and plan each other's
 * state as clean. A move between types of a provider without the capability ({@code random}) is
 * refused by both with the same error. Skipped, with a printed reason, when terraform is absent.
 */
class MovedAcrossTypesDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PROVIDERS = {"local", "random"};
    private static final String HEADER = """
            terraform {
              required_providers {
                local  = { source = "capstan/local" }
                random = { source = "capstan/random" }
              }
            }
            resource "random_string" "s" {
              length = 4
            }
            """;
    private static final String FILE = """
            resource "%s" "%s" {
              filename             = "${path.module}/out/a.txt"
              content              = "hello"
              file_permission      = "0644"
              directory_permission = "0755"
            }
            """;
    private static final String MOVE = """
            moved {
              from = %s
              to   = %s
            }
            """;

    record Run(int exit, String out) {
    }

    @TempDir
    Path tmp;

    private static Path terraform() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path t = Path.of(d, "terraform");
            if (Files.isExecutable(t)) {
                return t;
            }
        }
        System.out.println("SKIP: terraform is not on the PATH; the moved-across-types differential test needs it");
        assumeTrue(false, "terraform is not on the PATH");
        return null;
    }

    private static Run tf(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(terraform().toString());
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        pb.environment().put("TF_IN_AUTOMATION", "1");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.environment().remove("TF_LOG");
        pb.environment().remove("TF_DATA_DIR");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("terraform " + String.join(" ", args)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static Run cap(Path dir, String... args) {
        var r = SdkProvidersDifferentialTest.cap(dir, args);
        return new Run(r.exit(), r.out());
    }

    private static String ok(Run r, String what) {
        assertThat(r.exit()).as(what + ":\n" + r.out()).isZero();
        return r.out();
    }

    /** The packaged mirrors when built from the current classes, else launchers on this class path. */
    private List<Path> mirrors() throws IOException {
        Path root = Path.of(System.getProperty("capstan.root", ".."));
        List<Path> packaged = new ArrayList<>();
        for (String p : PROVIDERS) {
            Path target = root.resolve("providers").resolve(p).resolve("target");
            Path jar = target.resolve("provider-" + p + "-0.1.0-SNAPSHOT.jar");
            if (!Files.isDirectory(target.resolve("mirror")) || !Files.exists(jar)
                    || newest(target.resolve("classes")) > Files.getLastModifiedTime(jar).toMillis()
                    || newest(root.resolve("provider-sdk/target/classes")) > Files.getLastModifiedTime(jar).toMillis()) {
                packaged = null;
                break;
            }
            packaged.add(target.resolve("mirror"));
        }
        if (packaged != null) {
            return packaged;
        }
        Path mirror = tmp.resolve("mirror");
        List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        for (String p : PROVIDERS) {
            MirrorLayout.write(mirror, "capstan", p, "0.1.0", "io.capstan.providers." + p + ".Main", classPath, false);
        }
        return List.of(mirror);
    }

    private static long newest(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Long.MAX_VALUE;
        }
        try (var files = Files.walk(dir)) {
            return files.mapToLong(f -> f.toFile().lastModified()).max().orElse(0);
        }
    }

    private static void write(String config, Path... dirs) throws IOException {
        for (Path d : dirs) {
            Files.writeString(d.resolve("main.tf"), config);
        }
    }

    @Test
    void bothToolsMoveLocalFileToLocalSensitiveFileAlike() throws Exception {
        terraform();
        Path t = Files.createDirectories(tmp.resolve("terraform"));
        Path c = Files.createDirectories(tmp.resolve("capstan"));
        write(HEADER + FILE.formatted("local_file", "a"), t, c);
        List<String> init = new ArrayList<>(List.of("init", "-input=false", "-no-color"));
        mirrors().forEach(m -> init.add("-plugin-dir=" + m));
        ok(tf(t, init.toArray(String[]::new)), "terraform init");
        ok(cap(c, init.toArray(String[]::new)), "capstan init");
        ok(tf(t, "apply", "-auto-approve", "-input=false", "-no-color"), "terraform apply");
        ok(cap(c, "apply", "-auto-approve", "-input=false", "-no-color"), "capstan apply");

        // The move: same plan in all three forms.
        write(HEADER + FILE.formatted("local_sensitive_file", "b") + MOVE.formatted("local_file.a",
                "local_sensitive_file.b"), t, c);
        Run tPlan = tf(t, "plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan");
        Run cPlan = cap(c, "plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan");
        assertThat(tPlan.exit()).as("terraform: a move is a change\n" + tPlan.out()).isEqualTo(2);
        assertThat(cPlan.exit()).as("capstan: a move is a change\n" + cPlan.out()).isEqualTo(2);
        assertThat(tPlan.out()).contains("# local_file.a has moved to local_sensitive_file.b");
        assertThat(actions(cPlan.out())).isEqualTo(actions(tPlan.out()));
        JsonNode tChange = change(ok(tf(t, "show", "-json", "tfplan"), "terraform show"));
        JsonNode cChange = change(ok(cap(c, "show", "-json", "tfplan"), "capstan show"));
        assertThat(tChange.path("previous_address").asText()).isEqualTo("local_file.a");
        assertThat(tChange.at("/change/actions").toString()).isEqualTo("[\"no-op\"]");
        for (String f : List.of("/address", "/previous_address", "/type", "/provider_name", "/change/actions",
                "/change/before", "/change/after")) {
            assertThat(cChange.at(f)).as(f).isEqualTo(tChange.at(f));
        }
        assertThat(uiMove(cap(c, "plan", "-json", "-input=false").out()))
                .isEqualTo(uiMove(tf(t, "plan", "-json", "-input=false").out()));

        // Apply: the same state, the file untouched.
        for (Path d : List.of(t, c)) {
            Files.setLastModifiedTime(d.resolve("out/a.txt"), java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
        }
        assertThat(ok(tf(t, "apply", "-input=false", "-no-color", "tfplan"), "terraform apply"))
                .contains("Apply complete! Resources: 0 added, 0 changed, 0 destroyed.");
        assertThat(ok(cap(c, "apply", "-input=false", "-no-color", "tfplan"), "capstan apply"))
                .contains("Apply complete! Resources: 0 added, 0 changed, 0 destroyed.");
        JsonNode tState = moved(t);
        JsonNode cState = moved(c);
        assertThat(tState.path("provider").asText()).isEqualTo("provider[\"registry.terraform.io/capstan/local\"]");
        assertThat(cState.path("provider")).isEqualTo(tState.path("provider"));
        assertThat(cState.at("/instances/0/schema_version")).isEqualTo(tState.at("/instances/0/schema_version"));
        assertThat(cState.at("/instances/0/attributes")).isEqualTo(tState.at("/instances/0/attributes"));
        assertThat(ok(cap(c, "state", "list"), "capstan state list")).isEqualTo(ok(tf(t, "state", "list"), "state list"));
        for (Path d : List.of(t, c)) {
            assertThat(Files.getLastModifiedTime(d.resolve("out/a.txt")).toMillis()).as("file not rewritten in " + d)
                    .isEqualTo(1_000_000L);
        }

        // Afterwards: clean plans, each tool on the other's state too.
        assertThat(tf(t, "plan", "-input=false", "-no-color", "-detailed-exitcode").exit()).isZero();
        assertThat(cap(c, "plan", "-input=false", "-no-color", "-detailed-exitcode").exit()).isZero();
        swap(t.resolve("terraform.tfstate"), c.resolve("terraform.tfstate"));
        Run tCross = tf(t, "plan", "-input=false", "-no-color", "-detailed-exitcode");
        assertThat(tCross.exit()).as("terraform plans Capstan's moved state:\n" + tCross.out()).isZero();
        Run cCross = cap(c, "plan", "-input=false", "-no-color", "-detailed-exitcode");
        assertThat(cCross.exit()).as("Capstan plans terraform's moved state:\n" + cCross.out()).isZero();

        // A provider without move_resource_state: the same refusal from both.
        write(HEADER.replace("random_string", "random_password") + FILE.formatted("local_sensitive_file", "b")
                + MOVE.formatted("random_string.s", "random_password.s"), t, c);
        Run tErr = tf(t, "plan", "-input=false", "-no-color");
        Run cErr = cap(c, "plan", "-input=false", "-no-color");
        assertThat(tErr.exit()).isEqualTo(1);
        assertThat(cErr.exit()).isEqualTo(1);
        assertThat(errorBlock(tErr.out()).replaceAll("\\s+", " ")).contains(
                "Error: Unsupported `moved` across resource types",
                "The provider \"registry.terraform.io/capstan/random\" does not support moved operations across");
        assertThat(errorBlock(cErr.out())).isEqualTo(errorBlock(tErr.out()));
    }

    private static void swap(Path a, Path b) throws IOException {
        Path tmp = a.resolveSibling(a.getFileName() + ".swap");
        Files.move(a, tmp, StandardCopyOption.ATOMIC_MOVE);
        Files.move(b, a, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, b, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The human plan from "Terraform will perform" to the "Plan:" line: the part both tools print alike. */
    private static String actions(String out) {
        int from = out.indexOf("Terraform will perform the following actions:");
        int to = out.indexOf("\n", out.indexOf("Plan: ", Math.max(from, 0)));
        assertThat(from).as("no action list in:\n" + out).isNotNegative();
        return out.substring(from, to);
    }

    private static JsonNode change(String showJson) throws IOException {
        for (JsonNode rc : JSON.readTree(showJson).path("resource_changes")) {
            if (rc.path("address").asText().equals("local_sensitive_file.b")) {
                return rc;
            }
        }
        throw new AssertionError("no change for local_sensitive_file.b in " + showJson);
    }

    /** The {@code -json} UI's planned_change for the moved resource, without timestamps. */
    private static JsonNode uiMove(String lines) throws IOException {
        for (String l : lines.split("\n")) {
            if (l.contains("\"planned_change\"") && l.contains("local_sensitive_file.b")) {
                return JSON.readTree(l).path("change");
            }
        }
        throw new AssertionError("no planned_change line in:\n" + lines);
    }

    private static JsonNode moved(Path dir) throws IOException {
        for (JsonNode r : JSON.readTree(dir.resolve("terraform.tfstate").toFile()).path("resources")) {
            if (r.path("type").asText().equals("local_sensitive_file")) {
                return r;
            }
        }
        throw new AssertionError("no local_sensitive_file in the state of " + dir);
    }

    /** The first error box, from "Error:" to the end of its text. */
    private static String errorBlock(String out) {
        int from = out.indexOf("Error: ");
        assertThat(from).as("no error in:\n" + out).isNotNegative();
        return out.substring(from).strip();
    }
}
