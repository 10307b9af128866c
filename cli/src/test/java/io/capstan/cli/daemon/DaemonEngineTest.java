package io.capstan.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.cli.engine.SlowProviderMain;
import io.capstan.provider.sdk.testing.ClassPathProviders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The engine commands through the resident server ({@code CAPSTAN_DAEMON=1 bin/capstan}) against
 * the same commands in a JVM of their own: the same stdout, stderr, exit codes and state; the
 * client's environment, directory and standard input (approval prompts) per run, also for the
 * processes a run starts (the {@code local} provider, local-exec); Ctrl-C forwarded by the client
 * as SIGINT reaches a JVM run; a killed client stopping its run; two runs at once kept apart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaemonEngineTest {
    private static final String CONFIG = """
            terraform {
              required_providers {
                local = { source = "capstan/local" }
              }
            }
            variable "greeting" {
              default = "hello"
            }
            resource "terraform_data" "a" {
              input = var.greeting
            }
            resource "local_file" "f" {
              filename = "${path.module}/greeting.txt"
              content  = terraform_data.a.output
            }
            output "greeting" {
              value = terraform_data.a.output
            }
            output "file" {
              value = local_file.f.filename
            }
            """;

    private DaemonApp app;
    private Path mirror;

    @BeforeAll
    void setUp() throws IOException {
        app = new DaemonApp();
        mirror = ClassPathProviders.install(app.tmp.resolve("mirror"), "local", io.capstan.providers.local.Main.class);
        ClassPathProviders.install(mirror, "slow", SlowProviderMain.class);
    }

    @AfterAll
    void tearDown() throws Exception {
        app.close();
    }

    private Path workdir(String name, String config) throws Exception {
        Path dir = Files.createDirectories(app.tmp.resolve(name));
        Files.writeString(dir.resolve("main.tf"), config);
        DaemonApp.Result init = app.run(dir, false, "init", "-input=false", "-no-color", "-plugin-dir=" + mirror);
        assertThat(init.code()).as(init.out() + init.err()).isZero();
        return dir;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DaemonEngineTest.class.getResourceAsStream("/plan-interrupt/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What differs between two directories and two runs by nature: paths, ids, lineage, durations. */
    private static String normalized(String s, Path dir) {
        return s.replace(dir.toString(), "DIR")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID")
                .replaceAll("after \\d+s", "after Ns")
                .replaceAll("\"timestamp\": ?\"[^\"]*\"", "\"timestamp\":\"T\"");
    }

    private Path stdin(String text) throws IOException {
        Path f = Files.createTempFile(app.tmp, "stdin", ".txt");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void engineCommandsPrintExitAndWriteStateExactlyAsWithoutTheServer() throws Exception {
        Path plain = workdir("plain", CONFIG);
        Path served = workdir("served", CONFIG);
        record Step(String stdin, String... args) {
        }
        List<Step> steps = List.of(
                new Step(null, "plan", "-no-color"),
                new Step(null, "plan", "-no-color", "-detailed-exitcode"),
                new Step(null, "plan", "-no-color", "-var", "nosuch=1"),
                new Step("yes\n", "apply", "-no-color"),
                new Step(null, "plan", "-detailed-exitcode"),
                new Step(null, "output", "-json"),
                new Step(null, "output", "-raw", "greeting"),
                new Step(null, "output"),
                new Step(null, "state", "list"),
                new Step(null, "state", "show", "terraform_data.a"),
                new Step(null, "show", "-no-color"),
                new Step(null, "show", "-json"),
                new Step("no\n", "apply", "-no-color", "-var", "greeting=bye"),
                new Step(null, "apply", "-no-color", "-var", "greeting=bye"),
                new Step(null, "refresh", "-no-color"),
                new Step(null, "destroy", "-auto-approve", "-no-color"),
                new Step(null, "output", "-json"));
        SoftAssertions soft = new SoftAssertions();
        List<Integer> codes = new ArrayList<>();
        for (Step s : steps) {
            String what = String.join(" ", s.args());
            DaemonApp.Result a = app.run(plain, false, Map.of(), s.stdin() == null ? null : stdin(s.stdin()), s.args());
            DaemonApp.Result b = app.run(served, true, Map.of(), s.stdin() == null ? null : stdin(s.stdin()), s.args());
            soft.assertThat(normalized(b.out(), served)).as(what + " stdout").isEqualTo(normalized(a.out(), plain));
            soft.assertThat(normalized(b.err(), served)).as(what + " stderr").isEqualTo(normalized(a.err(), plain));
            soft.assertThat(b.code()).as(what + " exit code").isEqualTo(a.code());
            codes.add(b.code());
            if (s.args()[0].equals("apply") && s.stdin() != null && s.stdin().startsWith("yes")) {
                soft.assertThat(served.resolve("greeting.txt")).as("the provider ran in the client's directory")
                        .hasContent("hello");
                soft.assertThat(normalized(Files.readString(served.resolve("terraform.tfstate")), served))
                        .as("state after apply")
                        .isEqualTo(normalized(Files.readString(plain.resolve("terraform.tfstate")), plain));
            }
        }
        soft.assertThat(normalized(Files.readString(served.resolve("terraform.tfstate")), served)).as("state after destroy")
                .isEqualTo(normalized(Files.readString(plain.resolve("terraform.tfstate")), plain));
        // the runs exercised what they are meant to: changes present (2), an error (1), a declined prompt (1)
        soft.assertThat(codes).as("exit codes").containsExactly(0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0);
        soft.assertThat(app.daemonPid()).as("one server served them all").isPositive();
        soft.assertAll();
    }

    @Test
    void eachRunHasItsClientsEnvironmentAndDirectoryAlsoInTheProcessesItStarts() throws Exception {
        String config = """
                variable "greeting" {
                  default = "hello"
                }
                resource "terraform_data" "x" {
                  input = var.greeting
                  provisioner "local-exec" {
                    command = "printf '%s' \\"$MARK\\" > marker.txt"
                  }
                }
                output "greeting" {
                  value = terraform_data.x.output
                }
                """;
        Path one = workdir("env-one", config);
        Path two = workdir("env-two", config);
        DaemonApp.Result a = app.run(one, true, Map.of("MARK", "one", "TF_VAR_greeting", "from-one"), null,
                "apply", "-auto-approve", "-no-color");
        DaemonApp.Result b = app.run(two, true, Map.of("MARK", "two"), null, "apply", "-auto-approve", "-no-color");
        assertThat(a.code()).as(a.out() + a.err()).isZero();
        assertThat(b.code()).as(b.out() + b.err()).isZero();
        assertThat(one.resolve("marker.txt")).hasContent("one");
        assertThat(two.resolve("marker.txt")).hasContent("two");
        assertThat(app.run(one, true, "output", "-raw", "greeting").out()).isEqualTo("from-one");
        assertThat(app.run(two, true, "output", "-raw", "greeting").out()).as("no TF_VAR_ left over from the first run")
                .isEqualTo("hello");
        // -chdir and TF_DATA_DIR / TF_WORKSPACE of this run only
        DaemonApp.Result ws = app.run(app.tmp, true, Map.of("TF_WORKSPACE", "other"), null, "-chdir=env-one", "output");
        DaemonApp.Result wsPlain = app.run(app.tmp, false, Map.of("TF_WORKSPACE", "other"), null, "-chdir=env-one", "output");
        assertThat(ws).isEqualTo(wsPlain);
        assertThat(app.run(app.tmp, true, "-chdir=env-one", "output", "-raw", "greeting").out()).isEqualTo("from-one");
    }

    /** Waits (generously: a loaded machine starts provider JVMs slowly) until the slow provider reads. */
    private static void awaitReading(Path dir, Process p) throws InterruptedException {
        long t0 = System.nanoTime();
        while (p.isAlive() && !Files.exists(dir.resolve("a.txt.reading"))
                && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(10)) {
            Thread.sleep(50);
        }
        assertThat(Files.exists(dir.resolve("a.txt.reading"))).as("the provider started reading").isTrue();
    }

    private Path slowDir(String name, String state) throws Exception {
        Path dir = workdir(name, resource("main.tf"));
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.writeString(dir.resolve("b.txt"), "a");
        Files.writeString(dir.resolve("terraform.tfstate"), resource(state + ".tfstate"));
        return dir;
    }

    private static void signal(Process p, String sig) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start();
        assertThat(k.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    /** The server's child processes (provider plugins) once they have ended, or what is still running after 60 s. */
    private static List<Long> childrenLeft(long server) throws InterruptedException {
        long t0 = System.nanoTime();
        List<Long> left = List.of();
        while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60)) {
            left = ProcessHandle.of(server).map(h -> h.descendants().map(ProcessHandle::pid).toList()).orElse(List.of());
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        return left;
    }

    /** Drops "  with ADDR," lines (a known divergence from terraform's text, see PlanInterruptTest). */
    private static String withoutWith(String s) {
        StringBuilder b = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            if (!line.matches("  with [^ ]+,")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void ctrlCThroughTheServerStopsAsInAJvmRunAndAKilledClientStopsItsRun() throws Exception {
        app.run(app.tmp, true, "version"); // a server is running
        long server = app.daemonPid();
        // one Ctrl-C: graceful stop, output and exit code as terraform's (and a JVM run's), state untouched
        Path dir = slowDir("int-plan", "cancellable");
        Path log = dir.resolve("out.log");
        Process p = app.start(dir, true, Map.of(), null, log, log, "plan", "-no-color");
        awaitReading(dir, p);
        signal(p, "INT");
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isEqualTo(1);
        assertThat(withoutWith(Files.readString(log))).isEqualTo(withoutWith(resource("plan.txt")));
        assertThat(Files.readString(dir.resolve("terraform.tfstate"))).isEqualTo(resource("cancellable.tfstate"));
        assertThat(childrenLeft(server)).as("provider processes left running").isEmpty();
        assertThat(app.daemonPid()).as("the same server goes on serving").isEqualTo(server);

        // a client killed with -9 during apply's planning: its run stops as after Ctrl-C, applies nothing
        Path killed = slowDir("int-killed", "cancellable");
        Path klog = killed.resolve("out.log");
        Process k = app.start(killed, true, Map.of(), null, klog, klog, "apply", "-auto-approve", "-no-color");
        awaitReading(killed, k);
        signal(k, "KILL");
        k.waitFor(60, TimeUnit.SECONDS);
        assertThat(childrenLeft(server)).as("provider processes left running for nobody").isEmpty();
        DaemonApp.Result after = app.run(killed, true, "state", "list");
        assertThat(after.code()).as(after.err()).isZero();
        assertThat(Files.readString(killed.resolve("terraform.tfstate"))).as("nothing applied")
                .isEqualTo(resource("cancellable.tfstate"));
        assertThat(app.daemonPid()).isEqualTo(server);

        // two Ctrl-C: exits at once with 1 as a JVM run halts; the server halts with it, the next run starts another
        Path twice = slowDir("int-twice", "stubborn");
        Path tlog = twice.resolve("out.log");
        Process t = app.start(twice, true, Map.of(), null, tlog, tlog, "plan", "-no-color");
        awaitReading(twice, t);
        signal(t, "INT");
        Thread.sleep(500);
        signal(t, "INT");
        assertThat(t.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(t.exitValue()).as(Files.readString(tlog)).isEqualTo(1);
        assertThat(Files.readString(tlog)).contains("Two interrupts received. Exiting immediately.")
                .contains("operation canceled");
        assertThat(ProcessHandle.of(server).orElseThrow().onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(Files.readString(twice.resolve("terraform.tfstate"))).isEqualTo(resource("stubborn.tfstate"));
        DaemonApp.Result next = app.run(app.tmp, true, "version");
        assertThat(next.code()).isZero();
        assertThat(app.daemonPid()).isPositive().isNotEqualTo(server);
    }

    @Test
    void twoRunsAtOnceKeepTheirOutputEnvironmentAndState() throws Exception {
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
            Path a = workdir("both-a" + round, config);
            Path b = workdir("both-b" + round, config);
            Path la = a.resolve("out.log");
            Path lb = b.resolve("out.log");
            Process pa = app.start(a, true, Map.of("TF_VAR_who", "alpha"), null, la, la, "apply", "-auto-approve", "-no-color");
            Process pb = app.start(b, true, Map.of("TF_VAR_who", "beta"), null, lb, lb, "apply", "-auto-approve", "-no-color");
            assertThat(pa.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(pb.waitFor(10, TimeUnit.MINUTES)).isTrue();
            String oa = Files.readString(la);
            String ob = Files.readString(lb);
            assertThat(pa.exitValue()).as(oa).isZero();
            assertThat(pb.exitValue()).as(ob).isZero();
            assertThat(oa).contains("+ input  = \"alpha\"").contains("who = \"alpha\"").doesNotContain("beta");
            assertThat(ob).contains("+ input  = \"beta\"").contains("who = \"beta\"").doesNotContain("alpha");
            assertThat(a.resolve("terraform.tfstate")).content().contains("\"alpha\"").doesNotContain("beta");
            assertThat(b.resolve("terraform.tfstate")).content().contains("\"beta\"").doesNotContain("alpha");
            app.rememberDaemon();
        }
    }
}
