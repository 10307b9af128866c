package io.capstan.provider.plugin;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An ephemeral self-signed certificate for go-plugin's automatic mutual TLS. Both sides make
 * one per process: the host passes its certificate (PEM) to the plugin in
 * {@code PLUGIN_CLIENT_CERT}; the plugin answers with its own in the handshake line; each
 * then trusts exactly the other's certificate. Shaped like go-plugin's: ECDSA P-521,
 * CN/SAN {@code localhost}, a CA usable for both client and server authentication.
 */
public record PluginCertificate(X509Certificate certificate, PrivateKey privateKey) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public PluginCertificate {
        Objects.requireNonNull(certificate, "certificate");
    }

    /** Generates a fresh key pair and certificate (takes a few milliseconds). */
    public static PluginCertificate generate() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp521r1"), RANDOM);
            KeyPair kp = gen.generateKeyPair();
            X500Name name = new X500Name("O=Capstan,CN=localhost");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(127, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofSeconds(30))),
                    Date.from(now.plus(Duration.ofDays(365L * 30))), name, kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                    | KeyUsage.keyEncipherment | KeyUsage.keyAgreement | KeyUsage.keyCertSign));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
            X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA512withECDSA").build(kp.getPrivate()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            return new PluginCertificate(cert, kp.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot generate a TLS certificate for the plugin connection", e);
        }
    }

    /** Parses a DER certificate (the handshake line's last field, already base64-decoded). */
    public static X509Certificate parseDer(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    /** Parses the PEM certificate a host passes in {@code PLUGIN_CLIENT_CERT}. */
    public static X509Certificate parsePem(String pem) throws GeneralSecurityException {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o = p.readObject();
            if (!(o instanceof X509CertificateHolder h)) {
                throw new GeneralSecurityException("PLUGIN_CLIENT_CERT does not hold a PEM certificate");
            }
            return new JcaX509CertificateConverter().getCertificate(h);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("PLUGIN_CLIENT_CERT is not valid PEM: " + e.getMessage(), e);
        }
    }

    /** The certificate in PEM form. */
    public String certificatePem() {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(certificate);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return sw.toString();
    }

    public byte[] certificateDer() {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
