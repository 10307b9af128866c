package io.capstan.provider.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.netty.shaded.io.netty.buffer.ByteBufAllocator;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.nio.ByteBuffer;
import java.security.Security;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/**
 * The contexts of go-plugin's mutual TLS, handshaking in memory: what a Java plugin and a
 * Java host agree on, that a peer preferring (or offering only) AES-GCM still connects, and
 * that each side accepts exactly the other's certificate.
 */
class PluginTlsTest {
    private final PluginCertificate plugin = PluginCertificate.generate();
    private final PluginCertificate host = PluginCertificate.generate();

    @Test
    void javaHostAndJavaPluginAgreeOnTls13WithChaCha20() throws Exception {
        String before = Security.getProperty("keystore.type");
        SslContext server = PluginTls.server(plugin, host.certificate());
        assertThat(Security.getProperty("keystore.type")).as("default key-store type restored").isEqualTo(before);
        SSLEngine s = server.newEngine(ByteBufAllocator.DEFAULT);
        SSLEngine c = PluginTls.client(host, plugin.certificate()).newEngine(ByteBufAllocator.DEFAULT, "localhost", 1);
        handshake(c, s);
        assertThat(c.getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(c.getSession().getCipherSuite()).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
        assertThat(s.getSession().getPeerCertificates()[0]).as("client authenticated").isEqualTo(host.certificate());
        assertThat(c.getSession().getPeerCertificates()[0]).isEqualTo(plugin.certificate());
    }

    @Test
    void aPluginsOwnTlsClientsStillTrustTheDefaultCertificateAuthorities() throws Exception {
        // the server context's class-init probe runs without a trust store; the plugin's own HTTPS
        // clients (a provider calling its cloud's API) must still get the JDK's CAs afterwards
        String before = System.getProperty("javax.net.ssl.trustStore");
        PluginTls.server(plugin, host.certificate());
        assertThat(System.getProperty("javax.net.ssl.trustStore")).as("trust store property restored").isEqualTo(before);
        javax.net.ssl.TrustManagerFactory f = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        f.init((java.security.KeyStore) null);
        javax.net.ssl.X509TrustManager tm = (javax.net.ssl.X509TrustManager) f.getTrustManagers()[0];
        assertThat(tm.getAcceptedIssuers()).as("the JDK's default CAs").isNotEmpty();
    }

    @Test
    void theHostsWarmUpLeavesAWorkingClient() throws Exception {
        PluginLauncher.warmUp(host);
        PluginLauncher.warmUp(null);
        SSLEngine s = PluginTls.server(plugin, host.certificate()).newEngine(ByteBufAllocator.DEFAULT);
        SSLEngine c = PluginTls.client(host, plugin.certificate()).newEngine(ByteBufAllocator.DEFAULT, "localhost", 1);
        handshake(c, s);
        assertThat(c.getSession().getPeerCertificates()[0]).isEqualTo(plugin.certificate());
    }

    @Test
    void aClientOfferingOnlyAesGcmStillConnects() throws Exception {
        SSLEngine s = PluginTls.server(plugin, host.certificate()).newEngine(ByteBufAllocator.DEFAULT);
        SSLEngine c = PluginTls.client(host, plugin.certificate()).newEngine(ByteBufAllocator.DEFAULT, "localhost", 1);
        c.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        handshake(c, s);
        assertThat(s.getSession().getCipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
    }

    @Test
    void theOrderOffersChaCha20FirstAndKeepsEveryHttp2Suite() {
        assertThat(PluginTls.ciphers()).startsWith(PluginTls.PREFERRED.toArray(String[]::new))
                .containsAll(io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2SecurityUtil.CIPHERS)
                .doesNotHaveDuplicates();
    }

    @Test
    void aClientWithAnotherCertificateIsRefused() throws Exception {
        PluginCertificate stranger = PluginCertificate.generate();
        SSLEngine s = PluginTls.server(plugin, host.certificate()).newEngine(ByteBufAllocator.DEFAULT);
        SSLEngine c = PluginTls.client(stranger, plugin.certificate()).newEngine(ByteBufAllocator.DEFAULT, "localhost",
                1);
        assertThatThrownBy(() -> handshake(c, s)).isInstanceOf(SSLException.class);
    }

    @Test
    void aServerWithAnotherCertificateIsRefused() throws Exception {
        PluginCertificate stranger = PluginCertificate.generate();
        SSLEngine s = PluginTls.server(stranger, host.certificate()).newEngine(ByteBufAllocator.DEFAULT);
        SSLEngine c = PluginTls.client(host, plugin.certificate()).newEngine(ByteBufAllocator.DEFAULT, "localhost", 1);
        assertThatThrownBy(() -> handshake(c, s)).isInstanceOf(SSLException.class);
    }

    /** Runs both engines' handshake to the end in memory (no threads, no sockets). */
    private static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        client.setUseClientMode(true);
        server.setUseClientMode(false);
        int size = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(size * 4);
        ByteBuffer toClient = ByteBuffer.allocate(size * 4);
        ByteBuffer app = ByteBuffer.allocate(client.getSession().getApplicationBufferSize() * 4);
        ByteBuffer empty = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 200; round++) {
            if (done(client) && done(server) && toServer.position() == 0 && toClient.position() == 0) {
                return;
            }
            step(client, empty, toServer, toClient, app);
            step(server, empty, toClient, toServer, app);
        }
        throw new AssertionError("handshake did not finish: client " + client.getHandshakeStatus() + ", server "
                + server.getHandshakeStatus());
    }

    private static boolean done(SSLEngine e) {
        HandshakeStatus h = e.getHandshakeStatus();
        return h == HandshakeStatus.NOT_HANDSHAKING || h == HandshakeStatus.FINISHED;
    }

    /** One engine's turn: run delegated tasks, write what it wants to send, read what it was sent. */
    private static void step(SSLEngine e, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer app)
            throws SSLException {
        Runnable task;
        while ((task = e.getDelegatedTask()) != null) {
            task.run();
        }
        if (e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            e.wrap(empty, out);
        }
        in.flip();
        while (in.hasRemaining()) { // handshake records, then TLS 1.3's post-handshake ones (tickets)
            if (e.unwrap(in, app).bytesConsumed() == 0) {
                break;
            }
            while ((task = e.getDelegatedTask()) != null) {
                task.run();
            }
        }
        in.compact();
        if (e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            e.wrap(empty, out);
        }
    }
}
