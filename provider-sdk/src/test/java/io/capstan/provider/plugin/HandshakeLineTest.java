package io.capstan.provider.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandshakeLineTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "1|5|unix|/tmp/plugin123|grpc|;                 5; unix; /tmp/plugin123",
        "1|6|tcp|127.0.0.1:10001|grpc;                  6; tcp;  127.0.0.1:10001",
        "1|5|tcp|[::1]:10001|grpc\r;                    5; tcp;  [::1]:10001",
    })
    void parsesValidLines(String line, int version, String network, String address) {
        HandshakeLine h = HandshakeLine.parse(line);
        assertThat(h.appVersion()).isEqualTo(version);
        assertThat(h.network()).isEqualTo(network);
        assertThat(h.address()).isEqualTo(address);
        assertThat(h.serverCertDer()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "hello world;                          expected CORE-VERSION|APP-VERSION|NETWORK|ADDR|PROTOCOL",
        "2|5|unix|/tmp/p|grpc;                 unsupported go-plugin core protocol version 2",
        "1|five|unix|/tmp/p|grpc;              application protocol version is not a number",
        "1|5|udp|127.0.0.1:1|grpc;             unsupported network type \"udp\"",
        "1|5|unix||grpc;                       empty network address",
        "1|5|unix|/tmp/p;                      only grpc is supported",
        "1|5|unix|/tmp/p|grpc|%%%;             server certificate is not valid base64",
    })
    void rejectsInvalidLinesSayingWhy(String line, String message) {
        assertThatThrownBy(() -> HandshakeLine.parse(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void certificateFieldIsUnpaddedBase64DerAndRoundTrips() throws Exception {
        PluginCertificate cert = PluginCertificate.generate();
        HandshakeLine h = new HandshakeLine(1, 6, "tcp", "127.0.0.1:1234", "grpc", cert.certificateDer());
        String line = h.format();
        assertThat(line).doesNotEndWith("=").startsWith("1|6|tcp|127.0.0.1:1234|grpc|");
        assertThat(line.substring(line.lastIndexOf('|') + 1))
                .isEqualTo(Base64.getEncoder().withoutPadding().encodeToString(cert.certificateDer()));
        HandshakeLine back = HandshakeLine.parse(line);
        assertThat(PluginCertificate.parseDer(back.serverCertDer())).isEqualTo(cert.certificate());
        assertThat(PluginCertificate.parsePem(cert.certificatePem())).isEqualTo(cert.certificate());
        assertThat(cert.certificate().getSubjectAlternativeNames())
                .anySatisfy(san -> assertThat(san.get(1)).isEqualTo("localhost"));
    }

    @Test
    void certificateIsSelfSignedCaForBothAuthsBuiltWithoutBouncyCastle() throws Exception {
        PluginCertificate cert = PluginCertificate.generate();
        var c = cert.certificate();
        c.verify(c.getPublicKey()); // signed by its own key, as go-plugin's are
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(((java.security.interfaces.ECPublicKey) c.getPublicKey()).getParams().getCurve().getField()
                .getFieldSize()).as("P-256").isEqualTo(256);
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=localhost,O=Capstan");
        assertThat(c.getBasicConstraints()).as("a CA").isGreaterThanOrEqualTo(0);
        assertThat(c.getKeyUsage()).startsWith(true, false, true, false, true, true);
        assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1");
        assertThat(c.getNotAfter().toInstant()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(365L * 29)));
        // With BouncyCastle on a plugin's class path Netty's TLS set-up loads its JCA provider,
        // about 2 s of CPU at every provider start: the SDK must not bring it.
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
