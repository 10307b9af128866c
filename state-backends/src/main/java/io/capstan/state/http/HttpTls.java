package io.capstan.state.http;

import io.capstan.state.BackendConfig;
import io.capstan.state.BackendConfigException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for the http backend: a CA bundle to trust ({@code client_ca_certificate_pem}), a client
 * certificate and PKCS#8 key for mutual TLS, or {@code skip_cert_verification}.
 */
final class HttpTls {
  private HttpTls() {}

  static SSLContext context(BackendConfig config) {
    try {
      TrustManager[] trust = null;
      if (config.bool("skip_cert_verification", false)) {
        trust = new TrustManager[] {new X509TrustManager() {
          @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
          @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
          @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }};
      } else {
        Optional<String> ca = config.optional("client_ca_certificate_pem", "TF_HTTP_CLIENT_CA_CERTIFICATE_PEM");
        if (ca.isPresent()) {
          KeyStore ts = KeyStore.getInstance("PKCS12");
          ts.load(null, null);
          int i = 0;
          for (Certificate c : certificates(ca.get(), "client_ca_certificate_pem")) {
            ts.setCertificateEntry("ca" + i++, c);
          }
          TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
          tmf.init(ts);
          trust = tmf.getTrustManagers();
        }
      }
      javax.net.ssl.KeyManager[] keys = null;
      Optional<String> cert = config.optional("client_certificate_pem", "TF_HTTP_CLIENT_CERTIFICATE_PEM");
      if (cert.isPresent()) {
        String keyPem = config.required("client_private_key_pem", "TF_HTTP_CLIENT_PRIVATE_KEY_PEM");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", privateKey(keyPem), new char[0],
            certificates(cert.get(), "client_certificate_pem").toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        keys = kmf.getKeyManagers();
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys, trust, null);
      return ctx;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new BackendConfigException("client_certificate_pem", "cannot set up TLS for the http backend: " + e.getMessage());
    }
  }

  private static Collection<? extends Certificate> certificates(String pem, String arg) {
    try {
      return CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new BackendConfigException(arg, "\"" + arg + "\" is not a PEM certificate: " + e.getMessage());
    }
  }

  private static PrivateKey privateKey(String pem) {
    if (!pem.contains("BEGIN PRIVATE KEY")) {
      throw new BackendConfigException("client_private_key_pem",
          "client_private_key_pem must be an unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert it with "
              + "`openssl pkcs8 -topk8 -nocrypt`");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
    for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new BackendConfigException("client_private_key_pem", "client_private_key_pem is not an RSA, EC or Ed25519 key");
  }
}
