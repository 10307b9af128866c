package io.capstan.provider.plugin;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2SecurityUtil;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.netty.shaded.io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * The TLS contexts of go-plugin's automatic mutual TLS, for both ends: each side presents its
 * own {@link PluginCertificate} and trusts exactly the other's.
 *
 * <p>Two choices here are about CPU, since a Java plugin and the host both run with the C1
 * compiler only (start-up matters more than peak speed):
 * <ul>
 * <li>ChaCha20-Poly1305 is preferred over AES-GCM. The JDK's AES and GHASH intrinsics are
 * C2's; without them AES-GCM runs as plain Java, about twice the CPU of ChaCha20-Poly1305 per
 * record here (C1 only, 800-byte records). Every suite Netty's HTTP/2 list allows stays
 * enabled after it, so a peer that lacks ChaCha20 (or a Go peer that prefers AES) still
 * connects: the order only decides what a Java server picks (the JDK's server uses its own
 * order) and what a Java client asks for first.</li>
 * <li>Netty's JDK server context, when its class first loads, builds a throwaway key store
 * of the JDK's default type (PKCS#12, whose key encryption runs 10,000 rounds of PBKDF2) to
 * probe a feature; {@link #server} lets that happen with the JKS type instead. The same class
 * initialisation builds a throwaway {@code SSLContext} with the default trust managers, which
 * read the JDK's trust store (~140 CA certificates, 50-80 ms of a cold JVM's CPU) only to probe
 * the protocols and cipher suites; nothing in a plugin connection trusts those CAs (each end
 * trusts exactly the other's certificate), so that probe runs with an empty trust store
 * ({@code javax.net.ssl.trustStore=NONE}) unless the plugin's JVM names a trust store itself.
 * The JDK reads the property again on its next use, so the plugin's own TLS clients (a
 * provider calling its cloud's API) still trust the default CAs.</li>
 * </ul>
 */
public final class PluginTls {
    /** TLS 1.3's ChaCha20 suite and TLS 1.2's two; first in every list this class builds. */
    static final List<String> PREFERRED = List.of("TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    private static final Object INIT = new Object();
    private static final String TRUST_STORE = "javax.net.ssl.trustStore";
    private static boolean serverClassReady;

    private PluginTls() {
    }

    /** The cipher suites in the order offered: ChaCha20 first, then Netty's HTTP/2 list. */
    static List<String> ciphers() {
        List<String> out = new ArrayList<>(PREFERRED);
        for (String c : Http2SecurityUtil.CIPHERS) {
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** A plugin's server context: presents {@code own}, requires a client certificate equal to {@code client}. */
    public static SslContext server(PluginCertificate own, X509Certificate client) throws SSLException {
        Objects.requireNonNull(own, "own");
        Objects.requireNonNull(client, "client");
        loadServerClassWithJks();
        return GrpcSslContexts.configure(SslContextBuilder.forServer(own.keyManagers()), SslProvider.JDK)
                .ciphers(ciphers(), SupportedCipherSuiteFilter.INSTANCE)
                .trustManager(client)
                .clientAuth(ClientAuth.REQUIRE)
                .build();
    }

    /** A host's client context: presents {@code own}, trusts only {@code server}. */
    public static SslContext client(PluginCertificate own, X509Certificate server) throws SSLException {
        Objects.requireNonNull(own, "own");
        Objects.requireNonNull(server, "server");
        return GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                .ciphers(ciphers(), SupportedCipherSuiteFilter.INSTANCE)
                .keyManager(own.keyManagers())
                .trustManager(server)
                .build();
    }

    /**
     * Initialises Netty's {@code JdkSslServerContext} class while the JDK's default key-store
     * type is JKS and (unless set) its trust store is none, then restores both. Done once per JVM, before any provider code runs
     * (a plugin builds its server context in {@code main}); should the class be loaded
     * already, nothing changes.
     */
    private static void loadServerClassWithJks() {
        synchronized (INIT) {
            if (serverClassReady) {
                return;
            }
            String before = Security.getProperty("keystore.type");
            Security.setProperty("keystore.type", "jks");
            boolean noTrustStore = System.getProperty(TRUST_STORE) == null;
            if (noTrustStore) {
                System.setProperty(TRUST_STORE, "NONE");
            }
            try {
                Class.forName("io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslServerContext", true,
                        PluginTls.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                // a Netty without that class: nothing to prepare
            } finally {
                Security.setProperty("keystore.type", before == null ? "pkcs12" : before);
                if (noTrustStore) {
                    System.clearProperty(TRUST_STORE);
                }
            }
            serverClassReady = true;
        }
    }
}
