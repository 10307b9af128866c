package io.capstan.orchestrator.security;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's own certificate authority, generated on the server's first start in
 * {@code DATA/tls}: a CA certificate, and a server certificate it signs for the server's
 * addresses. Agents trust the CA through the SHA-256 fingerprint carried in the join token.
 */
public final class CertificateAuthority {
    private final Path dir;

    private CertificateAuthority(Path dir) {
        this.dir = dir;
    }

    public Path caCert() {
        return dir.resolve("ca.crt");
    }

    public Path serverCert() {
        return dir.resolve("server.crt");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /** Loads the CA of {@code dir}, generating it and a server certificate for {@code hosts} when missing. */
    public static CertificateAuthority ensure(Path dir, List<String> hosts) throws IOException {
        CertificateAuthority ca = new CertificateAuthority(dir);
        try {
            Files.createDirectories(dir);
            if (!Files.exists(ca.caCert())) {
                ca.generate(hosts);
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot create the cluster CA in " + dir + ": " + e.getMessage(), e);
        }
        return ca;
    }

    private void generate(List<String> hosts) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        KeyPair caKeys = gen.generateKeyPair();
        long now = System.currentTimeMillis();
        Date from = new Date(now - 3_600_000L);
        Date to = new Date(now + 10L * 365 * 24 * 3_600_000L);
        X500Name caName = new X500Name("CN=capstan-orchestrator-ca");
        var caBuilder = new JcaX509v3CertificateBuilder(caName, serial(), from, to, caName, caKeys.getPublic());
        caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        caBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate caCert = sign(caBuilder.build(signer(caKeys.getPrivate())));

        KeyPair serverKeys = gen.generateKeyPair();
        var sb = new JcaX509v3CertificateBuilder(caName, serial(), from, to, new X500Name("CN=capstan-orchestrator-server"), serverKeys.getPublic());
        Set<String> all = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        all.addAll(hosts);
        try {
            all.add(InetAddress.getLocalHost().getHostName());
        } catch (IOException ignored) {
            // no resolvable host name: loopback names suffice
        }
        List<GeneralName> names = new ArrayList<>();
        for (String h : all) {
            boolean ip = h.matches("[0-9.]+") || h.contains(":");
            names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, h));
        }
        sb.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
        sb.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        X509Certificate serverCert = sign(sb.build(signer(caKeys.getPrivate())));

        writePem(dir.resolve("ca.key"), caKeys.getPrivate(), true);
        writePkcs8(serverKey(), serverKeys.getPrivate());
        // the server presents its chain so agents can check the CA fingerprint
        writePem(serverCert(), List.of(serverCert, caCert), false);
        writePem(caCert(), caCert, false);
    }

    /** Netty reads unencrypted PKCS#8 ("PRIVATE KEY"), which is what the JDK encodes. */
    private static void writePkcs8(Path file, PrivateKey key) throws IOException {
        String b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not POSIX
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static ContentSigner signer(PrivateKey key) throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    }

    private static X509Certificate sign(X509CertificateHolder holder) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static void writePem(Path file, java.lang.Object what, boolean secret) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            if (what instanceof List<?> list) {
                for (java.lang.Object o : list) {
                    w.writeObject(o);
                }
            } else {
                w.writeObject(what);
            }
        }
        Files.writeString(file, sw.toString());
        if (secret) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not POSIX
            }
        }
    }

    /** The SHA-256 fingerprint (lower-case hex) of the CA certificate. */
    public String fingerprint() throws IOException {
        return fingerprint(readCertificate(Files.readString(caCert())));
    }

    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate readCertificate(String pem) throws IOException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IOException("not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /** Reads a PEM private key (PKCS#8 or a key pair). */
    static PrivateKey readKey(String pem) throws IOException {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            java.lang.Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp).getPrivate();
            }
            return conv.getPrivateKey((PrivateKeyInfo) o);
        }
    }
}
