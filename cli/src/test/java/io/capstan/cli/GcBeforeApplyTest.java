package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/capstan runs apply and destroy with {@code -Dcapstan.gcBeforeApply=true}: one full collection
 * once the plan is made and shown, before the first change, so that what planning left in the old
 * generation is reclaimed before the apply's own objects touch new pages (peak RSS). Each command runs
 * in a JVM of its own with a GC log: the collection happens exactly there (not for a plan, not for an
 * apply with nothing to change, not without the property, as in the resident server) and the runs
 * still do what they did.
 */
class GcBeforeApplyTest {

    @TempDir
    Path dir;

    private String out;

    /** The number of full collections System.gc() asked for in one run of the CLI. */
    private long explicitCollections(boolean property, String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("gc.log");
        Files.deleteIfExists(log);
        List<String> jvm = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xlog:gc:file=" + log));
        if (property) {
            jvm.add("-Dcapstan.gcBeforeApply=true");
        }
        Path o = dir.resolve("out.txt");
        ForkedJvm.runOk(dir, jvm, "io.capstan.cli.Main", List.of(args), o, true, 180);
        out = Files.readString(o);
        // "[0.529s][info][gc] GC(7) Pause Full (System.gc()) 3M->2M(15M) 4.371ms"
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("Pause Full (System.gc())")).count();
    }

    @Test
    void oneCollectionBeforeApplyingOnlyWhenAskedAndOnlyWithChanges() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  count = 3
                  input = "v${count.index}"
                }
                """);
        assertThat(explicitCollections(true, "plan", "-no-color")).as("plan").isZero();
        assertThat(out).contains("Plan: 3 to add, 0 to change, 0 to destroy.");

        assertThat(explicitCollections(true, "apply", "-auto-approve", "-no-color")).as("apply").isEqualTo(1);
        assertThat(out).contains("Apply complete! Resources: 3 added, 0 changed, 0 destroyed.");
        assertThat(Files.readString(dir.resolve("terraform.tfstate"))).contains("\"v2\"");

        assertThat(explicitCollections(true, "apply", "-auto-approve", "-no-color")).as("apply, no changes").isZero();
        assertThat(out).contains("Apply complete! Resources: 0 added, 0 changed, 0 destroyed.");

        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  count = 4
                  input = "v${count.index}"
                }
                """);
        assertThat(explicitCollections(false, "apply", "-auto-approve", "-no-color")).as("apply without the property")
                .isZero();
        assertThat(out).contains("Apply complete! Resources: 1 added, 0 changed, 0 destroyed.");

        assertThat(explicitCollections(true, "destroy", "-auto-approve", "-no-color")).as("destroy").isEqualTo(1);
        assertThat(out).contains("Destroy complete! Resources: 4 destroyed.");
        assertThat(Files.readString(dir.resolve("terraform.tfstate"))).doesNotContain("terraform_data");
    }
}
