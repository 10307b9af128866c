package io.capstan.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code capstan apply} of 500 resources with SIGKILL at random moments of its apply phase
 * until 20 runs were killed midway, and
 * checks that the next apply converges: every object recorded exactly once (500 addresses,
 * 500 distinct ids, all with the latest input), and a further apply changes nothing. Each
 * round changes the input of every resource, so every kill lands in a run that has work to do.
 */
class CrashRecoveryTest {
    private static final int RESOURCES = 500;
    private static final int KILLS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void killedAppliesAlwaysConverge() throws Exception {
        StringBuilder tf = new StringBuilder("variable \"gen\" {\n  default = \"0\"\n}\n\n");
        for (int i = 0; i < RESOURCES; i++) {
            // layers of 50: each resource depends on one in the layer before, so the walk has order to keep
            String input = i < 50 ? "var.gen" : "\"${var.gen}-${terraform_data.r" + (i - 50) + ".input}\"";
            tf.append("resource \"terraform_data\" \"r").append(i).append("\" {\n  input = ").append(input)
                    .append("\n}\n");
        }
        Files.writeString(dir.resolve("main.tf"), tf);
        Random random = new Random(42);
        int killedMidway = 0;
        int withJournal = 0;
        long full = timed(run("apply", "-auto-approve", "-var", "gen=0"), 120);
        assertThat(addresses()).hasSize(RESOURCES);
        Process measure = run("apply", "-auto-approve", "-var", "gen=measure");
        long began = System.nanoTime();
        while (measure.isAlive() && !outputContains(": Modifying...")) {
            Thread.sleep(5);
        }
        long startedApplying = System.nanoTime();
        assertThat(measure.waitFor(120, TimeUnit.SECONDS)).isTrue();
        long applyPhase = Math.max(50, (System.nanoTime() - startedApplying) / 1_000_000);
        System.out.println("first apply " + full + " ms; apply phase of " + RESOURCES + " updates: " + applyPhase + " ms (after "
                + (startedApplying - began) / 1_000_000 + " ms of start-up and planning)");
        int round = 0;
        while (killedMidway < KILLS && round < 2 * KILLS) {
            round++;
            Process p = run("apply", "-auto-approve", "-var", "gen=" + round);
            // wait for the first provider call, then kill at a random moment of the apply phase
            long waitStart = System.nanoTime();
            while (p.isAlive() && !outputContains(": Modifying...") && System.nanoTime() - waitStart < 120_000_000_000L) {
                Thread.sleep(10);
            }
            long delay = (long) (applyPhase * random.nextDouble() * 0.3);
            if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly(); // SIGKILL: no shutdown hooks, no final write
                p.waitFor();
                killedMidway++;
                // the dead holder's OS lock is gone; its lock info left behind is overwritten by the next apply
            }
            Path journal = dir.resolve(".terraform/capstan/journal-default.jsonl");
            boolean journaled = Files.exists(journal) && Files.readAllLines(journal).size() > 1;
            if (journaled) {
                withJournal++;
            }
            Process again = run("apply", "-auto-approve", "-var", "gen=" + round);
            assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(again.exitValue()).as("round %d converging apply: %s", round, output(round)).isZero();
            JsonNode state = JSON.readTree(dir.resolve("terraform.tfstate").toFile());
            List<String> addrs = addresses();
            assertThat(addrs).as("round %d", round).hasSize(RESOURCES).doesNotHaveDuplicates();
            Set<String> ids = new HashSet<>();
            for (JsonNode r : state.path("resources")) {
                assertThat(r.path("instances")).hasSize(1);
                JsonNode attrs = r.path("instances").get(0).path("attributes");
                ids.add(attrs.path("id").asText());
                JsonNode input = attrs.path("input"); // a dynamic attribute: {"value": ..., "type": ...}
                String value = input.path("value").asText();
                assertThat(value.equals(String.valueOf(round)) || value.startsWith(round + "-")).as(value).isTrue();
            }
            assertThat(ids).hasSize(RESOURCES);
            assertThat(Files.exists(journal)).isFalse();

        }
        Process last = run("plan", "-detailed-exitcode", "-var", "gen=" + round);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as("final plan must show no changes").isZero();
        System.out.println("crash test: " + round + " rounds, " + killedMidway + " applies killed midway ("
                + withJournal + " with journaled changes to replay), all converged");
        assertThat(killedMidway).isEqualTo(KILLS);
        assertThat(withJournal).isGreaterThanOrEqualTo(KILLS / 4);
    }

    private boolean outputContains(String text) {
        try {
            return Files.readString(dir.resolve("out.log")).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private List<String> addresses() throws IOException {
        JsonNode state = JSON.readTree(dir.resolve("terraform.tfstate").toFile());
        List<String> out = new ArrayList<>();
        for (JsonNode r : state.path("resources")) {
            for (JsonNode i : r.path("instances")) {
                out.add(r.path("type").asText() + "." + r.path("name").asText() + i.path("index_key"));
            }
        }
        return out;
    }

    private long timed(Process p, int timeoutSeconds) throws InterruptedException {
        long start = System.nanoTime();
        assertThat(p.waitFor(timeoutSeconds, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private String output(int round) {
        return "round " + round + ": " + CapstanProcess.log(dir);
    }

    private Process run(String... args) throws IOException {
        return CapstanProcess.start(dir, args, "-no-color");
    }
}
