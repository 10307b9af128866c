package io.capstan.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on a real {@code capstan apply} process (SIGINT): the first interrupt stops gracefully
 * with Terraform's messages — what completed is in the saved state, nothing new starts, the
 * provisioner in flight is killed as Terraform kills it — and a second exits at once, the journal
 * keeping what completed for the next run. Either way the next apply converges.
 */
class InterruptTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private void config(String slowCommand) throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "fast" {
                  input = "done"
                }
                resource "terraform_data" "slow" {
                  input = terraform_data.fast.output
                  provisioner "local-exec" {
                    command = "CMD"
                  }
                }
                resource "terraform_data" "after" {
                  input = terraform_data.slow.id
                }
                """.replace("CMD", slowCommand));
    }

    @Test
    void firstInterruptStopsGracefullyAndSavesState() throws Exception {
        config("touch started; sleep 60");
        Process p = run("apply", "-auto-approve");
        awaitStarted(p);
        CapstanProcess.interrupt(p);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out()).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(out()).contains("""

                Interrupt received.
                Please wait for Terraform to exit or data loss may occur.
                Gracefully shutting down...

                Stopping operation...
                """).contains("Error: execution halted")
                .contains("Error running command 'touch started; sleep 60': signal: killed.")
                .doesNotContain("terraform_data.after: Creating...");
        JsonNode state = JSON.readTree(dir.resolve("terraform.tfstate").toFile());
        List<String> names = new ArrayList<>();
        state.path("resources").forEach(r -> names.add(r.path("name").asText()
                + (r.path("instances").get(0).has("status") ? "(" + r.path("instances").get(0).path("status").asText()
                + ")" : "")));
        assertThat(names).containsExactly("fast", "slow(tainted)");
        assertThat(dir.resolve(".terraform/capstan/journal-default.jsonl")).doesNotExist();
        converges();
    }

    @Test
    void secondInterruptExitsAtOnceAndTheJournalKeepsWhatCompleted() throws Exception {
        // The call in flight must not be able to finish before the second interrupt, or the first one's
        // graceful stop would save the state and remove the journal: the command's output is held open
        // by an orphan (not the shell's descendant, so the stop's kill misses it) until this test
        // releases it, and "started" is touched only once the orphan exists. The second interrupt is
        // sent once the first was handled: two SIGINTs sent back to back can merge into one.
        config("(while [ ! -e release ]; do sleep 0.1; done &); touch started; sleep 60");
        try {
            Process p = run("apply", "-auto-approve");
            awaitStarted(p);
            CapstanProcess.interrupt(p);
            awaitOutput(p, "Stopping operation...");
            assertThat(p.isAlive()).as("the graceful stop waits for the call in flight\n" + out()).isTrue();
            CapstanProcess.interrupt(p);
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).as(out()).isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
            assertThat(out()).contains("Interrupt received.")
                    .contains("\nTwo interrupts received. Exiting immediately. Note that data loss may have\noccurred.\n")
                    .contains("Error: operation canceled"); // as terraform 1.11.4 prints them (see PlanInterruptTest)
            Path journal = dir.resolve(".terraform/capstan/journal-default.jsonl");
            // (once in CI, session 16, the journal was gone after a run that printed every line above: the output
            // and the working directory's files tell what happened if it recurs). A likely cause (session 17): the
            // JDK's process reaper drains and closes a child's output pipe when the child exits unless a reader is
            // blocked in read() at that instant, so if LocalExec's reader was not (a starved thread), the stop's kill
            // of the shell ended the call despite the orphan, the graceful stop completed and finished the journal
            // before the second SIGINT: then the output also has "signal: killed" and "execution halted"
            assertThat(Files.exists(journal)).as("graceful stop completed first: "
                    + out().contains("Error: execution halted") + "\n" + out() + "\nfiles: " + files()).isTrue();
            assertThat(Files.readString(journal)).contains("\"name\":\"fast\"");
        } finally {
            Files.writeString(dir.resolve("release"), ""); // the orphan ends
        }
        Files.deleteIfExists(dir.resolve(".terraform.tfstate.lock.info"));
        converges();
    }

    /** The next apply completes, with "fast" recorded once and not created again. */
    private void converges() throws Exception {
        config("true");
        Process again = run("apply", "-auto-approve");
        assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).as(out()).isZero();
        assertThat(out()).doesNotContain("terraform_data.fast: Creating...");
        JsonNode state = JSON.readTree(dir.resolve("terraform.tfstate").toFile());
        List<String> names = new ArrayList<>();
        state.path("resources").forEach(r -> {
            names.add(r.path("name").asText());
            assertThat(r.path("instances")).hasSize(1);
        });
        assertThat(names).containsExactly("after", "fast", "slow");
    }

    private void awaitStarted(Process p) throws InterruptedException {
        long t0 = System.nanoTime();
        while (p.isAlive() && !Files.exists(dir.resolve("started")) && System.nanoTime() - t0 < 120_000_000_000L) {
            Thread.sleep(20);
        }
        assertThat(Files.exists(dir.resolve("started"))).as(out()).isTrue();
    }

    private void awaitOutput(Process p, String text) throws InterruptedException {
        long t0 = System.nanoTime();
        while (p.isAlive() && !out().contains(text) && System.nanoTime() - t0 < 120_000_000_000L) {
            Thread.sleep(20);
        }
        assertThat(out()).contains(text);
    }

    private Process run(String... args) throws IOException {
        return CapstanProcess.start(dir, args, "-no-color");
    }

    private String files() {
        try (var walk = Files.walk(dir)) {
            return walk.map(p -> dir.relativize(p).toString()).sorted().toList().toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private String out() {
        return CapstanProcess.log(dir);
    }
}
