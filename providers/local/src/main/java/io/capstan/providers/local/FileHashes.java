package io.capstan.providers.local;

import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.ObjectData;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** The checksums local_file exposes, and {@code id}: the SHA-1 of the content in hex. */
final class FileHashes {
    static final List<String> ATTRIBUTES = List.of("content_md5", "content_sha1", "content_sha256",
            "content_base64sha256", "content_sha512", "content_base64sha512");

    private FileHashes() {
    }

    static List<AttributeSpec> computedAttributes() {
        return List.of(
                AttributeSpec.string("id").computed().description("The hexadecimal encoding of the SHA1 checksum of the file content."),
                AttributeSpec.string("content_md5").computed().description("MD5 checksum of file content."),
                AttributeSpec.string("content_sha1").computed().description("SHA1 checksum of file content."),
                AttributeSpec.string("content_sha256").computed().description("SHA256 checksum of file content."),
                AttributeSpec.string("content_base64sha256").computed()
                        .description("Base64 encoded SHA256 checksum of file content."),
                AttributeSpec.string("content_sha512").computed().description("SHA512 checksum of file content."),
                AttributeSpec.string("content_base64sha512").computed()
                        .description("Base64 encoded SHA512 checksum of file content."));
    }

    static String sha1Hex(byte[] content) {
        return HexFormat.of().formatHex(digest("SHA-1", content));
    }

    static void set(ObjectData d, byte[] content) {
        HexFormat hex = HexFormat.of();
        byte[] sha256 = digest("SHA-256", content);
        byte[] sha512 = digest("SHA-512", content);
        d.set("id", sha1Hex(content));
        d.set("content_md5", hex.formatHex(digest("MD5", content)));
        d.set("content_sha1", sha1Hex(content));
        d.set("content_sha256", hex.formatHex(sha256));
        d.set("content_base64sha256", Base64.getEncoder().encodeToString(sha256));
        d.set("content_sha512", hex.formatHex(sha512));
        d.set("content_base64sha512", Base64.getEncoder().encodeToString(sha512));
    }

    private static byte[] digest(String algorithm, byte[] content) {
        try {
            return MessageDigest.getInstance(algorithm).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is a required JDK algorithm", e);
        }
    }
}
