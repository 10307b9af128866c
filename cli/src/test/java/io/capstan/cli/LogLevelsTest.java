package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.provider.sdk.testing.ClassPathProviders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a user sees on stderr from logging: nothing by default (no SLF4J "no providers" warning
 * from the gRPC/plugin libraries), the plugin host's debug lines with {@code TF_LOG=debug}.
 * Runs the CLI as its own process, since logging is configured once per JVM.
 */
class LogLevelsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "TF_LOG={0}")
    @CsvSource(nullValues = "-", value = {"-, OFF", "trace, FINEST", "JSON, FINEST", "debug, FINE", "INFO, INFO",
        "warn, WARNING", "ERROR, SEVERE", "bogus, OFF"})
    void tfLogNamesTheLevel(String tfLog, String level) {
        assertThat(LogLevels.level(tfLog)).isEqualTo(Level.parse(level));
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run capstan(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.capstan.cli.Main"));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("TF_LOG");
        pb.environment().putAll(env);
        pb.redirectError(tmp.resolve("stderr").toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, Files.readString(tmp.resolve("stderr")));
    }

    @Test
    void commandsThatStartProvidersPrintNoLoggingNoiseUnlessTfLogAsksForIt() throws Exception {
        Path mirror = ClassPathProviders.install(tmp.resolve("mirror"), "random", io.capstan.providers.random.Main.class);
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("main.tf"), """
                terraform {
                  required_providers {
                    random = { source = "capstan/random" }
                  }
                }
                resource "random_id" "a" {
                  byte_length = 2
                }
                """);
        Differential.Run init = Differential.cap(work, "init", "-no-color",
                "-plugin-dir=" + mirror);
        assertThat(init.exit()).as(init.out()).isZero();

        Run quiet = capstan(work, Map.of(), "providers", "schema", "-json");
        assertThat(quiet.exit()).as(quiet.stderr()).isZero();
        assertThat(quiet.stdout()).contains("\"random_id\"");
        assertThat(quiet.stderr()).as("stderr of a plain command").doesNotContain("SLF4J(W)").isEmpty();

        Run debug = capstan(work, Map.of("TF_LOG", "debug"), "providers", "schema", "-json");
        assertThat(debug.exit()).as(debug.stderr()).isZero();
        assertThat(debug.stderr()).doesNotContain("SLF4J(W)").contains("started (pid");
    }
}
