package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine commands load decides the size of bin/capstan's engine class-data archive
 * ({@code Train -engine} records it), and a JVM's RSS grows with the archive it maps. A plan,
 * apply or destroy of a configuration with outputs used to initialise an {@code ObjectMapper}
 * (databind's ~470 classes); the training's temporary directory came from
 * {@code Files.createTempDirectory}, whose SecureRandom brought the JCA's ~60 classes. Each command
 * runs in a JVM of its own here, so that no earlier test's classes hide what it loads.
 */
class EngineClassesTest {

    @TempDir
    Path dir;

    private Set<String> loaded(String mainClass, String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("classes.log");
        Files.deleteIfExists(log);
        ForkedJvm.runOk(dir, ForkedJvm.classLoadLogging(log), mainClass, List.of(args), dir.resolve("out.txt"), false,
                180);
        return ForkedJvm.loadedClasses(log);
    }

    @Test
    void engineCommandsWithOutputsInitialiseNoObjectMapper() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  count = 2
                  input = "v${count.index}"
                }
                output "ids" {
                  value = terraform_data.a[*].id
                }
                output "o" {
                  value = { n = 1.5, big = 12345678901234567890, s = "x", l = [true, null] }
                }
                """);
        for (String[] step : new String[][] {{"plan", "-no-color"}, {"apply", "-auto-approve", "-no-color"},
                {"plan", "-no-color", "-detailed-exitcode"}, {"destroy", "-auto-approve", "-no-color"}}) {
            Set<String> classes = loaded("io.capstan.cli.Main", step);
            assertThat(classes).as(String.join(" ", step)).contains("io.capstan.engine.plan.Engine");
            assertThat(classes).as(String.join(" ", step)).doesNotContain("com.fasterxml.jackson.databind.ObjectMapper");
            if (step[0].equals("apply")) {
                assertThat(Files.readString(dir.resolve("out.txt"))).contains("""
                        Outputs:

                        ids = [
                        """).contains("""
                        o = {
                          "big" = 12345678901234567890
                          "l" = [
                            true,
                            null,
                          ]
                          "n" = 1.5
                          "s" = "x"
                        }
                        """);
            }
        }
        assertThat(Files.readString(dir.resolve("terraform.tfstate"))).as("destroyed").doesNotContain("terraform_data");
    }

    /**
     * Code that runs for each instance or graph node on the walk's threads links no lambda: when two threads
     * first reach a lambda's call site together, JDK 17 takes the archived class for one and spins a new class
     * for the other, and every lambda call site costs each run its bootstrap. Nor do Main's picocli handlers
     * (bin/capstan cannot archive a lambda implementing picocli's interfaces, so JDK 17 spun them every run).
     */
    @Test
    void planWalkAndCommandSetUpLinkNoLambdaPerInstanceOrNode() throws Exception {
        StringBuilder config = new StringBuilder("""
                resource "terraform_data" "c" {
                  count = 20
                  input = "v${count.index}"
                }
                """);
        for (int i = 0; i < 20; i++) {
            config.append("resource \"terraform_data\" \"w").append(i).append("\" {\n  input = \"w").append(i)
                    .append("\"\n}\n");
        }
        Files.writeString(dir.resolve("main.tf"), config.toString());
        Set<String> classes = loaded("io.capstan.cli.Main", "plan", "-no-color");
        assertThat(Files.readString(dir.resolve("out.txt"))).contains("Plan: 40 to add, 0 to change, 0 to destroy.");
        assertThat(classes).contains("io.capstan.engine.plan.InstancePlanner", "io.capstan.engine.walk.ParallelWalker");
        for (String owner : List.of("io.capstan.engine.plan.InstancePlanner",
                "io.capstan.engine.walk.ParallelWalker$1Scheduler", "io.capstan.cli.Main",
                "io.capstan.graph.graph.ResourceDependencies", "io.capstan.engine.plan.StateDependencies")) {
            assertThat(classes).as(owner).noneMatch(c -> c.startsWith(owner + "$$Lambda"));
        }
    }

    @Test
    void engineTrainingRunsTheEngineWithoutObjectMapperOrSecureRandom() throws Exception {
        Set<String> classes = loaded("io.capstan.cli.Train", dir.toString(), "-engine");
        assertThat(classes).contains("io.capstan.engine.plan.Engine", "io.capstan.engine.journal.Journal",
                "io.capstan.cli.ApplyCommand", "io.capstan.cli.DestroyCommand");
        assertThat(classes).doesNotContain("com.fasterxml.jackson.databind.ObjectMapper", "java.security.SecureRandom");
        // nor the commands only the lean archive trains
        assertThat(classes).doesNotContain("io.capstan.cli.FmtCommand", "io.capstan.cli.GraphCommand");
    }
}
