package io.capstan.state.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.LockInfo;
import io.capstan.state.StateException;
import io.capstan.state.States;
import io.capstan.state.WriteCondition;
import io.capstan.state.servers.HttpStateServer;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The http backend over mutual TLS: a test CA, a server certificate for 127.0.0.1 and a client
 * certificate, made with openssl; the server demands the client certificate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpTlsTest {
  private Path dir;
  private HttpStateServer server;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("capstan-tls");
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "1",
        "-subj", "/CN=capstan-test-ca");
    for (String who : List.of("server", "client")) {
      openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", who + ".key", "-out", who + ".csr", "-subj",
          "/CN=" + (who.equals("server") ? "127.0.0.1" : "capstan-client"));
      openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out",
          who + ".pem", "-days", "1", "-extfile", "san.ext");
    }
    openssl("pkcs12", "-export", "-in", "server.pem", "-inkey", "server.key", "-out", "server.p12", "-passout",
        "pass:pw");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(dir.resolve("server.p12").toFile())) {
      ks.load(in, "pw".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "pw".toCharArray());
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    try (FileInputStream in = new FileInputStream(dir.resolve("ca.pem").toFile())) {
      ts.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    server = HttpStateServer.startTls(ctx, true);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    io.capstan.state.servers.Tmp.delete(dir);
  }

  private void openssl(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + out);
    }
  }

  private Backend client(boolean withCa, boolean withClientCert, boolean skipVerify) throws Exception {
    Map<String, String> args = new HashMap<>();
    args.put("address", server.url("/tls/state"));
    args.put("lock_address", server.url("/tls/state"));
    args.put("unlock_address", server.url("/tls/state"));
    args.put("retry_max", "0");
    if (withCa) {
      args.put("client_ca_certificate_pem", Files.readString(dir.resolve("ca.pem")));
    }
    if (withClientCert) {
      args.put("client_certificate_pem", Files.readString(dir.resolve("client.pem")));
      args.put("client_private_key_pem", Files.readString(dir.resolve("client.key")));
    }
    if (skipVerify) {
      args.put("skip_cert_verification", "true");
    }
    return new HttpBackend(new BackendConfig("http", args, Map.of()));
  }

  @Test
  void mutualTlsRoundTrip() throws Exception {
    try (Backend b = client(true, true, false)) {
      byte[] s = States.state("tls", 1, "a");
      String id = b.lock("default", LockInfo.forThisProcess("OperationTypeApply", "t"), Duration.ZERO);
      b.write("default", s, WriteCondition.unconditional());
      b.unlock("default", id);
      assertThat(b.read("default")).hasValueSatisfying(v -> assertThat(v).isEqualTo(s));
    }
    try (Backend b = client(false, true, true)) {
      assertThat(b.read("default")).isPresent();
    }
  }

  @Test
  void noClientCertificateOrUnknownCaIsRefused() throws Exception {
    try (Backend b = client(true, false, false)) {
      assertThatThrownBy(() -> b.read("default")).isInstanceOf(StateException.class)
          .hasMessageContaining("cannot read the state");
    }
    try (Backend b = client(false, true, false)) {
      assertThatThrownBy(() -> b.read("default")).isInstanceOf(StateException.class)
          .hasMessageContaining("cannot read the state");
    }
  }
}
