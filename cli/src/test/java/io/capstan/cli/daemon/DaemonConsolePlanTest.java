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
            Path plain = Files.createDirectories(app.tmp.resolve("plain"));
            Path served = Files.createDirectories(app.tmp.resolve("served"));
            for (Path d : List.of(plain, served)) {
                Files.writeString(d.resolve("main.tf"), "resource \"terraform_data\" \"a\" {\n  input = \"old\"\n}\n");
                DaemonApp.Result applied = app.run(d, false, "apply", "-auto-approve", "-no-color");
                assertThat(applied.code()).as(applied.out() + applied.err()).isZero();
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
                Path in = Files.createTempFile(app.tmp, "stdin", ".txt");
                Files.writeString(in, s.stdin());
                DaemonApp.Result a = app.run(plain, false, Map.of(), in, s.args());
                DaemonApp.Result b = app.run(served, true, Map.of(), in, s.args());
                soft.assertThat(b.out()).as(what + " stdout").isEqualTo(a.out());
                soft.assertThat(b.err().replaceAll("(?m)^capstan: started a Capstan daemon .*\n", "")
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

    private static Path writeTemp(DaemonApp app, String text) throws Exception {
        Path f = Files.createTempFile(app.tmp, "stdin", ".txt");
        Files.writeString(f, text);
        return f;
    }
}
