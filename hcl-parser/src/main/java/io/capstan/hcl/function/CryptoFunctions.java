package io.capstan.hcl.function;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;

/** Hashes, UUIDs, bcrypt and rsadecrypt, on the JDK's crypto plus a bcrypt library. */
final class CryptoFunctions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CryptoFunctions() {
    }

    static void register(FunctionRegistry r) {
        for (String[] h : new String[][] {{"md5", "MD5"}, {"sha1", "SHA-1"}, {"sha256", "SHA-256"}, {"sha512", "SHA-512"}}) {
            r.add(StringFunctions.unary(h[0], s -> HexFormat.of().formatHex(digest(h[1], utf8(s)))));
        }
        r.add(StringFunctions.unary("base64sha256", s -> Base64.getEncoder().encodeToString(digest("SHA-256", utf8(s)))));
        r.add(StringFunctions.unary("base64sha512", s -> Base64.getEncoder().encodeToString(digest("SHA-512", utf8(s)))));
        r.add(Function.builder("uuid").returns(Type.STRING)
                .impl((args, ret, ctx) -> Value.of(UUID.randomUUID().toString())).build());
        r.add(Function.builder("uuidv5").param("namespace", Type.STRING).param("name", Type.STRING).returns(Type.STRING)
                .impl((args, ret, ctx) -> Value.of(uuidV5(namespace(Args.str(args, 0)), Args.str(args, 1)))).build());
        r.add(Function.builder("bcrypt").param("str", Type.STRING).variadic(Parameter.of("cost", Type.NUMBER))
                .returns(Type.STRING).impl((args, ret, ctx) -> {
                    if (args.size() > 2) {
                        throw new FunctionException("bcrypt() takes no more than two arguments");
                    }
                    int cost = args.size() == 2 ? Args.integer(args, 1) : 10;
                    if (cost < 4 || cost > 31) {
                        throw new FunctionException("crypto/bcrypt: cost " + cost + " is outside allowed range (4,31)");
                    }
                    byte[] salt = new byte[16];
                    RANDOM.nextBytes(salt);
                    byte[] hash = BCrypt.with(BCrypt.Version.VERSION_2A).hash(cost, salt, utf8(Args.str(args, 0)));
                    return Value.of(new String(hash, StandardCharsets.UTF_8));
                }).build());
        r.add(Function.builder("rsadecrypt").param("ciphertext", Type.STRING).param("privatekey", Type.STRING)
                .returns(Type.STRING).impl((args, ret, ctx) -> {
                    byte[] cipher;
                    try {
                        cipher = Base64.getDecoder().decode(Args.str(args, 0));
                    } catch (IllegalArgumentException e) {
                        throw new FunctionException(0, "failed to decode input " + io.capstan.hcl.value.GoFormat.quote(
                                Args.str(args, 0)) + ": cipher text must be base64-encoded");
                    }
                    PrivateKey key = privateKey(Args.str(args, 1));
                    try {
                        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
                        c.init(Cipher.DECRYPT_MODE, key);
                        return Value.of(new String(c.doFinal(cipher), StandardCharsets.UTF_8));
                    } catch (java.security.GeneralSecurityException e) {
                        throw new FunctionException("failed to decrypt: " + e.getMessage());
                    }
                }).build());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] digest(String alg, byte[] data) {
        try {
            return MessageDigest.getInstance(alg).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID namespace(String ns) {
        switch (ns) {
            case "dns": return UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
            case "url": return UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
            case "oid": return UUID.fromString("6ba7b812-9dad-11d1-80b4-00c04fd430c8");
            case "x500": return UUID.fromString("6ba7b814-9dad-11d1-80b4-00c04fd430c8");
            default: break;
        }
        String s = ns;
        if (s.startsWith("urn:uuid:")) {
            s = s.substring(9);
        } else if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.matches("[0-9a-fA-F]{32}")) {
            s = s.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
        }
        if (!s.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw new FunctionException("uuidv5() doesn't support namespace prefix " + ns
                    + ", use one of \"dns\", \"url\", \"oid\", \"x500\" or a valid UUID");
        }
        return UUID.fromString(s);
    }

    static String uuidV5(UUID ns, String name) {
        byte[] nsBytes = new byte[16];
        java.nio.ByteBuffer.wrap(nsBytes).putLong(ns.getMostSignificantBits()).putLong(ns.getLeastSignificantBits());
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        md.update(nsBytes);
        md.update(utf8(name));
        byte[] h = md.digest();
        h[6] = (byte) ((h[6] & 0x0f) | 0x50);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(h, 0, 16);
        return new UUID(bb.getLong(), bb.getLong()).toString();
    }

    /** PEM private key: PKCS#1 ("RSA PRIVATE KEY") or PKCS#8 ("PRIVATE KEY"). */
    private static PrivateKey privateKey(String pem) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("-----BEGIN ([A-Z ]+)-----([\\s\\S]*?)-----END \\1-----").matcher(pem);
        if (!m.find()) {
            throw new FunctionException(1, "invalid private key: no key found");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            KeyFactory kf = KeyFactory.getInstance("RSA");
            if (m.group(1).equals("RSA PRIVATE KEY")) {
                Der d = new Der(der);
                d.enterSequence();
                d.integer();
                BigInteger n = d.integer();
                BigInteger e = d.integer();
                BigInteger dd = d.integer();
                BigInteger p = d.integer();
                BigInteger q = d.integer();
                BigInteger dp = d.integer();
                BigInteger dq = d.integer();
                BigInteger qi = d.integer();
                return kf.generatePrivate(new RSAPrivateCrtKeySpec(n, e, dd, p, q, dp, dq, qi));
            }
            return kf.generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw new FunctionException(1, "invalid private key: " + e.getMessage());
        }
    }

    /** Just enough DER to read a PKCS#1 RSAPrivateKey. */
    private static final class Der {
        private final byte[] b;
        private int pos;

        Der(byte[] b) {
            this.b = b;
        }

        private int length() {
            int l = b[pos++] & 0xff;
            if (l < 0x80) {
                return l;
            }
            int n = l & 0x7f;
            int v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (b[pos++] & 0xff);
            }
            return v;
        }

        void enterSequence() {
            if (b[pos++] != 0x30) {
                throw new IllegalArgumentException("expected a DER sequence");
            }
            length();
        }

        BigInteger integer() {
            if (b[pos++] != 0x02) {
                throw new IllegalArgumentException("expected a DER integer");
            }
            int l = length();
            byte[] v = java.util.Arrays.copyOfRange(b, pos, pos + l);
            pos += l;
            return new BigInteger(v);
        }
    }
}
