package io.capstan.orchestrator.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker driver's engine client against a real dockerd (started by orchestrator/ci-prepare.sh;
 * socket from $CAPSTAN_DOCKER_HOST). No registry is reachable, so the test image is Debian's
 * busybox-static in an otherwise empty root filesystem, {@code docker import}ed.
 */
class DockerEngineTest {
    static final Path SOCKET = Path.of(System.getenv().getOrDefault("CAPSTAN_DOCKER_HOST",
            "/run/capstan-orchestrator-docker/docker.sock").replaceFirst("^unix://", ""));
    static final String IMAGE = "capstan-test-busybox:1";
    @TempDir
    static Path tmp;
    private static DockerEngine docker;
    private final List<String> started = new ArrayList<>();

    @BeforeAll
    static void image() throws Exception {
        try {
            docker = DockerEngine.connect(SOCKET);
        } catch (DockerException e) {
            System.out.println("SKIP: DockerEngineTest: no Docker daemon (" + e.getMessage() + "); run orchestrator/ci-prepare.sh");
            org.junit.jupiter.api.Assumptions.abort("no Docker daemon at " + SOCKET);
        }
        Path root = Files.createDirectories(tmp.resolve("rootfs/bin"));
        Files.copy(Path.of("/usr/bin/busybox"), root.resolve("busybox"));
        for (String applet : List.of("sh", "echo", "cat", "sleep", "httpd", "mkdir")) {
            Files.createSymbolicLink(root.resolve(applet), Path.of("busybox"));
        }
        Path tar = tmp.resolve("rootfs.tar");
        run("tar", "-C", tmp.resolve("rootfs").toString(), "-cf", tar.toString(), ".");
        run("docker", "-H", "unix://" + SOCKET, "import", tar.toString(), IMAGE);
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    }

    @AfterEach
    void removeContainers() throws DockerException {
        if (docker == null) {
            return;
        }
        for (String id : started) {
            docker.remove(id);
        }
    }

    private String start(String instance, List<String> command, Map<String, String> env, long cpu, long mem) throws DockerException {
        docker.ensureImage(IMAGE);
        String id = docker.run(new ContainerSpec("capstan-test-" + UUID.randomUUID().toString().substring(0, 8), IMAGE,
                command, env, Map.of(DockerEngine.INSTANCE_LABEL, instance), cpu, mem));
        started.add(id);
        return id;
    }

    @Test
    void runsWithEnvAndLimitsAndReportsLogsAndExitCode() throws Exception {
        String id = start("default/job-1", List.of("/bin/sh", "-c",
                "echo hello $GREETING; cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max; "
                        + "cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us 2>/dev/null || cat /sys/fs/cgroup/cpu.max; echo oops >&2; exit 3"),
                Map.of("GREETING", "world"), 250, 64);
        assertThat(docker.await(id)).isEqualTo(3);
        String logs = docker.logs(id);
        assertThat(logs).contains("hello world", "67108864", "25000", "oops");
        ContainerInfo info = docker.inspect(id).orElseThrow();
        assertThat(info.running()).isFalse();
        assertThat(info.exitCode()).isEqualTo(3);
        assertThat(info.labels()).containsEntry(DockerEngine.INSTANCE_LABEL, "default/job-1");
    }

    @Test
    void servesOnTheAssignedHostPortStopsPromptlyOnSigtermAndIsFoundAgainByLabel() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String instance = "default/web-" + UUID.randomUUID();
        String id = start(instance, List.of("/bin/sh", "-c",
                "mkdir -p /www && echo served-by-container > /www/index.html && exec httpd -f -p 127.0.0.1:$PORT_HTTP -h /www"),
                Map.of("PORT_HTTP", Integer.toString(port)), 0, 0);
        String body = null;
        long end = System.nanoTime() + 20_000_000_000L;
        while (body == null && System.nanoTime() < end) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
                c.setConnectTimeout(500);
                try (InputStream in = c.getInputStream()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        assertThat(body).isEqualTo("served-by-container\n");
        // what a restarted agent does: a fresh client finds the running container by its instance label
        DockerEngine again = DockerEngine.connect(SOCKET);
        assertThat(again.list(DockerEngine.INSTANCE_LABEL)).filteredOn(c -> c.labels().get(DockerEngine.INSTANCE_LABEL).equals(instance))
                .singleElement().satisfies(c -> {
                    assertThat(c.id()).isEqualTo(id);
                    assertThat(c.running()).isTrue();
                });
        // a grace far longer than any stop: a container that ignored SIGTERM would be killed after it
        // with SIGKILL (exit code 137), whatever the machine's speed
        again.stop(id, 120);
        ContainerInfo stopped = again.inspect(id).orElseThrow();
        assertThat(stopped.running()).isFalse();
        assertThat(stopped.exitCode()).as("ended by SIGTERM, not by SIGKILL after the grace").isNotEqualTo(137);
    }

    @Test
    void anImageThatIsNeitherLocalNorPullableIsAClearError() {
        assertThatThrownBy(() -> docker.ensureImage("registry.invalid:5000/nothing/here:1"))
                .isInstanceOf(DockerException.class)
                .hasMessageContaining("image registry.invalid:5000/nothing/here:1 is not present locally and cannot be pulled");
    }
}
