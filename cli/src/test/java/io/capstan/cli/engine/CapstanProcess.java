package io.capstan.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Capstan as its own process, for the engine tests that kill it, interrupt it, or need the
 * providers it starts to resolve relative paths in the working directory: {@code io.capstan.cli.Main}
 * on this test's class path in a quick-starting JVM, with terraform's CLI configuration silenced.
 */
final class CapstanProcess {
    /** The file in the working directory that {@link #start} sends stdout and stderr to. */
    static final String LOG = "out.log";

    private CapstanProcess() {
    }

    /** Exit code and output (stdout and stderr together) of a finished run. */
    record Run(int code, String out) {
    }

    private static ProcessBuilder builder(Path dir, String[] args, String... more) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.capstan.cli.Main"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        return pb;
    }

    /** Starts {@code capstan ARGS MORE} in {@code dir}, its output going to {@link #LOG} there. */
    static Process start(Path dir, String[] args, String... more) throws IOException {
        return builder(dir, args, more).redirectOutput(dir.resolve(LOG).toFile()).start();
    }

    /** What the last process {@link #start}ed in {@code dir} printed so far. */
    static String log(Path dir) {
        try {
            return Files.readString(dir.resolve(LOG));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    /** Runs {@code capstan ARGS} in {@code dir} to its end (at most 10 minutes). */
    static Run run(Path dir, String... args) throws IOException, InterruptedException {
        Process p = builder(dir, args).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out);
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does. */
    static void interrupt(Process p) throws IOException, InterruptedException {
        Process k = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
        assertThat(k.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
}
