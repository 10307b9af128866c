package io.capstan.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.cli.Main;
import io.capstan.provider.sdk.testing.ClassPathProviders;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C while planning, on real {@code capstan} processes, against what terraform 1.11.4 printed
 * in the same situations (recorded under {@code plan-interrupt/}: the same main.tf and state, the
 * test provider {@link SlowProviderMain} whose refresh of {@code slow_file.a} takes 30 s, SIGINT
 * once the refresh has started; output is stdout and stderr together, as recorded):
 * <ul>
 * <li>{@code plan}: "Interrupt received...", "Stopping operation...", StopProvider cancels the
 *     refresh in flight, "Planning failed." and the provider's error, exit 1; with {@code -out} an
 *     errored plan file (as terraform's), state untouched ({@code plan.txt}); under {@code -json} the messages are {@code log} lines
 *     ({@code plan.jsonl});</li>
 * <li>a provider that cannot cancel its call: the plan halts after it ("execution halted",
 *     {@code plan-stubborn.txt}); a second interrupt exits at once with "operation canceled"
 *     ({@code plan-twice.txt}, and under {@code -json} {@code apply-twice.jsonl});</li>
 * <li>{@code refresh}: as plan, without the plan header, state untouched ({@code refresh.txt});</li>
 * <li>{@code apply}: terraform lets the planning stage finish (the refresh is not cancelled, the
 *     plan is shown) and then halts without applying ({@code apply.txt}).</li>
 * </ul>
 * The runs go two at a time (each waits for provider start-up and a refresh of up to 30 s).
 */
class PlanInterruptTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;

    record Case(String name, String state, int interrupts, String expected, String... args) {
    }

    private static final List<Case> CASES = List.of(
            new Case("plan", "cancellable", 1, "plan.txt", "plan", "-no-color", "-out=tfplan"),
            new Case("plan-json", "cancellable", 1, "plan.jsonl", "plan", "-json"),
            new Case("refresh", "cancellable", 1, "refresh.txt", "refresh", "-no-color"),
            new Case("plan-stubborn", "stubborn", 1, "plan-stubborn.txt", "plan", "-no-color"),
            new Case("plan-twice", "stubborn", 2, "plan-twice.txt", "plan", "-no-color"),
            new Case("apply-twice-json", "stubborn", 2, "apply-twice.jsonl", "apply", "-auto-approve", "-json"),
            new Case("apply", "cancellable", 1, "apply.txt", "apply", "-auto-approve", "-no-color"));

    private static String resource(String name) throws IOException {
        try (InputStream in = PlanInterruptTest.class.getResourceAsStream("/plan-interrupt/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void interruptedPlanningBehavesAsTerraforms() throws Exception {
        Path mirror = ClassPathProviders.install(tmp.resolve("mirror"), "slow", SlowProviderMain.class);
        SoftAssertions soft = new SoftAssertions();
        // in pairs: on a loaded 2-core machine more provider JVMs at once miss the 60 s plugin handshake
        for (int w = 0; w < CASES.size(); w += 2) {
            List<Case> wave = CASES.subList(w, Math.min(w + 2, CASES.size()));
            List<Process> running = new ArrayList<>();
            List<List<ProcessHandle>> children = new ArrayList<>();
            List<Path> dirs = new ArrayList<>();
            for (Case c : wave) {
                Path dir = Files.createDirectories(tmp.resolve(c.name()));
                Files.writeString(dir.resolve("main.tf"), resource("main.tf"));
                StringWriter initOut = new StringWriter();
                assertThat(Main.run(new String[] {"-chdir=" + dir, "init", "-no-color", "-plugin-dir=" + mirror},
                        new PrintWriter(initOut, true), new PrintWriter(initOut, true))).as(initOut.toString()).isZero();
                Files.writeString(dir.resolve("a.txt"), "a");
                Files.writeString(dir.resolve("b.txt"), "a");
                Files.writeString(dir.resolve("terraform.tfstate"), resource(c.state() + ".tfstate"));
                running.add(CapstanProcess.start(dir, c.args()));
                dirs.add(dir);
            }
            for (int i = 0; i < wave.size(); i++) {
                Path dir = dirs.get(i);
                Process p = running.get(i);
                long t0 = System.nanoTime();
                while (p.isAlive() && !Files.exists(dir.resolve("a.txt.reading"))
                        && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(10)) {
                    Thread.sleep(50);
                }
                children.add(p.descendants().toList()); // the provider plugin, started by now
                for (int k = 0; k < wave.get(i).interrupts(); k++) {
                    CapstanProcess.interrupt(p);
                    Thread.sleep(500);
                }
            }
            for (int i = 0; i < wave.size(); i++) {
                Case c = wave.get(i);
                Path dir = dirs.get(i);
                Process p = running.get(i);
                assertThat(p.waitFor(10, TimeUnit.MINUTES)).as(c.name() + ": " + CapstanProcess.log(dir)).isTrue();
                soft.assertThat(p.exitValue()).as(c.name() + " exit code").isEqualTo(1);
                soft.assertThat(normalized(CapstanProcess.log(dir))).as(c.name() + " output")
                        .isEqualTo(normalized(resource(c.expected())));
                soft.assertThat(Files.readString(dir.resolve("terraform.tfstate"))).as(c.name() + " state untouched")
                        .isEqualTo(resource(c.state() + ".tfstate"));
                if (Arrays.asList(c.args()).contains("-out=tfplan")) {
                    // as terraform: the interrupted plan is saved, marked errored, and apply refuses it
                    var saved = PlanFile.planJson(dir.resolve("tfplan"));
                    soft.assertThat(saved != null && saved.path("errored").asBoolean())
                            .as(c.name() + ": errored plan file").isTrue();
                } else {
                    soft.assertThat(dir.resolve("tfplan")).as(c.name() + ": no plan file").doesNotExist();
                }
                soft.assertThat(survivors(children.get(i))).as(c.name() + ": provider processes left running")
                        .isEmpty();
            }
        }
        soft.assertAll();
    }

    /**
     * Timestamps dropped. Known divergence, outside Ctrl-C: Capstan's provider diagnostics carry no
     * resource address, so terraform's "  with slow_file.a," line (and in {@code -json} a
     * diagnostic's address, range and snippet) are left out of the comparison; summary and detail
     * are compared. After "operation canceled" terraform waits up to 5 s and prints what the
     * cancelled Go call reported ("Request cancelled ... plugin6.(*GRPCProvider)..."); Capstan exits
     * at once, so a recording is compared up to that line.
     */
    private static String normalized(String out) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String line : out.split("\n", -1)) {
            if (line.matches("  with [^ ]+,")) {
                continue;
            }
            if (line.startsWith("{") && line.contains("\"type\":\"diagnostic\"")) {
                ObjectNode n = (ObjectNode) JSON.readTree(line);
                ((ObjectNode) n.get("diagnostic")).retain("severity", "summary", "detail");
                line = n.toString();
            }
            b.append(line.replaceAll("\"@timestamp\":\"[^\"]*\"", "\"@timestamp\":\"T\"")).append('\n');
            if (line.contains("operation canceled")) {
                break;
            }
        }
        return b.toString();
    }

    /** The processes of {@code started} still alive 10 s after Capstan exited. */
    private static List<Long> survivors(List<ProcessHandle> started) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (started.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<Long> alive = started.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
        started.forEach(ProcessHandle::destroyForcibly);
        return alive;
    }
}
