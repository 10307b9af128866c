package io.capstan.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * {@code console -plan} with piped input runs in the resident server as a piped {@code console}
 * does, and prints, exits and leaves the state as in a JVM of its own: planned values, a problem
 * in the plan (shown, then evaluation goes on), an error in the input, {@code -var}.
 */
class DaemonConsolePlanTest {
    private static final String CONFIG = """
            variable "x" { default = "d" }
            resource "terraform_data" "a" {
              input = var.x
            }
            resource "terraform_data" "b" {
              input = "${terraform_data.a.output}!"
              lifecycle {
                precondition {
                  condition     = var.x != "bad"
                  error_message = "x is bad"
                }
              }
            }
            """;

    private record Step(String stdin, String... args) {
    }

    @Test
    void pipedConsolePlanPrintsAndExitsAsWithoutTheServer() throws Exception {
        try (DaemonApp app = new DaemonApp()) {
            Path[] dirs = appliedPair(app);
            Path plain = dirs[0];
            Path served = dirs[1];
            for (Path d : dirs) {
                Files.writeString(d.resolve("main.tf"), CONFIG);
            }
            String stateBefore = Files.readString(served.resolve("terraform.tfstate"));
            List<Step> steps = List.of(
                    new Step("terraform_data.a\nterraform_data.b.input\n", "console", "-plan", "-no-color"),
                    new Step("[var.x, terraform_data.a.input]\n", "console", "-plan", "-no-color", "-var", "x=bad"),
                    new Step("nosuch.thing\n", "console", "-plan", "-no-color"));
            SoftAssertions soft = new SoftAssertions();
            for (Step s : steps) {
                String what = String.join(" ", s.args()) + " <<< " + s.stdin().strip();
                Path in = writeTemp(app, s.stdin());
                DaemonApp.Result a = app.run(plain, false, Map.of(), in, s.args());
                DaemonApp.Result b = app.run(served, true, Map.of(), in, s.args());
                soft.assertThat(b.out()).as(what + " stdout").isEqualTo(a.out());
                soft.assertThat(withoutStartLine(b.err())
                        .replace(served.toString(), "DIR"))
                        .as(what + " stderr").isEqualTo(a.err().replace(plain.toString(), "DIR"));
                soft.assertThat(b.code()).as(what + " exit code").isEqualTo(a.code());
            }
            soft.assertThat(app.daemonPid()).as("the server ran them").isPositive();
            soft.assertThat(Files.readString(served.resolve("terraform.tfstate"))).as("console wrote no state")
                    .isEqualTo(stateBefore);
            soft.assertAll();
            // what the runs printed is the plan's: an update with its new input, a value known only after apply
            DaemonApp.Result r = app.run(served, true, Map.of(), writeTemp(app, "terraform_data.a\n"),
                    "console", "-plan", "-no-color");
            assertThat(r.out()).contains("\"input\" = \"d\"", "\"output\" = (known after apply)");
            DaemonApp.Result bad = app.run(served, true, Map.of(), writeTemp(app, "var.x\n"),
                    "console", "-plan", "-no-color", "-var", "x=bad");
            assertThat(bad.code()).isZero();
            assertThat(bad.err()).contains("Error: Resource precondition failed");
            assertThat(bad.out()).contains("Warning: Due to the problems above, some expressions may produce "
                    + "unexpected results.").endsWith("\"bad\"\n");
        }
    }

    /**
     * A piped {@code console} (without -plan) takes the state lock as terraform's does, in the
     * server as in a JVM of its own: while another process holds the state file's lock (this test's
     * JVM) both stop with the same "Error acquiring the state lock", exit 1; once it is released both
     * evaluate, and neither leaves its lock behind.
     */
    @Test
    void pipedConsoleTakesTheStateLockInTheServerToo() throws Exception {
        try (DaemonApp app = new DaemonApp()) {
            Path[] dirs = appliedPair(app);
            Path plain = dirs[0];
            Path served = dirs[1];
            Path in = writeTemp(app, "terraform_data.a.input\n");
            DaemonApp.Result[] locked = new DaemonApp.Result[2];
            for (int i = 0; i < 2; i++) {
                Path d = i == 0 ? plain : served;
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(d.resolve("terraform.tfstate"),
                        java.nio.file.StandardOpenOption.WRITE);
                        java.nio.channels.FileLock held = ch.tryLock()) {
                    assertThat(held).isNotNull();
                    locked[i] = app.run(d, i == 1, Map.of(), in, "console", "-no-color");
                }
            }
            assertThat(app.daemonPid()).as("the server ran it").isPositive();
            assertThat(locked[1].code()).as(locked[1].err()).isEqualTo(1);
            assertThat(withoutStartLine(locked[1].err()))
                    .isEqualTo(locked[0].err())
                    .contains("Error: Error acquiring the state lock", "open .terraform.tfstate.lock.info: no such file");
            assertThat(locked[1].out()).isEqualTo(locked[0].out()).isEmpty();
            assertThat(locked[0].code()).isEqualTo(1);
            for (Path d : List.of(plain, served)) {
                DaemonApp.Result r = app.run(d, d == served, Map.of(), in, "console", "-no-color");
                assertThat(r.code()).as(r.err()).isZero();
                assertThat(r.out()).isEqualTo("\"old\"\n");
                assertThat(d.resolve(".terraform.tfstate.lock.info")).doesNotExist();
            }
            // the server released its lock: another process takes it
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(served.resolve("terraform.tfstate"),
                    java.nio.file.StandardOpenOption.WRITE);
                    java.nio.channels.FileLock held = ch.tryLock()) {
                assertThat(held).isNotNull();
            }
        }
    }

    /**
     * Two directories, {@code plain} (each command in a JVM of its own) and {@code served} (through the
     * server), each with one {@code terraform_data} applied in a JVM of its own.
     */
    private static Path[] appliedPair(DaemonApp app) throws Exception {
        Path[] dirs = {Files.createDirectories(app.tmp.resolve("plain")),
            Files.createDirectories(app.tmp.resolve("served"))};
        for (Path d : dirs) {
            Files.writeString(d.resolve("main.tf"), "resource \"terraform_data\" \"a\" {\n  input = \"old\"\n}\n");
            DaemonApp.Result applied = app.run(d, false, "apply", "-auto-approve", "-no-color");
            assertThat(applied.code()).as(applied.out() + applied.err()).isZero();
        }
        return dirs;
    }

    /** A served run's stderr without the line that says the server was started. */
    private static String withoutStartLine(String err) {
        return err.replaceAll("(?m)^capstan: started a Capstan daemon .*\n", "");
    }

    private static Path writeTemp(DaemonApp app, String text) throws Exception {
        Path f = Files.createTempFile(app.tmp, "stdin", ".txt");
        Files.writeString(f, text);
        return f;
    }
}
