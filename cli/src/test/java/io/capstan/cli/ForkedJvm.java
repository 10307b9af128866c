package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Capstan class ({@code io.capstan.cli.Main}, {@code Train}) run in a JVM of its own on the test's class path,
 * for the tests that look at what one run does to its JVM (classes loaded, collections made): no earlier test's
 * classes or heap hide it there.
 */
final class ForkedJvm {
    private ForkedJvm() {
    }

    /** The options that log every class the JVM loads to {@code log}, without the class-data archive. */
    static List<String> classLoadLogging(Path log) {
        return List.of("-XX:TieredStopAtLevel=1", "-Xshare:off", "-Xlog:class+load=info:file=" + log);
    }

    /**
     * Runs {@code mainClass ARGS} in {@code dir} with the JVM options {@code jvm}; stdout (with stderr when
     * {@code withStderr}) written to {@code output}, or dropped when it is null; asserts that it ended within
     * {@code timeoutSeconds} with exit code 0 (the output, when kept, in the message).
     */
    static void runOk(Path dir, List<String> jvm, String mainClass, List<String> args, Path output, boolean withStderr,
            long timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(output.toFile()));
        if (withStderr && output != null) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = pb.start();
        assertThat(p.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("%s %s ended", mainClass, String.join(" ", args))
                .isTrue();
        String out = output == null ? "" : Files.readString(output);
        assertThat(p.exitValue()).as("exit code of %s %s: %s", mainClass, String.join(" ", args), out).isZero();
    }

    /** The classes a {@link #classLoadLogging} log names, by binary name. */
    static Set<String> loadedClasses(Path log) throws IOException {
        // "[0.012s][info][class,load] java.lang.Object source: shared objects file"
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .map(l -> l.replaceFirst("^.*\\[class,load\\] ", ""))
                .map(l -> l.split(" ", 2)[0])
                .collect(Collectors.toSet());
    }
}
