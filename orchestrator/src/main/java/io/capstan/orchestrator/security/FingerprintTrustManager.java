package io.capstan.orchestrator.security;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server whose presented chain contains a CA certificate with a known SHA-256
 * fingerprint and whose leaf that CA signed. This is how an agent holding only a join token
 * trusts the cluster on first contact, before it has the CA file.
 */
public final class FingerprintTrustManager extends X509ExtendedTrustManager {
    private final String fingerprint;

    public FingerprintTrustManager(String fingerprint) {
        this.fingerprint = fingerprint.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("server presented no certificate");
        }
        for (X509Certificate c : chain) {
            if (CertificateAuthority.fingerprint(c).equals(fingerprint)) {
                try {
                    chain[0].checkValidity();
                    chain[0].verify(c.getPublicKey());
                    return;
                } catch (Exception e) {
                    throw new CertificateException("server certificate is not signed by the cluster CA: " + e.getMessage(), e);
                }
            }
        }
        throw new CertificateException("server's CA does not match the join token's fingerprint " + fingerprint);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
