package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state stored while an apply runs, as terraform stores it: the local backend's
 * {@code terraform.tfstate} is rewritten during the apply (so a {@code kill -9} leaves terraform
 * the objects made so far), and a remote backend gets an upload when terraform's persist interval
 * ({@code TF_STATE_PERSIST_INTERVAL}, 20 s at least) has passed, and at once on Ctrl-C.
 *
 * <p>Nothing here depends on timing beyond what terraform's rule itself makes certain: the kill
 * and the interrupt wait for the state and the output to show the objects, and the interval case
 * sleeps 24 s against a 20 s interval (and against a 40 s one, for no intermediate upload).
 */
class IntermediateStateDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fast first layer. */
    private static final int FAST = 300;

    @TempDir
    Path tmp;

    /**
     * An apply of a few hundred objects, killed with SIGKILL while a later layer sleeps: the state file
     * holds what was made (with a serial above the one read, the run's lineage, the state from before the
     * run in {@code .backup}); terraform plans only what is left, and Capstan's next apply converges.
     */
    @Test
    void aKilledApplyLeavesTerraformTheObjectsItMade() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("c"));
        Files.writeString(dir.resolve("main.tf"), seed());
        assertThat(capstan(dir, "apply", "-auto-approve", "-no-color").waitFor(300, TimeUnit.SECONDS)).isTrue();
        byte[] before = Files.readAllBytes(dir.resolve("terraform.tfstate"));
        JsonNode prior = JSON.readTree(before);
        assertThat(prior.path("resources")).as(log(dir)).hasSize(1);

        Files.writeString(dir.resolve("main.tf"), seed() + layers(FAST, "sleep 300", 20));
        Process p = capstan(dir, "apply", "-auto-approve", "-no-color");
        JsonNode seen;
        try {
            // until the state file holds the fast layer and the slow object, which sleeps in its provisioner
            seen = await(p, dir, s -> instances(s).containsAll(fastLayer()) && instances(s).contains("terraform_data.slow"));
        } finally {
            kill(p);
        }
        assertThat(seen.path("lineage").asText()).isEqualTo(prior.path("lineage").asText());
        long serial = seen.path("serial").asLong();
        assertThat(serial).isGreaterThan(prior.path("serial").asLong());
        assertThat(instances(seen)).doesNotContain("terraform_data.late[0]");
        // terraform's .backup: the state from before the run, not the previous snapshot
        assertThat(Files.readAllBytes(dir.resolve("terraform.tfstate.backup"))).isEqualTo(before);
        Path journal = dir.resolve(".terraform/capstan/journal-default.jsonl");
        assertThat(Files.readString(journal)).contains("{\"op\":\"stored\",\"serial\":" + serial + "}");

        Path t = tmp.resolve("t");
        if (!terraformOnPath()) {
            System.out.println("SKIP: terraform is not on the PATH; terraform's plan of the killed apply's state is not compared");
        } else {
            // terraform reads what the killed apply stored: it would create only what came after the slow object
            Files.createDirectories(t);
            Files.copy(dir.resolve("main.tf"), t.resolve("main.tf"));
            Files.copy(dir.resolve("terraform.tfstate"), t.resolve("terraform.tfstate"));
            Differential.Run plan = Differential.tf(t, "plan", "-no-color", "-input=false", "-lock=false");
            assertThat(plan.exit()).as(plan.out()).isZero();
            Set<String> created = new TreeSet<>();
            Matcher m = Pattern.compile("# (\\S+) will be created").matcher(plan.out());
            while (m.find()) {
                created.add(m.group(1));
            }
            Set<String> late = new TreeSet<>();
            for (int i = 0; i < 20; i++) {
                late.add("terraform_data.late[" + i + "]");
            }
            assertThat(created).as(plan.out()).isEqualTo(late);
            assertThat(plan.out()).contains("Plan: 20 to add, 0 to change, 0 to destroy.");
        }

        // Capstan's next apply converges: the journal replayed onto the snapshot, then the rest made
        Process again = capstan(dir, "apply", "-auto-approve", "-no-color");
        assertThat(again.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).as(log(dir)).isZero();
        assertThat(log(dir)).contains("Apply complete! Resources: 20 added, 0 changed, 0 destroyed.");
        JsonNode end = JSON.readTree(dir.resolve("terraform.tfstate").toFile());
        assertThat(end.path("serial").asLong()).isGreaterThan(serial);
        assertThat(instances(end)).hasSize(1 + FAST + 1 + 20);
        assertThat(Files.exists(journal)).isFalse();
        Process plan = capstan(dir, "plan", "-detailed-exitcode", "-no-color");
        assertThat(plan.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(plan.exitValue()).as(log(dir)).isZero();
    }

    /**
     * An http backend during an apply of 24 s (a provisioner's sleep): terraform uploads once the 20 s
     * persist interval has passed (at the first change after it) and at the end; with
     * {@code TF_STATE_PERSIST_INTERVAL=40} only at the end; a value below 20 is terraform's 20. Capstan
     * makes the same uploads, and its intermediate one holds everything made before the sleep ended.
     */
    @Test
    void anHttpBackendGetsTheIntermediateUploadsTerraformMakes() throws Exception {
        Differential.terraform();
        try (HttpStateServer server = new HttpStateServer()) {
            List<String> cases = List.of("", "5", "40");
            List<Thread> runs = new ArrayList<>();
            Map<String, String> results = new ConcurrentHashMap<>();
            for (String interval : cases) {
                for (boolean terraform : new boolean[] {true, false}) {
                    String key = (terraform ? "t" : "c") + interval;
                    Path dir = Files.createDirectories(tmp.resolve(key));
                    Files.writeString(dir.resolve("main.tf"), server.backend(key) + layers(20, "sleep 24", 3));
                    Map<String, String> env = interval.isEmpty() ? Map.of() : Map.of("TF_STATE_PERSIST_INTERVAL", interval);
                    // the runs only sleep: all six at once
                    Thread th = new Thread(() -> {
                        try {
                            // Capstan in its own process too: commands in one JVM run one at a time
                            for (String[] args : List.of(new String[] {"init", "-input=false", "-no-color"},
                                    new String[] {"apply", "-input=false", "-no-color", "-auto-approve"})) {
                                Process p = terraform ? terraformProcess(dir, env, args) : capstan(dir, env, args);
                                assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
                                assertThat(p.exitValue()).as(key + "\n" + log(dir)).isZero();
                            }
                            results.put(key, "ok");
                        } catch (Throwable e) {
                            results.put(key, e.toString());
                        }
                    });
                    th.start();
                    runs.add(th);
                }
            }
            for (Thread th : runs) {
                th.join(600_000);
            }
            for (String interval : cases) {
                for (String tool : List.of("t", "c")) {
                    assertThat(results.get(tool + interval)).isEqualTo("ok");
                }
                List<JsonNode> t = server.uploads("/t" + interval);
                List<JsonNode> c = server.uploads("/c" + interval);
                int expected = interval.equals("40") ? 1 : 2;
                assertThat(t).as("terraform, interval " + interval).hasSize(expected);
                assertThat(c).as("capstan, interval " + interval).hasSize(expected);
                for (List<JsonNode> uploads : List.of(t, c)) {
                    assertThat(uploads.get(0).path("serial").asLong()).isEqualTo(1);
                    assertThat(instances(uploads.get(0))).containsAll(fastLayer(20)).contains("terraform_data.slow");
                    if (expected == 2) {
                        // made when the slow object's provisioner ended: before the objects that depend on it
                        assertThat(instances(uploads.get(0))).doesNotContain("terraform_data.late[0]");
                    }
                    assertThat(instances(uploads.get(uploads.size() - 1))).hasSize(20 + 1 + 3);
                    assertThat(uploads.get(uploads.size() - 1).path("serial").asLong()).isEqualTo(expected);
                }
            }
        }
    }

    /**
     * A first Ctrl-C while an apply waits on a slow provisioner: terraform uploads the state at once,
     * before stopping (in case a kill follows); so does Capstan. Both then upload their final state.
     */
    @Test
    void anInterruptedApplyUploadsTheStateAtOnce() throws Exception {
        Differential.terraform();
        try (HttpStateServer server = new HttpStateServer()) {
            for (boolean terraform : new boolean[] {true, false}) {
                String key = terraform ? "t" : "c";
                Path dir = Files.createDirectories(tmp.resolve(key));
                Files.writeString(dir.resolve("main.tf"), server.backend(key) + layers(20, "sleep 300", 3));
                Differential.Run init = SavedPlanDifferentialTest.run(terraform, dir, Map.of(), "init", "-input=false",
                        "-no-color");
                assertThat(init.exit()).as(init.out()).isZero();
                String[] apply = {"apply", "-input=false", "-no-color", "-auto-approve"};
                Process p = terraform ? terraformProcess(dir, Map.of(), apply) : capstan(dir, Map.of(), apply);
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
                    while (!(log(dir).contains("terraform_data.slow: Provisioning with 'local-exec'...")
                            && count(log(dir), "Creation complete") >= 20)) {
                        assertThat(p.isAlive()).as(log(dir)).isTrue();
                        assertThat(System.nanoTime() < deadline).as(log(dir)).isTrue();
                        Thread.sleep(50);
                    }
                    assertThat(server.uploads("/" + key)).isEmpty();
                    Process k = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
                    assertThat(k.waitFor(10, TimeUnit.SECONDS)).isTrue();
                    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as(log(dir)).isTrue();
                } finally {
                    kill(p);
                }
                assertThat(log(dir)).contains("Interrupt received.");
                List<JsonNode> uploads = server.uploads("/" + key);
                assertThat(uploads).as(key + "\n" + log(dir)).hasSizeGreaterThanOrEqualTo(2);
                // the upload made at the interrupt holds what was made before it; Capstan's also the object whose
                // provisioner runs (terraform has it in its working state, and persists it only after the provisioner)
                assertThat(instances(uploads.get(0))).as(key).containsAll(fastLayer(20))
                        .doesNotContain("terraform_data.late[0]");
                if (!terraform) {
                    assertThat(instances(uploads.get(0))).contains("terraform_data.slow");
                }
                for (int i = 1; i < uploads.size(); i++) {
                    assertThat(uploads.get(i).path("serial").asLong()).isGreaterThan(uploads.get(i - 1).path("serial").asLong());
                }
            }
        }
    }

    /**
     * A remote backend that refuses an intermediate upload: as terraform's state hook, the node whose update
     * made the upload due fails with the backend's error (its dependents are not made), the others go on, the
     * next update uploads again, and the apply ends with that error and the final state stored.
     */
    @Test
    void aRefusedIntermediateUploadFailsTheNodeThatMadeItDueAsTerraformsDoes() throws Exception {
        Differential.terraform();
        try (HttpStateServer server = new HttpStateServer()) {
            Map<String, String> outputs = new ConcurrentHashMap<>();
            List<Thread> runs = new ArrayList<>();
            for (boolean terraform : new boolean[] {true, false}) {
                String key = terraform ? "t" : "c";
                Path dir = Files.createDirectories(tmp.resolve(key));
                // the first update (fast) starts the 20 s clock; slow's, 24 s later, makes an upload due: refused
                // (no retries); other's, 4 s after that, uploads again
                Files.writeString(dir.resolve("main.tf"), """
                        terraform {
                          backend "http" {
                            address   = "%s"
                            retry_max = 0
                          }
                        }

                        resource "terraform_data" "fast" {
                          input = "x"
                        }

                        resource "terraform_data" "slow" {
                          provisioner "local-exec" {
                            command = "sleep 24"
                          }
                        }

                        resource "terraform_data" "late" {
                          input = terraform_data.slow.id
                        }

                        resource "terraform_data" "other" {
                          provisioner "local-exec" {
                            command = "sleep 28"
                          }
                        }
                        """.formatted(server.address(key)));
                Thread th = new Thread(() -> {
                    try {
                        for (String[] args : List.of(new String[] {"init", "-input=false", "-no-color"},
                                new String[] {"apply", "-input=false", "-no-color", "-auto-approve"})) {
                            if (args[0].equals("apply")) {
                                server.refuse("/" + key, 1);
                            }
                            Process p = terraform ? terraformProcess(dir, Map.of(), args) : capstan(dir, Map.of(), args);
                            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
                            outputs.put(key, p.exitValue() + "\n" + log(dir));
                        }
                    } catch (Throwable e) {
                        outputs.put(key, e.toString());
                    }
                });
                th.start();
                runs.add(th);
            }
            for (Thread th : runs) {
                th.join(600_000);
            }
            String t = outputs.get("t");
            String c = outputs.get("c");
            assertThat(t).startsWith("1\n");
            assertThat(c).as(c).startsWith("1\n");
            for (String out : List.of(t, c)) {
                assertThat(out).contains("terraform_data.slow: Creation complete after",
                        "terraform_data.other: Creation complete after").doesNotContain("terraform_data.late: Creating...");
            }
            // the errors, byte for byte (but for the state's path)
            assertThat(c.substring(c.indexOf("\nError: ")).replace("/c giving up", "/t giving up"))
                    .isEqualTo(t.substring(t.indexOf("\nError: ")));
            assertThat(t.substring(t.indexOf("\nError: "))).startsWith("\nError: Failed to upload state: POST "
                    + server.address("t") + " giving up after 1 attempt(s)\n");
            for (String key : List.of("t", "c")) {
                JsonNode stored = JSON.readTree(server.states.get("/" + key));
                assertThat(new TreeSet<>(instances(stored))).as(key).containsExactly("terraform_data.fast",
                        "terraform_data.other", "terraform_data.slow");
            }
        }
    }

    /**
     * The local state while one object's creation-time provisioner runs and another object completes meanwhile:
     * terraform writes the new object to its working state before running its provisioners and rewrites
     * {@code terraform.tfstate} with the whole working state at the other object's update, so the snapshot
     * holds the object being provisioned (not tainted). Capstan's snapshot holds the same objects.
     */
    @Test
    void aSnapshotTakenWhileAProvisionerRunsHoldsWhatTerraformsHolds() throws Exception {
        Differential.terraform();
        Map<String, String> seen = new ConcurrentHashMap<>();
        for (boolean terraform : new boolean[] {true, false}) {
            String key = terraform ? "t" : "c";
            Path dir = Files.createDirectories(tmp.resolve("p" + key));
            Files.writeString(dir.resolve("main.tf"), """
                    resource "terraform_data" "slow" {
                      input = "s"
                      provisioner "local-exec" {
                        command = "sleep 10; touch slow-done"
                      }
                    }

                    resource "terraform_data" "quick" {
                      input = "q"
                      provisioner "local-exec" {
                        command = "sleep 2"
                      }
                    }
                    """);
            String[] apply = {"apply", "-input=false", "-no-color", "-auto-approve"};
            Process p = terraform ? terraformProcess(dir, Map.of(), apply) : capstan(dir, Map.of(), apply);
            JsonNode state;
            try {
                state = await(p, dir, s -> instances(s).contains("terraform_data.quick"));
                // read while slow's provisioner still sleeps
                assertThat(dir.resolve("slow-done")).as(key + ": read too late\n" + log(dir)).doesNotExist();
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(log(dir)).isTrue();
                assertThat(p.exitValue()).as(log(dir)).isZero();
            } finally {
                kill(p);
            }
            StringBuilder held = new StringBuilder();
            for (JsonNode r : state.path("resources")) {
                for (JsonNode i : r.path("instances")) {
                    held.append(r.path("name").asText()).append('(').append(i.path("status").asText("ready"))
                            .append(") ");
                }
            }
            seen.put(key, held.toString().trim());
        }
        System.out.println("intermediate local state: terraform " + seen.get("t") + "; capstan " + seen.get("c"));
        assertThat(seen.get("c")).isEqualTo(seen.get("t"));
    }

    private static String seed() {
        return "resource \"terraform_data\" \"seed\" {\n  input = \"seed\"\n}\n\n";
    }

    /** {@code n} fast objects, one object whose provisioner runs {@code command}, {@code late} objects after it. */
    private static String layers(int n, String command, int late) {
        return """
                resource "terraform_data" "r" {
                  count = %d
                  input = count.index
                }

                resource "terraform_data" "slow" {
                  input = terraform_data.r[0].id

                  provisioner "local-exec" {
                    command = "%s"
                  }
                }

                resource "terraform_data" "late" {
                  count = %d
                  input = terraform_data.slow.id
                }
                """.formatted(n, command, late);
    }

    private static boolean terraformOnPath() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, "terraform"))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> fastLayer() {
        return fastLayer(FAST);
    }

    private static Set<String> fastLayer(int n) {
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            out.add("terraform_data.r[" + i + "]");
        }
        return out;
    }

    private static List<String> instances(JsonNode state) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : state.path("resources")) {
            for (JsonNode i : r.path("instances")) {
                JsonNode key = i.path("index_key");
                out.add(r.path("type").asText() + "." + r.path("name").asText() + (key.isMissingNode() ? "" : "[" + key + "]"));
            }
        }
        return out;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Polls {@code dir}'s state file (rewritten in place meanwhile: a torn read is read again) until it passes. */
    private static JsonNode await(Process p, Path dir, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (true) {
            try {
                JsonNode s = JSON.readTree(Files.readAllBytes(dir.resolve("terraform.tfstate")));
                if (s != null && done.test(s)) {
                    return s;
                }
            } catch (IOException torn) {
                // written while read: read again
            }
            assertThat(p.isAlive()).as(log(dir)).isTrue();
            assertThat(System.nanoTime() < deadline).as("no such state within 300 s: " + log(dir)).isTrue();
            Thread.sleep(20);
        }
    }

    /** SIGKILL to the process and the provisioner commands it started. */
    private static void kill(Process p) throws InterruptedException {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        p.waitFor();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("out.log"));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static Process capstan(Path dir, String... args) throws IOException {
        return capstan(dir, Map.of(), args);
    }

    /** Capstan as its own process (to be killed), output to {@code out.log}. */
    private static Process capstan(Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.capstan.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TF_"));
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        pb.environment().putAll(env);
        return pb.start();
    }

    private static Process terraformProcess(Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Differential.terraform().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TF_"));
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        pb.environment().put("TF_IN_AUTOMATION", "1");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.environment().putAll(env);
        return pb.start();
    }
}
