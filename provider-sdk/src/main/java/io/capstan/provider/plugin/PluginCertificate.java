package io.capstan.provider.plugin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Objects;

/**
 * An ephemeral self-signed certificate for go-plugin's automatic mutual TLS. Both sides make
 * one per process: the host passes its certificate (PEM) to the plugin in
 * {@code PLUGIN_CLIENT_CERT}; the plugin answers with its own in the handshake line; each
 * then trusts exactly the other's certificate. Shaped like go-plugin's (CN/SAN
 * {@code localhost}, a CA usable for both client and server authentication), but on ECDSA
 * P-256 with SHA-256 where go-plugin uses P-521 with SHA-512: Go's TLS (Terraform, Go
 * providers) accepts either, and P-256 costs a JVM that has just started (C1 only, code not
 * yet compiled) about half the CPU for the key, the certificate and the handshake's
 * signatures (measured: 78 against 134 ms for key, signature and two verifications, cold).
 * {@code PluginTlsTest} and the Terraform-runs-Java-provider tests check both directions.
 *
 * <p>Built with the JDK alone (the DER is written here, signed by SunEC). BouncyCastle on
 * a plugin's class path made every provider start slow: Netty's TLS set-up instantiates the
 * BouncyCastle JCA provider whenever it finds it, which precomputes every named curve (about
 * 2 s of CPU per process on this machine), and the JVM first verifies bcprov's signed jar.
 */
public record PluginCertificate(X509Certificate certificate, PrivateKey privateKey) {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** ecdsa-with-SHA256 (RFC 5758). */
    private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";

    public PluginCertificate {
        Objects.requireNonNull(certificate, "certificate");
    }

    /** Generates a fresh key pair and certificate (takes a few milliseconds). */
    public static PluginCertificate generate() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair kp = gen.generateKeyPair();
            byte[] name = Der.seq(
                    Der.set(Der.seq(Der.oid("2.5.4.10"), Der.utf8("Capstan"))),
                    Der.set(Der.seq(Der.oid("2.5.4.3"), Der.utf8("localhost"))));
            byte[] algorithm = Der.seq(Der.oid(ECDSA_SHA256));
            Instant now = Instant.now();
            byte[] extensions = Der.seq(
                    extension("2.5.29.19", true, Der.seq(Der.bool(true))), // basicConstraints: CA
                    // keyUsage: digitalSignature(0), keyEncipherment(2), keyAgreement(4), keyCertSign(5)
                    extension("2.5.29.15", true, Der.tlv(0x03, new byte[] {2, (byte) 0b1010_1100})),
                    // extKeyUsage: clientAuth, serverAuth
                    extension("2.5.29.37", false, Der.seq(Der.oid("1.3.6.1.5.5.7.3.2"), Der.oid("1.3.6.1.5.5.7.3.1"))),
                    // subjectAltName: dNSName [2] localhost
                    extension("2.5.29.17", false, Der.seq(Der.tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)))));
            byte[] tbs = Der.seq(
                    Der.tlv(0xA0, Der.integer(BigInteger.TWO)), // v3
                    Der.integer(new BigInteger(127, RANDOM).add(BigInteger.ONE)),
                    algorithm,
                    name,
                    Der.seq(Der.time(now.minus(Duration.ofSeconds(30))), Der.time(now.plus(Duration.ofDays(365L * 30)))),
                    name,
                    kp.getPublic().getEncoded(), // SubjectPublicKeyInfo, already DER
                    Der.tlv(0xA3, extensions));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(kp.getPrivate(), RANDOM);
            signer.update(tbs);
            byte[] sig = signer.sign(); // DER Ecdsa-Sig-Value, as X.509 wants it
            byte[] bits = new byte[sig.length + 1]; // BIT STRING: no unused bits
            System.arraycopy(sig, 0, bits, 1, sig.length);
            byte[] der = Der.seq(tbs, algorithm, Der.tlv(0x03, bits));
            return new PluginCertificate(parseDer(der), kp.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a TLS certificate for the plugin connection", e);
        }
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.seq(Der.oid(oid), Der.bool(true), Der.tlv(0x04, value))
                : Der.seq(Der.oid(oid), Der.tlv(0x04, value));
    }

    /**
     * Key managers serving this certificate to a TLS handshake. Netty, given the bare key,
     * stores it in a PKCS#12 key store, which encrypts it with 10,000 rounds of PBKDF2: the
     * CLI's JFR profile of a plan showed that as a tenth of its CPU. A JKS store (a single
     * SHA-1 pass) holds the same key for the same in-memory key manager.
     */
    public javax.net.ssl.KeyManagerFactory keyManagers() {
        try {
            char[] password = "plugin".toCharArray();
            java.security.KeyStore ks = java.security.KeyStore.getInstance("JKS");
            ks.load(null, null);
            ks.setKeyEntry("plugin", privateKey, password, new java.security.cert.Certificate[] {certificate});
            javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                    javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            return kmf;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot hold the plugin TLS key", e);
        }
    }

    /** Parses a DER certificate (the handshake line's last field, already base64-decoded). */
    public static X509Certificate parseDer(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    /** Parses the PEM certificate a host passes in {@code PLUGIN_CLIENT_CERT}. */
    public static X509Certificate parsePem(String pem) throws GeneralSecurityException {
        String s = pem.strip();
        if (!s.startsWith("-----BEGIN CERTIFICATE-----") || !s.contains("-----END CERTIFICATE-----")) {
            throw new GeneralSecurityException("PLUGIN_CLIENT_CERT does not hold a PEM certificate");
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException("PLUGIN_CLIENT_CERT is not valid PEM: " + e.getMessage(), e);
        }
    }

    /** The certificate in PEM form. */
    public String certificatePem() {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificateDer())
                + "\n-----END CERTIFICATE-----\n";
    }

    public byte[] certificateDer() {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The few DER encodings a certificate needs (X.690). */
    private static final class Der {
        private Der() {
        }

        static byte[] tlv(int tag, byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
            out.write(tag);
            int n = content.length;
            if (n < 0x80) {
                out.write(n);
            } else {
                int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
                out.write(0x80 | bytes);
                for (int i = bytes - 1; i >= 0; i--) {
                    out.write(n >>> (8 * i));
                }
            }
            out.writeBytes(content);
            return out.toByteArray();
        }

        static byte[] seq(byte[]... parts) {
            return tlv(0x30, concat(parts));
        }

        static byte[] set(byte[]... parts) {
            return tlv(0x31, concat(parts));
        }

        static byte[] integer(BigInteger v) {
            return tlv(0x02, v.toByteArray());
        }

        static byte[] bool(boolean v) {
            return tlv(0x01, new byte[] {(byte) (v ? 0xFF : 0)});
        }

        static byte[] utf8(String s) {
            return tlv(0x0C, s.getBytes(StandardCharsets.UTF_8));
        }

        /** UTCTime through 2049, GeneralizedTime after (RFC 5280 4.1.2.5). */
        static byte[] time(Instant t) {
            var utc = t.atOffset(ZoneOffset.UTC);
            boolean utcTime = utc.getYear() < 2050;
            String s = utc.format(DateTimeFormatter.ofPattern(utcTime ? "yyMMddHHmmss'Z'" : "yyyyMMddHHmmss'Z'"));
            return tlv(utcTime ? 0x17 : 0x18, s.getBytes(StandardCharsets.US_ASCII));
        }

        static byte[] oid(String dotted) {
            String[] p = dotted.split("\\.");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            base128(out, Long.parseLong(p[0]) * 40 + Long.parseLong(p[1]));
            for (int i = 2; i < p.length; i++) {
                base128(out, Long.parseLong(p[i]));
            }
            return tlv(0x06, out.toByteArray());
        }

        private static void base128(ByteArrayOutputStream out, long v) {
            int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
            for (int i = groups - 1; i >= 0; i--) {
                out.write((int) ((v >>> (7 * i)) & 0x7F) | (i > 0 ? 0x80 : 0));
            }
        }

        private static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                out.writeBytes(p);
            }
            return out.toByteArray();
        }
    }
}
