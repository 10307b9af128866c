package io.capstan.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of an apply between the create and the delete of a create-before-destroy
 * replacement loses nothing: the old object is in state as a deposed object (Terraform's
 * {@code deposed} key), the next plan shows "(deposed object KEY) will be destroyed", the next
 * apply destroys it; and terraform 1.11 reads the same state and plans the same deletion.
 */
class DeposedCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void killBetweenCreateAndDeleteLeavesADeposedObjectTheNextApplyDestroys() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                variable "v" {
                  default = "one"
                }
                resource "terraform_data" "a" {
                  triggers_replace = var.v
                  provisioner "local-exec" {
                    # the replacement pauses after its create, before the old object's delete
                    command = var.v == "two" ? "touch started; sleep 120" : "true"
                  }
                  lifecycle {
                    create_before_destroy = true
                  }
                }
                """);
        assertThat(finish(run("apply", "-auto-approve"))).isZero();
        String oldId = current().path("attributes").path("id").asText();

        Process p = run("apply", "-auto-approve", "-var", "v=two");
        long t0 = System.nanoTime();
        while (!Files.exists(dir.resolve("started")) && System.nanoTime() - t0 < 120_000_000_000L) {
            Thread.sleep(20);
        }
        assertThat(Files.exists(dir.resolve("started"))).as(log()).isTrue();
        p.destroyForcibly(); // SIGKILL while the old object still exists and the new one is recorded
        p.waitFor();
        Files.deleteIfExists(dir.resolve(".terraform.tfstate.lock.info"));

        Process plan = run("plan", "-var", "v=two");
        assertThat(finish(plan)).as(log()).isZero();
        String planned = log();
        assertThat(planned).containsPattern("# terraform_data\\.a \\(deposed object [0-9a-f]{8}\\) will be destroyed");
        assertThat(planned).contains("# (left over from a partially-failed replacement of this instance)");
        assertThat(planned).contains("Plan: 0 to add, 0 to change, 1 to destroy.");

        // the state as written (journal replayed) holds both objects, the old one under its deposed key
        JsonNode state = JSON.readTree(dir.resolve("terraform.tfstate").toFile());
        JsonNode instances = state.path("resources").get(0).path("instances");
        assertThat(instances).hasSize(2);
        assertThat(instances.get(0).has("deposed")).isFalse();
        String newId = instances.get(0).path("attributes").path("id").asText();
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(instances.get(1).path("deposed").asText()).matches("[0-9a-f]{8}");
        assertThat(instances.get(1).path("attributes").path("id").asText()).isEqualTo(oldId);
        String key = instances.get(1).path("deposed").asText();

        terraformPlansTheSameDeletion(key);

        assertThat(finish(run("apply", "-auto-approve", "-var", "v=two"))).as(log()).isZero();
        assertThat(log()).contains("terraform_data.a (deposed object " + key + "): Destroying... [id=" + oldId + "]")
                .contains("Apply complete! Resources: 0 added, 0 changed, 1 destroyed.");
        JsonNode after = JSON.readTree(dir.resolve("terraform.tfstate").toFile()).path("resources").get(0)
                .path("instances");
        assertThat(after).hasSize(1);
        assertThat(after.get(0).path("attributes").path("id").asText()).isEqualTo(newId);
        assertThat(finish(run("plan", "-detailed-exitcode", "-var", "v=two"))).as(log()).isZero();
    }

    /** Terraform reads the state Capstan wrote and plans the deposed object's deletion too. */
    private void terraformPlansTheSameDeletion(String key) throws Exception {
        if (!onPath("terraform")) {
            System.out.println("SKIP: terraform is not installed; the deposed state was not checked with it");
            return;
        }
        Path tf = Files.createDirectory(dir.resolve("tf"));
        Files.copy(dir.resolve("main.tf"), tf.resolve("main.tf"));
        Files.copy(dir.resolve("terraform.tfstate"), tf.resolve("terraform.tfstate"));
        assertThat(tool(tf, "terraform", "init", "-no-color")).isZero();
        assertThat(tool(tf, "terraform", "plan", "-no-color", "-refresh=false", "-var", "v=two")).isZero();
        assertThat(Files.readString(tf.resolve("tool.log")))
                .contains("# terraform_data.a (deposed object " + key + ") will be destroyed")
                .contains("Plan: 0 to add, 0 to change, 1 to destroy.");
    }

    private static boolean onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return true;
            }
        }
        return false;
    }

    private static int tool(Path wd, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(wd.toFile()).redirectErrorStream(true)
                .redirectOutput(wd.resolve("tool.log").toFile());
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private JsonNode current() throws IOException {
        return JSON.readTree(dir.resolve("terraform.tfstate").toFile()).path("resources").get(0).path("instances").get(0);
    }

    private static int finish(Process p) throws InterruptedException {
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private Process run(String... args) throws IOException {
        return CapstanProcess.start(dir, args, "-no-color");
    }

    private String log() {
        return CapstanProcess.log(dir);
    }
}
