package io.capstan.provider.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capstan.provider.client.GetProviderSchemaRequest;
import io.capstan.provider.client.PluginProviderClient;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the host takes when a plugin answers without a certificate: only a unix socket in the
 * private directory it offered when it sent a client certificate (as terraform, which dials TLS and
 * fails, takes nothing); anything when it asked for no TLS. And that the private directories go
 * with the plugins when a halting process kills them all ({@link PluginProcess#killAllNow}).
 */
class PlaintextAnswerTest {
    @TempDir
    Path tmp;

    /** The Java test provider, sent a client certificate it is made to ignore, with no offer visible to it. */
    private static PluginLaunchSpec ignoringTheCertificate(String network, Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("CAPSTAN_TEST_PROVIDER_MODE", "",
                "CAPSTAN_TEST_PROVIDER_NETWORK", network, "PLUGIN_CLIENT_CERT", "", PrivateSocket.OFFER, ""));
        env.putAll(more);
        return JavaProviders.spec("", network).withEnvironment(env);
    }

    @Test
    void plaintextOnTcpIsRefusedWhenTheHostSentACertificate() {
        refused(ignoringTheCertificate("tcp", Map.of()), "tcp:127.0.0.1:");
    }

    @Test
    void plaintextOnAUnixSocketOutsideTheOfferedDirectoryIsRefused() {
        assumeTrue(Epoll.isAvailable(), "SKIP: no epoll (unix sockets) here");
        refused(ignoringTheCertificate("unix", Map.of("PLUGIN_UNIX_SOCKET_DIR", tmp.toString())), "unix:" + tmp + "/plugin");
    }

    private static void refused(PluginLaunchSpec spec, String at) {
        long before = JavaProviders.liveChildren();
        var offeredBefore = PrivateSocket.offered();
        assertThatThrownBy(() -> PluginLauncher.launch(spec))
                .isInstanceOf(PluginStartException.class)
                .hasMessageContaining("Provider capstan/test answered the plugin handshake without a TLS certificate, at "
                        + at)
                .hasMessageContaining("although Capstan sent it a client certificate (automatic mutual TLS)")
                .hasMessageContaining("refuses a plaintext connection except on a unix socket in the private"
                        + " directory it offered");
        assertThat(JavaProviders.liveChildren()).as("the plugin is killed").isEqualTo(before);
        assertThat(PrivateSocket.offered()).as("the offered directory is removed").isEqualTo(offeredBefore);
    }

    /** A host that asked for no TLS (go-plugin without AutoMTLS) sent no certificate: plaintext is what it asked for. */
    @Test
    void plaintextIsTakenWhenTheHostAskedForNoTls() {
        try (PluginProviderClient client = new PluginProviderClient(
                JavaProviders.spec("", "tcp").withAutoMtls(false), Duration.ofSeconds(30))) {
            assertThat(client.getProviderSchema(GetProviderSchemaRequest.INSTANCE).diagnostics()).isEmpty();
            assertThat(client.process().handshake().network()).isEqualTo("tcp");
            assertThat(client.process().handshake().serverCertDer()).isNull();
        }
    }

    /**
     * The host readies TLS ahead of the plugin's answer only when it will most likely be needed: no
     * private socket offered, or a native executable (a Go provider ignores the offer); a script
     * (how an SDK provider starts its JVM) will most likely take the offer.
     */
    @Test
    void tlsIsReadiedAheadOnlyWhenThePluginWillMostLikelyAnswerWithIt() throws Exception {
        Path script = tmp.resolve("terraform-provider-script");
        Files.writeString(script, "#!/bin/sh\nexec java -version\n");
        Path dir = tmp.resolve("offered");
        PluginCertificate cert = PluginCertificate.generate();
        PluginLaunchSpec scriptSpec = PluginLaunchSpec.terraformProvider("example/script", script);
        // a native executable: the JVM running this test
        PluginLaunchSpec nativeSpec = JavaProviders.spec("", "tcp");
        assertThat(PluginLauncher.expectsTls(scriptSpec, cert, dir)).as("script, offer made").isFalse();
        assertThat(PluginLauncher.expectsTls(nativeSpec, cert, dir)).as("native executable, offer made").isTrue();
        assertThat(PluginLauncher.expectsTls(scriptSpec, cert, null)).as("no offer: TLS is the only way").isTrue();
        assertThat(PluginLauncher.expectsTls(scriptSpec, null, null)).as("no TLS asked for").isFalse();
        assertThat(PluginLauncher.expectsTls(PluginLaunchSpec.terraformProvider("example/absent",
                tmp.resolve("absent")), cert, dir)).as("unreadable: the usual TLS").isTrue();
    }

    @Test
    void killAllNowRemovesTheDirectoriesOfferedToRunningPlugins() throws Exception {
        assumeTrue(Epoll.isAvailable(), "SKIP: no epoll (unix sockets) here");
        PluginProcess p = PluginLauncher.launch(JavaProviders.privateSocketSpec("tcp"));
        try {
            Path dir = Path.of(p.handshake().address()).getParent();
            assertThat(dir).isDirectory();
            assertThat(PrivateSocket.isIn(dir, p.handshake().address())).isTrue();
            PluginProcess.killAllNow();
            assertThat(p.exitsWithin(Duration.ofSeconds(10))).isTrue();
            assertThat(dir).as("the private directory, socket and all").doesNotExist();
            assertThat(PrivateSocket.offered()).doesNotContain(dir);
        } finally {
            p.shutdown(Duration.ZERO);
        }
    }

    /** A second Ctrl-C while a provider is still starting: it is killed too, and its directory removed. */
    @Test
    void killAllNowAlsoKillsAPluginStillStartingAndRemovesItsDirectory() throws Exception {
        assumeTrue(Epoll.isAvailable(), "SKIP: no epoll (unix sockets) here");
        Path marker = tmp.resolve("offered");
        Path fake = tmp.resolve("terraform-provider-slow");
        Files.writeString(fake, "#!/bin/sh\necho \"$" + PrivateSocket.OFFER + "\" > " + marker + ".tmp\nmv "
                + marker + ".tmp " + marker + "\nexec sleep 60\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        long before = JavaProviders.liveChildren();
        PluginLaunchSpec spec = PluginLaunchSpec.terraformProvider("example/slow", fake)
                .withStartTimeout(Duration.ofSeconds(120));
        CompletableFuture<Throwable> launch = CompletableFuture.supplyAsync(() -> {
            try {
                PluginLauncher.launch(spec).shutdown(Duration.ZERO);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        long t0 = System.nanoTime();
        // the script wrote the marker, and the launch registered the process it started
        while (!(Files.exists(marker) && PluginReaper.launchingCount() > 0) && System.nanoTime() - t0 < 60_000_000_000L) {
            Thread.sleep(20);
        }
        Path dir = Path.of(Files.readString(marker).strip());
        assertThat(dir).isDirectory();
        PluginProcess.killAllNow();
        assertThat(dir).doesNotExist();
        assertThat(launch.get(60, TimeUnit.SECONDS)).isInstanceOf(PluginStartException.class)
                .hasMessageContaining("exited before completing the plugin handshake");
        assertThat(JavaProviders.liveChildren()).isEqualTo(before);
    }
}
