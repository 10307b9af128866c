package io.capstan.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C in a command that watches for none: terraform 1.11 catches SIGINT in every command and
 * only its operations (plan, apply, refresh, ...) act on it, so {@code state list}, {@code output},
 * {@code show} and a piped {@code console} interrupted while they read the state finish with their
 * usual output and exit 0. Capstan does the same in a JVM run and through the resident server.
 *
 * <p>No timing is involved: the state lives behind an {@code http} backend served here, which holds
 * its answer to the command's GET until the test has sent SIGINT (to the JVM, or to the client
 * script, which forwards it to the server); so the interrupt always comes while the command runs.
 * When terraform is on the PATH the same runs of terraform give the same output; otherwise that
 * part prints {@code SKIP: reason}.
 */
class CtrlCIgnoredTest {
    private static final String STATE = """
            {"version": 4, "terraform_version": "1.11.4", "serial": 1, "lineage": "281d869b-4b34-6385-486d-7a0b20ea187e", \
            "outputs": {"o": {"value": "hi", "type": "string"}}, "resources": [{"mode": "managed", "type": \
            "terraform_data", "name": "a", "provider": "provider[\\"terraform.io/builtin/terraform\\"]", "instances": \
            [{"schema_version": 0, "attributes": {"id": "15d6c73d-ba24-dc66-cae4-d298f981bcd4", "input": null, \
            "output": null, "triggers_replace": null}, "sensitive_attributes": []}]}], "check_results": null}
            """;

    private DaemonApp app;
    private HttpServer server;
    /** Set while a run is to be held: counted down when its GET arrives, then the answer waits for release. */
    private final AtomicReference<CountDownLatch[]> gate = new AtomicReference<>();

    @BeforeEach
    void setUp() throws IOException {
        app = new DaemonApp();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/state", x -> {
            CountDownLatch[] g = gate.get();
            if (g != null && x.getRequestMethod().equals("GET")) {
                g[0].countDown();
                try {
                    g[1].await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] b = STATE.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        server.stop(0);
        app.close();
    }

    private Path workdir(String name) throws IOException {
        Path dir = Files.createDirectories(app.tmp.resolve(name));
        Files.writeString(dir.resolve("main.tf"), "terraform {\n  backend \"http\" {\n    address = \"http://127.0.0.1:"
                + server.getAddress().getPort() + "/state\"\n  }\n}\n\nresource \"terraform_data\" \"a\" {}\n\n"
                + "output \"o\" {\n  value = \"hi\"\n}\n");
        Files.writeString(dir.resolve("in.txt"), "1 + 1\n");
        return dir;
    }

    /** The commands, each with the output terraform 1.11.4 gives (recorded beside terraform below). */
    private static final List<String[]> COMMANDS = List.of(
            new String[] {"terraform_data.a\n", "state", "list"},
            new String[] {"o = \"hi\"\n", "output"},
            new String[] {"# terraform_data.a:\nresource \"terraform_data\" \"a\" {\n"
                    + "    id = \"15d6c73d-ba24-dc66-cae4-d298f981bcd4\"\n}\n\n\nOutputs:\n\no = \"hi\"\n", "show", "-no-color"},
            new String[] {"2\n", "console"});

    /** Runs {@code cmd} (a JVM run, the server, or terraform) held at its state read, interrupts it there, then lets it go on. */
    private String[] interrupted(List<String> cmd, Path dir, Map<String, String> env, String... args) throws Exception {
        CountDownLatch[] g = {new CountDownLatch(1), new CountDownLatch(1)};
        gate.set(g);
        Path log = Files.createTempFile(app.tmp, "log", ".txt");
        List<String> all = new ArrayList<>(cmd);
        all.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(all).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("CAPSTAN_") || k.startsWith("TF_"));
        pb.environment().put("HOME", app.home.toString());
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        pb.environment().put("CAPSTAN_CDS_RECORD", "0");
        pb.environment().putAll(env);
        pb.redirectInput(dir.resolve("in.txt").toFile());
        pb.redirectOutput(log.toFile());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        try {
            assertThat(g[0].await(5, TimeUnit.MINUTES)).as("the command read its state").isTrue();
            Process k = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
            assertThat(k.waitFor(30, TimeUnit.SECONDS) && k.exitValue() == 0).as("SIGINT sent").isTrue();
        } finally {
            gate.set(null);
            g[1].countDown();
        }
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        app.rememberDaemon();
        return new String[] {Integer.toString(p.exitValue()), Files.readString(log)};
    }

    private List<String> capstan() {
        return List.of("bash", app.app.resolve("bin/capstan").toString());
    }

    private static final String[] INIT = {"init", "-input=false", "-no-color"};

    @Test
    void aJvmRunFinishesAndExitsZero() throws Exception {
        Path dir = workdir("jvm");
        assertThat(app.run(dir, false, INIT).code()).isZero();
        for (String[] c : COMMANDS) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            String[] r = interrupted(capstan(), dir, Map.of(), args);
            assertThat(r[1]).as(String.join(" ", args)).isEqualTo(c[0]);
            assertThat(r[0]).as(String.join(" ", args) + ": " + r[1]).isEqualTo("0");
        }
    }

    @Test
    void throughTheServerTheRunFinishesAndTheServerGoesOn() throws Exception {
        Path dir = workdir("served");
        assertThat(app.run(dir, false, INIT).code()).isZero();
        app.run(app.tmp, true, "version");
        long daemon = app.daemonPid();
        assertThat(daemon).isPositive();
        for (String[] c : COMMANDS) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            String[] r = interrupted(capstan(), dir, Map.of("CAPSTAN_DAEMON", "1"), args);
            assertThat(r[1]).as(String.join(" ", args)).isEqualTo(c[0]);
            assertThat(r[0]).as(String.join(" ", args) + ": " + r[1]).isEqualTo("0");
        }
        assertThat(app.daemonPid()).as("the same server served them all").isEqualTo(daemon);
    }

    @Test
    void terraformFinishesAndExitsZeroWithTheSameOutput() throws Exception {
        Path tf = null;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "terraform"))) {
                tf = Path.of(d, "terraform");
                break;
            }
        }
        if (tf == null) {
            System.out.println("SKIP: terraform is not on the PATH; the outputs above are terraform 1.11.4's");
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "terraform is not on the PATH");
        }
        Path dir = workdir("terraform");
        Process init = new ProcessBuilder(tf.toString(), "init", "-input=false", "-no-color").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(init.waitFor(5, TimeUnit.MINUTES) && init.exitValue() == 0).as("terraform init").isTrue();
        for (String[] c : COMMANDS) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            String[] r = interrupted(List.of(tf.toString()), dir, Map.of(), args);
            assertThat(r[1]).as(String.join(" ", args)).isEqualTo(c[0]);
            assertThat(r[0]).as(String.join(" ", args) + ": " + r[1]).isEqualTo("0");
        }
    }
}
