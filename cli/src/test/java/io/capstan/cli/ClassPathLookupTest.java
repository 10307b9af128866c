package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run does not search the class path for a class that is not there. Such a miss makes the
 * application class loader open every jar of the class path (over a hundred in the distribution)
 * and keep each one's central directory in the heap for the rest of the run: picocli's default
 * factory looked up {@code groovy.lang.Closure} on every run, which cost a plan of 1,000 resources
 * about 7 MiB of peak RSS. The JDK's {@code sun.misc.URLClassPath.debug} lists every lookup the
 * class path serves; a separate JVM runs the command so that the lookup is not hidden by an earlier
 * test in this JVM having initialised picocli already.
 */
class ClassPathLookupTest {

    @TempDir
    Path dir;

    private String lookups(String... command) throws IOException, InterruptedException {
        Path err = dir.resolve("err.txt");
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsun.misc.URLClassPath.debug=true", "-XX:TieredStopAtLevel=1", "-Xshare:off",
                "-cp", System.getProperty("java.class.path"), "io.capstan.cli.Main"));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the run ended").isTrue();
        assertThat(p.exitValue()).as("exit code").isZero();
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    @Test
    void planDoesNotLookForGroovyOnTheClassPath() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  input = "a"
                }
                """);
        String log = lookups("plan", "-no-color");
        // the debug switch works: the run's own classes were looked up through it
        assertThat(log).contains("URLClassPath.getResource(\"io/capstan/cli/Main.class\")");
        assertThat(log).doesNotContain("groovy/lang/Closure");
    }

    /**
     * msgpack-core's packer looks up {@code android.os.Build$VERSION} when its class is first
     * initialised (no switch turns that off), so a run must not encode MessagePack where no plugin
     * needs it: the built-in provider's refresh (replan) and deletion (destroy) take values
     * in-process, as its plan and apply do.
     */
    @Test
    void builtinOnlyRunsDoNotLoadMessagePackNorLookForAndroid() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  count = 3
                  input = { n = count.index, s = ["x", 1.5] }
                }
                """);
        for (String[] step : new String[][] {{"apply", "-auto-approve", "-no-color"}, {"plan", "-no-color"},
                {"destroy", "-auto-approve", "-no-color"}}) {
            String log = lookups(step);
            assertThat(log).as(step[0]).contains("URLClassPath.getResource(\"io/capstan/cli/Main.class\")");
            assertThat(log).as(step[0]).doesNotContain("android/os/Build");
            assertThat(log).as(step[0]).doesNotContain("org/msgpack/core/MessagePacker.class");
        }
        assertThat(Files.readString(dir.resolve("terraform.tfstate"))).as("destroyed").doesNotContain("terraform_data");
    }
}
