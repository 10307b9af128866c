package io.capstan.orchestrator.it;

import io.capstan.orchestrator.agent.docker.DockerEngine;
import io.capstan.orchestrator.agent.docker.DockerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The Docker daemon the container tests use ({@code $CAPSTAN_DOCKER_HOST}, default the socket
 * orchestrator/ci-prepare.sh starts) and a tiny local image: Debian's busybox-static in an
 * otherwise empty root file system, {@code docker import}ed, since no registry is reachable.
 */
final class TestImage {
    static final Path SOCKET = Path.of(System.getenv().getOrDefault("CAPSTAN_DOCKER_HOST",
            "/run/capstan-orchestrator-docker/docker.sock").replaceFirst("^unix://", ""));
    static final String IMAGE = "capstan-test-busybox:2";
    private static final List<String> APPLETS = List.of("sh", "echo", "cat", "sleep", "httpd", "mkdir", "ls", "true", "false");

    private TestImage() {
    }

    /** The daemon when one answers and the image could be made; else empty with the reason printed as a SKIP line. */
    static Optional<DockerEngine> daemon(String test) {
        try {
            DockerEngine d = DockerEngine.connect(SOCKET);
            if (!Files.isExecutable(Path.of("/usr/bin/busybox"))) {
                System.out.println("SKIP: " + test + ": /usr/bin/busybox (Debian busybox-static) is missing; run orchestrator/ci-prepare.sh");
                return Optional.empty();
            }
            ensureImage();
            return Optional.of(d);
        } catch (DockerException e) {
            System.out.println("SKIP: " + test + ": no Docker daemon (" + e.getMessage() + "); run orchestrator/ci-prepare.sh");
            return Optional.empty();
        } catch (IOException | InterruptedException e) {
            System.out.println("SKIP: " + test + ": cannot build the test image: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static synchronized void ensureImage() throws IOException, InterruptedException {
        if (run("docker", "-H", "unix://" + SOCKET, "image", "inspect", IMAGE) == 0) {
            return;
        }
        Path tmp = Files.createTempDirectory("capstan-image");
        try {
            Path bin = Files.createDirectories(tmp.resolve("rootfs/bin"));
            Files.copy(Path.of("/usr/bin/busybox"), bin.resolve("busybox"));
            for (String applet : APPLETS) {
                Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            }
            Files.createDirectories(tmp.resolve("rootfs/tmp"));
            Path tar = tmp.resolve("rootfs.tar");
            if (run("tar", "-C", tmp.resolve("rootfs").toString(), "-cf", tar.toString(), ".") != 0
                    || run("docker", "-H", "unix://" + SOCKET, "import", tar.toString(), IMAGE) != 0) {
                throw new IOException("tar or docker import failed");
            }
        } finally {
            try (var walk = Files.walk(tmp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor();
    }
}
