package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioner lines as {@code terraform apply} prints them (recorded from terraform 1.11.4):
 * {@code addr: Provisioning with 'local-exec'...} then {@code addr (local-exec): ...}, and in
 * {@code -json} a {@code provision_start} message with the provisioner's type.
 */
class ProvisionerOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        java.io.StringWriter o = new java.io.StringWriter();
        java.io.StringWriter e = new java.io.StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "-chdir=" + dir;
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.run(all, new java.io.PrintWriter(o, true), new java.io.PrintWriter(e, true));
        return new CliRun(code, o.toString(), e.toString());
    }

    @Test
    void creationProvisionerLinesAsTerraformPrintsThem() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  input = "x"
                  provisioner "local-exec" {
                    command = "echo hi ${self.input}"
                  }
                }
                """);
        CliRun r = run("apply", "-auto-approve", "-no-color");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        String id = r.out().replaceAll("(?s).*Creation complete after \\d+s \\[id=([^\\]]+)\\].*", "$1");
        assertThat(r.out()).contains("""
                terraform_data.a: Creating...
                terraform_data.a: Provisioning with 'local-exec'...
                terraform_data.a (local-exec): Executing: ["/bin/sh" "-c" "echo hi x"]
                terraform_data.a (local-exec): hi x
                terraform_data.a: Creation complete after 0s [id=%s]
                """.formatted(id));

        assertThat(run("destroy", "-auto-approve").code()).isZero();
        CliRun j = run("apply", "-auto-approve", "-json");
        assertThat(j.code()).as(j.out() + j.err()).isZero();
        List<JsonNode> starts = new ArrayList<>();
        for (String line : j.out().split("\n")) {
            JsonNode n = JSON.readTree(line);
            if (n.path("type").asText().equals("provision_start")) {
                starts.add(n);
            }
        }
        assertThat(starts).hasSize(1);
        assertThat(starts.get(0).path("@message").asText())
                .isEqualTo("terraform_data.a: Provisioning with 'local-exec'...");
        assertThat(starts.get(0).path("hook").path("provisioner").asText()).isEqualTo("local-exec");
        assertThat(starts.get(0).path("hook").path("resource").path("addr").asText()).isEqualTo("terraform_data.a");
    }

    /** Recorded from terraform 1.11.4 {@code destroy}: the provisioner runs between Destroying... and completion. */
    @Test
    void destroyTimeProvisionerLinesAsTerraformPrintsThem() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  input = "x"
                  provisioner "local-exec" {
                    when       = destroy
                    command    = "echo bye ${self.input}; exit 1"
                    on_failure = continue
                  }
                  provisioner "local-exec" {
                    when    = destroy
                    command = "echo bye2 ${self.id}"
                  }
                }
                """);
        assertThat(run("apply", "-auto-approve", "-no-color").code()).isZero();
        CliRun r = run("destroy", "-auto-approve", "-no-color");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        String id = r.out().replaceAll("(?s).*Destroying\\.\\.\\. \\[id=([^\\]]+)\\].*", "$1");
        assertThat(r.out()).contains("""
                terraform_data.a: Destroying... [id=%1$s]
                terraform_data.a: Provisioning with 'local-exec'...
                terraform_data.a (local-exec): Executing: ["/bin/sh" "-c" "echo bye x; exit 1"]
                terraform_data.a (local-exec): bye x
                terraform_data.a: Provisioning with 'local-exec'...
                terraform_data.a (local-exec): Executing: ["/bin/sh" "-c" "echo bye2 %1$s"]
                terraform_data.a (local-exec): bye2 %1$s
                terraform_data.a: Destruction complete after 0s

                Destroy complete! Resources: 1 destroyed.
                """.formatted(id));
    }
}
