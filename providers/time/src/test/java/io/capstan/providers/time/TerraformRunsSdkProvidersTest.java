package io.capstan.providers.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.provider.sdk.testing.ClassPathProviders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terraform as the client: the real terraform installs the three SDK providers from a
 * filesystem mirror ({@code init -plugin-dir}), then plans, applies, plans again with no
 * changes, imports into random_string, random_id and time_static (import blocks), plans again
 * with no changes and destroys, for one configuration using all three providers. Skipped, with a printed
 * reason, only when terraform is not on the PATH.
 */
class TerraformRunsSdkProvidersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String stdout, String stderr) {
    }

    private static Path terraform() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path t = Path.of(d, "terraform");
            if (Files.isExecutable(t)) {
                return t;
            }
        }
        System.out.println("SKIP: terraform is not on the PATH; the Terraform-as-client test needs it");
        assumeTrue(false, "terraform is not on the PATH");
        return null;
    }

    private static Run tf(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(terraform().toString());
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        pb.environment().put("TF_IN_AUTOMATION", "1");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.environment().remove("TF_LOG");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[][] out = new byte[2][];
        Thread err = new Thread(() -> out[1] = readAll(p.getErrorStream()));
        err.start();
        out[0] = readAll(p.getInputStream());
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("terraform " + String.join(" ", args) + " finished").isTrue();
        err.join();
        return new Run(p.exitValue(), new String(out[0], StandardCharsets.UTF_8),
                new String(out[1], StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static Run ok(Path dir, String... args) throws IOException, InterruptedException {
        Run r = tf(dir, args);
        assertThat(r.exit()).as("terraform " + String.join(" ", args) + "\nstdout:\n" + r.stdout() + "\nstderr:\n"
                + r.stderr()).isZero();
        return r;
    }

    @Test
    void terraformInstallsPlansAppliesImportsAndDestroysWithTheJavaProviders(@TempDir Path tmp) throws Exception {
        terraform();
        Path mirror = tmp.resolve("mirror");
        List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).toList();
        ClassPathProviders.write(mirror, "random", "io.capstan.providers.random.Main", classPath);
        ClassPathProviders.write(mirror, "local", "io.capstan.providers.local.Main", classPath);
        ClassPathProviders.write(mirror, "time", "io.capstan.providers.time.Main", classPath);
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (InputStream in = getClass().getResourceAsStream("/terraform-client/main.tf")) {
            Files.write(work.resolve("main.tf"), in.readAllBytes());
        }

        ok(work, "init", "-input=false", "-no-color", "-plugin-dir=" + mirror);
        assertThat(Files.readString(work.resolve(".terraform.lock.hcl"))).contains("registry.terraform.io/capstan/random",
                "registry.terraform.io/capstan/local", "registry.terraform.io/capstan/time");

        Run plan = tf(work, "plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan");
        assertThat(plan.exit()).as(plan.stdout() + plan.stderr()).isEqualTo(2);
        assertThat(plan.stdout()).contains("Plan: 10 to add, 0 to change, 0 to destroy.");
        ok(work, "apply", "-input=false", "-no-color", "tfplan");

        JsonNode out = JSON.readTree(ok(work, "output", "-json").stdout());
        String name = out.at("/name/value").asText();
        long port = out.at("/port/value").asLong();
        assertThat(name).matches("[A-Za-z0-9]{12}");
        assertThat(port).isBetween(8000L, 8999L);
        Path conf = work.resolve("out/app.conf");
        assertThat(Files.readString(conf)).startsWith("name=" + name + "\nport=" + port + "\nbucket=bucket-")
                .isEqualTo(out.at("/conf/value").asText());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf))).isEqualTo("rw-r--r--");
        Path secret = work.resolve("out/db-password");
        assertThat(Files.readString(secret)).hasSize(20);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rwx------");
        assertThat(OffsetDateTime.parse(out.at("/expires/value").asText())).isAfter(OffsetDateTime.now().plusDays(29));

        Run again = tf(work, "plan", "-input=false", "-no-color", "-detailed-exitcode");
        assertThat(again.exit()).as("second plan shows no changes:\n" + again.stdout() + again.stderr()).isZero();

        // Import blocks: one apply imports into three resource types (ImportResourceState, then ReadResource).
        Files.writeString(work.resolve("imported.tf"), """
                resource "random_string" "imported" {
                  length = 11
                }
                resource "random_id" "imported" {
                  byte_length = 4
                }
                resource "time_static" "imported" {}
                import {
                  to = random_string.imported
                  id = "hello-world"
                }
                import {
                  to = random_id.imported
                  id = "p-9hUg"
                }
                import {
                  to = time_static.imported
                  id = "2020-01-02T03:04:05Z"
                }
                """);
        Run imported = ok(work, "apply", "-auto-approve", "-input=false", "-no-color");
        assertThat(imported.stdout()).contains("Resources: 3 imported, 0 added, 0 changed, 0 destroyed.");
        JsonNode state = JSON.readTree(work.resolve("terraform.tfstate").toFile());
        assertThat(state.findValuesAsText("result")).contains("hello-world");
        assertThat(state.findValuesAsText("hex")).contains("a7ef6152");
        assertThat(state.findValuesAsText("rfc3339")).contains("2020-01-02T03:04:05Z");
        Run afterImport = tf(work, "plan", "-input=false", "-no-color", "-detailed-exitcode");
        assertThat(afterImport.exit()).as("plan after import shows no changes:\n" + afterImport.stdout()
                + afterImport.stderr()).isZero();

        Run destroy = ok(work, "destroy", "-auto-approve", "-input=false", "-no-color");
        assertThat(destroy.stdout()).contains("Destroy complete! Resources: 13 destroyed.");
        assertThat(conf).doesNotExist();
        assertThat(secret).doesNotExist();
        assertThat(JSON.readTree(work.resolve("terraform.tfstate").toFile()).get("resources")).isEmpty();
    }
}
