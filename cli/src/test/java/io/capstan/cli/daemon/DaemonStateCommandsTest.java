package io.capstan.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import io.capstan.provider.sdk.testing.ClassPathProviders;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The rest of the engine's commands through the resident server against the same commands in a
 * JVM of their own (as {@link DaemonEngineTest} does for plan/apply): init, import, taint,
 * untaint, state mv/rm/pull/push (file and standard input)/replace-provider, workspace, console
 * with piped input, and {@code TF_CLI_ARGS}; Ctrl-C during a piped console (ignored); a second
 * client while the server is busy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaemonStateCommandsTest {
    private static final String CONFIG = """
            terraform {
              required_providers {
                local = { source = "capstan/local" }
              }
            }
            resource "terraform_data" "a" {
              input = "one"
            }
            resource "terraform_data" "b" {
              input      = "two"
              depends_on = [local_file.f] # one chain: progress lines in one order
            }
            resource "local_file" "f" {
              filename = "${path.module}/f.txt"
              content  = terraform_data.a.output
            }
            output "a" {
              value = terraform_data.a.output
            }
            """;

    private DaemonApp app;
    private Path mirror;

    @BeforeAll
    void setUp() throws IOException {
        app = new DaemonApp();
        mirror = ClassPathProviders.install(app.tmp.resolve("mirror"), "local", io.capstan.providers.local.Main.class);
    }

    @AfterAll
    void tearDown() throws Exception {
        app.close();
    }

    private static String normalized(String s, Path dir) {
        return s.replace(dir.toString(), "DIR")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID")
                .replaceAll("after \\d+s", "after Ns");
    }

    /** The state files of a directory (default and workspaces), normalized, for comparison. */
    private static String states(Path dir) throws IOException {
        StringBuilder b = new StringBuilder();
        try (var s = Files.walk(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".tfstate")
                    || f.getFileName().toString().equals("environment")).sorted().toList()) {
                b.append(dir.relativize(p)).append(":\n").append(normalized(Files.readString(p), dir)).append('\n');
            }
        }
        return b.toString();
    }

    /** One command; {@code stdin} (may be null) is made from the directory the run is in. */
    record Step(Function<Path, String> stdin, Map<String, String> env, String... args) {
        Step(String... args) {
            this(null, Map.of(), args);
        }
    }

    @Test
    void stateWorkspaceImportTaintInitAndConsolePrintExitAndWriteAsWithoutTheServer() throws Exception {
        Path plain = Files.createDirectories(app.tmp.resolve("plain"));
        Path served = Files.createDirectories(app.tmp.resolve("served"));
        Files.writeString(plain.resolve("main.tf"), CONFIG);
        Files.writeString(served.resolve("main.tf"), CONFIG);
        Function<Path, String> pulled = d -> {
            try {
                return Files.readString(d.resolve("pulled.json"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        List<Step> steps = List.of(
                new Step("init", "-input=false", "-no-color", "-plugin-dir=" + mirror),
                new Step(null, Map.of("TF_CLI_ARGS_apply", "-auto-approve"), "apply", "-no-color"),
                new Step("taint", "terraform_data.a"),
                new Step("taint", "terraform_data.nosuch"),
                new Step("plan", "-no-color"),
                new Step("untaint", "terraform_data.a"),
                new Step("state", "mv", "terraform_data.b", "terraform_data.c"),
                new Step("state", "rm", "terraform_data.c"),
                new Step("state", "list"),
                new Step("import", "-no-color", "terraform_data.b", "imported-id"),
                new Step(null, Map.of("TF_CLI_ARGS_state_list", "terraform_data.b"), "state", "list"),
                new Step("state", "pull"),
                new Step("state", "push", "pulled.json"),
                new Step(pulled, Map.of(), "state", "push", "-"),
                new Step(d -> "terraform_data.a.output\nlocal_file.f.filename\n", Map.of(), "console"),
                new Step(d -> "nosuch.thing\n", Map.of(), "console"),
                new Step("workspace", "new", "-no-color", "dev"),
                new Step("workspace", "list"),
                new Step("workspace", "show"),
                new Step("workspace", "select", "-no-color", "default"),
                new Step("workspace", "delete", "-no-color", "dev"),
                new Step("workspace", "select", "-no-color", "nosuch"),
                new Step("state", "replace-provider", "-auto-approve", "-no-color", "capstan/local", "example/other"),
                new Step("state", "list"));
        SoftAssertions soft = new SoftAssertions();
        List<Integer> codes = new ArrayList<>();
        for (Step s : steps) {
            String what = String.join(" ", s.args());
            DaemonApp.Result a = app.run(plain, false, s.env(), stdin(s, plain), s.args());
            DaemonApp.Result b = app.run(served, true, s.env(), stdin(s, served), s.args());
            soft.assertThat(normalized(b.out(), served)).as(what + " stdout").isEqualTo(normalized(a.out(), plain));
            soft.assertThat(normalized(b.err(), served)).as(what + " stderr").isEqualTo(normalized(a.err(), plain));
            soft.assertThat(b.code()).as(what + " exit code").isEqualTo(a.code());
            soft.assertThat(states(served)).as(what + ": the state files after it").isEqualTo(states(plain));
            codes.add(b.code());
            if (what.equals("state pull")) {
                Files.writeString(plain.resolve("pulled.json"), a.out());
                Files.writeString(served.resolve("pulled.json"), b.out());
            }
        }
        soft.assertThat(served.resolve("f.txt")).as("the provider ran in the client's directory").hasContent("one");
        // the steps exercised what they are meant to: an unknown address, a console error, an unknown workspace
        soft.assertThat(codes).as("exit codes")
                .containsExactly(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0);
        soft.assertThat(app.daemonPid()).as("one server served them all").isPositive();
        soft.assertAll();
    }

    private Path stdin(Step s, Path dir) throws IOException {
        if (s.stdin() == null) {
            return null;
        }
        Path f = Files.createTempFile(app.tmp, "stdin", ".txt");
        Files.writeString(f, s.stdin().apply(dir));
        return f;
    }

    /** The number of runs the server has served, from {@code capstan daemon status}. */
    private long served() throws Exception {
        DaemonApp.Result r = app.run(app.tmp, false, "daemon", "status");
        for (String line : r.out().split("\n")) {
            if (line.startsWith("requests ")) {
                return Long.parseLong(line.substring("requests ".length()).trim());
            }
        }
        return -1;
    }

    /** A FIFO the test holds open for writing: a run reading it waits until the test writes or closes it. */
    private RandomAccessFile fifo(Path f) throws Exception {
        Process p = new ProcessBuilder("mkfifo", f.toString()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as("mkfifo").isTrue();
        return new RandomAccessFile(f.toFile(), "rw"); // O_RDWR: does not wait for a reader
    }

    private void awaitServed(long count) throws Exception {
        long t0 = System.nanoTime();
        while (served() < count && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(5)) {
            Thread.sleep(100);
        }
        assertThat(served()).as("the server took the run").isGreaterThanOrEqualTo(count);
    }

    private static void interrupt(Process p) throws Exception {
        Process k = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
        assertThat(k.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * A piped console interrupted while it waits for its input goes on reading, as terraform's does
     * (it ignores SIGINT): through the server it then prints its result and exits 0, and the server
     * goes on serving. (The JVM run, and state list, output and show: {@link CtrlCIgnoredTest}.)
     */
    @Test
    void ctrlCDuringAPipedConsoleIsIgnoredAsByTerraform() throws Exception {
        Path dir = Files.createDirectories(app.tmp.resolve("ctrlc"));
        Files.writeString(dir.resolve("main.tf"), "output \"x\" {\n  value = 1\n}\n");
        app.run(app.tmp, true, "version");
        long server = app.daemonPid();
        long before = served();
        Path inServed = dir.resolve("in-served");
        try (RandomAccessFile w = fifo(inServed)) {
            Path log = dir.resolve("served.log");
            Process p = app.start(dir, true, Map.of(), inServed, log, log, "console");
            awaitServed(before + 1);
            interrupt(p);
            w.write("1 + 1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            w.close();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(log)).isZero();
            assertThat(Files.readString(log)).isEqualTo("2\n");
        }
        app.rememberDaemon();
        assertThat(app.daemonPid()).as("the server goes on").isEqualTo(server);
        assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false)).isTrue();
    }

    @Test
    void aSecondClientWhileTheServerWaitsAtAPromptRunsInAJvmOfItsOwn() throws Exception {
        String config = """
                variable "who" {
                }
                resource "terraform_data" "x" {
                  input = var.who
                }
                output "who" {
                  value = terraform_data.x.output
                }
                """;
        for (int round = 0; round < 3; round++) {
            Path a = Files.createDirectories(app.tmp.resolve("busy-a" + round));
            Path b = Files.createDirectories(app.tmp.resolve("busy-b" + round));
            Files.writeString(a.resolve("main.tf"), config);
            Files.writeString(b.resolve("main.tf"), config);
            app.run(app.tmp, true, "version"); // a server is running
            long before = served();
            Path in = a.resolve("stdin");
            try (RandomAccessFile w = fifo(in)) {
                Path la = a.resolve("out.log");
                // the first run holds the server at its approval prompt until the test answers
                Process pa = app.start(a, true, Map.of("TF_VAR_who", "alpha"), in, la, la, "apply", "-no-color");
                awaitServed(before + 1);
                long t0 = System.nanoTime();
                while (!Files.readString(la).contains("Enter a value:") && pa.isAlive()
                        && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(5)) {
                    Thread.sleep(100);
                }
                assertThat(Files.readString(la)).contains("Enter a value:");
                // meanwhile a second client: told "busy", it runs in a JVM of its own, to its end
                DaemonApp.Result rb = app.run(b, true, Map.of("TF_VAR_who", "beta"), null, "apply", "-auto-approve",
                        "-no-color");
                assertThat(rb.code()).as(rb.out() + rb.err()).isZero();
                assertThat(rb.out()).contains("+ input  = \"beta\"").contains("who = \"beta\"").doesNotContain("alpha");
                assertThat(served()).as("the second run was not served by the busy server").isEqualTo(before + 1);
                w.write("yes\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(pa.waitFor(5, TimeUnit.MINUTES)).isTrue();
                String oa = Files.readString(la);
                assertThat(pa.exitValue()).as(oa).isZero();
                assertThat(oa).contains("+ input  = \"alpha\"").contains("who = \"alpha\"").doesNotContain("beta");
            }
            assertThat(a.resolve("terraform.tfstate")).content().contains("\"alpha\"").doesNotContain("beta");
            assertThat(b.resolve("terraform.tfstate")).content().contains("\"beta\"").doesNotContain("alpha");
        }
    }
}
