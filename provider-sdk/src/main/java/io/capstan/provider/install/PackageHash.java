package io.capstan.provider.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The package checksums recorded in {@code .terraform.lock.hcl}. {@code h1:} is Go's
 * {@code dirhash.Hash1} over the unpacked package: SHA-256 of each file, one line
 * {@code "<hex>  <relative/path>\n"} per file in path order, and the base64 SHA-256 of
 * those lines; it is the same for a directory and for the zip it came from. {@code zh:} is
 * the hex SHA-256 of the zip archive itself.
 *
 * <p>Provider executables are hundreds of megabytes (hashicorp/aws is 700 MB), so files are
 * streamed through the digest in 1 MiB reads, never held whole.
 */
public final class PackageHash {
    private static final int BUFFER = 1 << 20;

    private PackageHash() {
    }

    /** {@code h1:} of an unpacked package directory (symbolic links followed, as Terraform does). */
    public static String h1OfDirectory(Path dir) throws IOException {
        Path root = dir.toRealPath();
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!Files.isDirectory(p)) {
                    files.put(root.relativize(p).toString().replace('\\', '/'), p);
                }
            }
        }
        StringBuilder summary = new StringBuilder();
        byte[] buf = new byte[BUFFER];
        for (Map.Entry<String, Path> e : files.entrySet()) {
            try (InputStream in = Files.newInputStream(e.getValue())) {
                line(summary, sha256(in, buf), e.getKey());
            }
        }
        return h1(summary);
    }

    /** {@code h1:} of a packed package, computed from the zip's entries without unpacking it. */
    public static String h1OfZip(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            z.stream().filter(e -> !e.isDirectory()).forEach(entries::add);
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            StringBuilder summary = new StringBuilder();
            byte[] buf = new byte[BUFFER];
            for (ZipEntry e : entries) {
                try (InputStream in = z.getInputStream(e)) {
                    line(summary, sha256(in, buf), e.getName());
                }
            }
            return h1(summary);
        }
    }

    /** {@code zh:} of a packed package: the archive's own SHA-256 in hex. */
    public static String zhOfZip(Path zip) throws IOException {
        try (InputStream in = Files.newInputStream(zip)) {
            return "zh:" + HexFormat.of().formatHex(sha256(in, new byte[BUFFER]));
        }
    }

    private static void line(StringBuilder summary, byte[] digest, String name) {
        if (name.indexOf('\n') >= 0) {
            throw new UncheckedIOException(new IOException("file name contains a newline: " + name));
        }
        summary.append(HexFormat.of().formatHex(digest)).append("  ").append(name).append('\n');
    }

    private static String h1(StringBuilder summary) {
        byte[] d = digest().digest(summary.toString().getBytes(StandardCharsets.UTF_8));
        return "h1:" + Base64.getEncoder().encodeToString(d);
    }

    private static byte[] sha256(InputStream in, byte[] buf) throws IOException {
        MessageDigest md = digest();
        int n;
        while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
        }
        return md.digest();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
