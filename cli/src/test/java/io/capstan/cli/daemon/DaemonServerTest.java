package io.capstan.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon server in this JVM, driven through its socket protocol: a command run for a client
 * prints exactly what the same command prints when run directly with the client's directory,
 * relative paths resolve against the client's directory, and a wrong token runs nothing.
 */
class DaemonServerTest {
    @TempDir
    Path tmp;
    private DaemonServer server;
    private Thread thread;
    private Path state;
    private Path jar;

    @BeforeEach
    void start() throws IOException {
        state = tmp.resolve("run/daemon/x.state");
        jar = Files.writeString(tmp.resolve("capstan.jar"), "not really a jar");
        server = new DaemonServer(state, jar, Duration.ofHours(1));
        server.start();
        thread = new Thread(() -> {
            try {
                server.serve();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        thread.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.shutdown();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
    }

    private DaemonClient.Answer run(Path cwd, String... args) throws IOException {
        return DaemonClient.run(server.port(), server.token(), cwd, Map.of(), args);
    }

    private record Direct(String out, String err, int code) {
    }

    /** The same command run directly in this JVM, in {@code dir} by way of {@code -chdir}. */
    private static Direct direct(Path dir, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("-chdir=" + dir));
        all.addAll(args);
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Direct(out.toString(), err.toString(), code);
    }

    static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    private static Path config(Path dir, String text) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("main.tf"), text);
        return dir;
    }

    @Test
    void stateFileIsPrivateAndNamesPortAndToken() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
        List<String> lines = Files.readAllLines(state);
        assertThat(lines.get(0)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(lines.get(1)).isEqualTo(Integer.toString(server.port()));
        assertThat(lines.get(2)).isEqualTo(server.token()).hasSize(64);
        assertThat(lines.get(3)).isEqualTo(jar.toString());
    }

    @Test
    void validateAnswersAsADirectRunInTheClientsDirectory() throws IOException {
        Path ok = config(tmp.resolve("ok"), "resource \"terraform_data\" \"a\" {\n  input = 1\n}\n");
        Path bad = config(tmp.resolve("bad"), "output \"x\" {\n  value = var.nope\n}\n");
        for (Path dir : List.of(ok, bad)) {
            for (List<String> args : List.of(List.of("validate"), List.of("validate", "-json"))) {
                DaemonClient.Answer a = run(dir, args.toArray(String[]::new));
                Direct direct = direct(dir, args);
                assertThat(a.out()).as(dir + " " + args).isEqualTo(direct.out());
                assertThat(a.err()).as(dir + " " + args).isEqualTo(direct.err());
                assertThat(a.code()).as(dir + " " + args).isEqualTo(direct.code());
            }
        }
        assertThat(run(bad, "validate", "-no-color").err()).contains("Error: Reference to undeclared input variable");
    }

    @Test
    void relativePathArgumentsResolveAgainstTheClientsDirectory() throws IOException {
        Path cwd = tmp.resolve("client");
        config(cwd.resolve("sub/dir"), "resource \"terraform_data\" \"a\" {\ninput=1\n}\n");
        config(cwd.resolve("mod"), "resource \"terraform_data\" \"a\" {}\n");
        DaemonClient.Answer fmt = run(cwd, "fmt", "-check", "sub/dir");
        assertThat(fmt.code()).isEqualTo(3);
        assertThat(fmt.out()).isEqualTo("sub/dir/main.tf\n");
        DaemonClient.Answer validate = run(cwd, "validate", "-no-color", "mod");
        assertThat(validate.code()).isZero();
        assertThat(validate.out()).isEqualTo("Success! The configuration is valid.\n\n");
        DaemonClient.Answer chdir = run(cwd, "-chdir=mod", "graph");
        assertThat(chdir.code()).isZero();
        assertThat(chdir.out()).contains("\"terraform_data.a\"");
        if (onPath("dot")) {
            DaemonClient.Answer draw = run(cwd, "-chdir=mod", "graph", "-draw", "g.svg");
            assertThat(draw.code()).as(draw.err()).isZero();
            assertThat(cwd.resolve("mod/g.svg")).content().contains("<svg");
        } else {
            System.out.println("SKIP: graph -draw part: Graphviz's dot is not installed");
        }
    }

    @Test
    void validateFindsProviderFunctionsInTheClientsDataDirectory() throws IOException {
        // The client's TF_DATA_DIR names a data directory holding the time provider (a launcher on
        // this class path); the server's environment names none, and the configuration directory
        // has no .terraform: the call reaches the provider only if the client's environment wins.
        Path dir = config(tmp.resolve("fn"), "terraform {\n  required_providers {\n    time = {\n"
                + "      source = \"capstan/time\"\n    }\n  }\n}\n\n"
                + "output \"t\" {\n  value = provider::time::rfc3339_parse(\"yesterday\")\n}\n");
        Path data = tmp.resolve("client-data");
        io.capstan.provider.sdk.testing.ClassPathProviders.install(data.resolve("providers"), "time",
                io.capstan.providers.time.Main.class);
        // as init leaves it: the lock file selects the version (terraform's validate needs both)
        Files.writeString(dir.resolve(".terraform.lock.hcl"),
                "provider \"registry.terraform.io/capstan/time\" {\n  version = \"0.1.0\"\n}\n");

        DaemonClient.Answer with = DaemonClient.run(server.port(), server.token(), dir,
                Map.of("TF_DATA_DIR", data.toString()), "validate", "-no-color");
        assertThat(with.code()).as(with.err()).isEqualTo(1);
        assertThat(with.err()).contains("Error: Invalid function argument", "\"yesterday\" is not a valid RFC3339")
                .doesNotContain("Missing required provider");
        if (System.getenv("TF_DATA_DIR") == null) {
            DaemonClient.Answer without = run(dir, "validate", "-no-color");
            assertThat(without.code()).isEqualTo(1);
            assertThat(without.err()).as("no TF_DATA_DIR and no .terraform: the provider is not installed")
                    .contains("there is no package for registry.terraform.io/capstan/time 0.1.0 cached in "
                            + ".terraform/providers").doesNotContain("RFC3339");
        }
    }

    @Test
    void wrongTokenIsRefusedAndRunsNothing() throws IOException {
        Path dir = config(tmp.resolve("unformatted"), "resource \"terraform_data\" \"a\" {\ninput=1\n}\n");
        String before = Files.readString(dir.resolve("main.tf"));
        DaemonClient.Answer a = DaemonClient.run(server.port(), "0".repeat(64), dir, Map.of(), "fmt");
        assertThat(a.code()).isEqualTo(1);
        assertThat(a.err()).contains("refused", "wrong token");
        assertThat(Files.readString(dir.resolve("main.tf"))).isEqualTo(before);
        assertThat(run(dir, "fmt").code()).isZero();
        assertThat(Files.readString(dir.resolve("main.tf"))).isNotEqualTo(before);
    }

    @Test
    void aRebuiltJarMakesTheServerStaleAndItExits() throws Exception {
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        DaemonClient.Answer a = run(tmp, "version");
        assertThat(a.stale()).isTrue();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(state).doesNotExist();
    }

    @Test
    void theStampChangesWhenADependencyJarIsRebuilt() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        long before = DaemonServer.stamp(jar);
        Files.writeString(lib.resolve("hcl-parser.jar"), "a module jar");
        assertThat(DaemonServer.stamp(jar)).isNotEqualTo(before);
        long withLib = DaemonServer.stamp(jar);
        Files.setLastModifiedTime(lib.resolve("hcl-parser.jar"), FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(DaemonServer.stamp(jar)).isNotEqualTo(withLib);
    }

    @Test
    void stopEndsTheServerAndRemovesItsStateFile() throws Exception {
        DaemonClient.Answer status = DaemonClient.send(server.port(), server.token(), List.of(DaemonRequest.MAGIC, "status"));
        assertThat(status.out()).contains("pid " + ProcessHandle.current().pid(), "requests 0");
        DaemonClient.Answer stop = DaemonClient.send(server.port(), server.token(), List.of(DaemonRequest.MAGIC, "stop"));
        assertThat(stop.code()).isZero();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(state).doesNotExist();
    }

    @Test
    void idleTimeoutReadsSecondsAndUnits() {
        assertThat(DaemonServer.parseIdle(null)).isEqualTo(Duration.ofHours(3));
        assertThat(DaemonServer.parseIdle("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DaemonServer.parseIdle("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DaemonServer.parseIdle("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DaemonServer.parseIdle("soon")).isEqualTo(Duration.ofHours(3));
    }
}
