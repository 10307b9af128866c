package io.capstan.provider.install;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The {@code h1:} checksums of installed provider packages, remembered in the data directory's
 * {@value #FILE} with each package's real path and each of its files' path, size, modification
 * time and file key: a package whose files are all unchanged by those is not read again (an SDK
 * provider's package is about 50 MB, hashicorp/aws's 700 MB: reading one on every run cost a plan
 * 0.4 s of CPU). A changed file, or one added or removed, is hashed again. {@code init} records
 * the checksum of each package it installs (it knows it from the source), so that the first
 * command after it does not hash the package; the lock checks of the other commands read it.
 */
public final class PackageChecksums {
    /** The memo's file name in the data directory. */
    public static final String FILE = "capstan-package-checksums";

    private static final AtomicLong HASHED = new AtomicLong();

    private PackageChecksums() {
    }

    /**
     * How many packages this JVM has hashed because the memo did not know them (for tests: a command
     * that found every package remembered leaves it unchanged).
     */
    public static long hashed() {
        return HASHED.get();
    }

    /** The {@code h1:} checksum of the package directory {@code pkg}, from the memo in {@code dataDir} when its files are unchanged. */
    public static String h1(Path dataDir, Path pkg) throws IOException {
        Path root = pkg.toRealPath();
        String fingerprint = fingerprint(root);
        Properties known = load(dataDir);
        if (fingerprint.equals(known.getProperty(root + ".files"))) {
            String h1 = known.getProperty(root + ".h1");
            if (h1 != null) {
                return h1;
            }
        }
        HASHED.incrementAndGet();
        String h1 = PackageHash.h1OfDirectory(root);
        store(dataDir, known, root, fingerprint, h1);
        return h1;
    }

    /**
     * Records that the package directory {@code pkg}, as its files are now, has the checksum {@code h1}
     * (known without reading it: the checksum of the package it was just placed from). Best effort: a
     * data directory that cannot be written means the package is hashed when next checked.
     */
    public static void remember(Path dataDir, Path pkg, String h1) {
        try {
            Path root = pkg.toRealPath();
            String fingerprint = fingerprint(root);
            Properties known = load(dataDir);
            if (fingerprint.equals(known.getProperty(root + ".files")) && h1.equals(known.getProperty(root + ".h1"))) {
                return;
            }
            store(dataDir, known, root, fingerprint, h1);
        } catch (IOException e) {
            // hashed when next checked
        }
    }

    /** Each regular file under {@code root} with its size, modification time and file key, digested. */
    private static String fingerprint(Path root) throws IOException {
        StringBuilder print = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            Path[] sorted = files.toArray(Path[]::new);
            java.util.Arrays.sort(sorted);
            for (Path f : sorted) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                if (!a.isDirectory()) {
                    print.append(root.relativize(f)).append('\t').append(a.size()).append('\t')
                            .append(a.lastModifiedTime().to(TimeUnit.NANOSECONDS)).append('\t')
                            .append(a.fileKey()).append('\n');
                }
            }
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(print.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties load(Path dataDir) {
        Properties known = new Properties();
        try (java.io.Reader r = Files.newBufferedReader(dataDir.resolve(FILE))) {
            known.load(r);
        } catch (IOException e) {
            // none yet, or unreadable: hash the package
        }
        return known;
    }

    /**
     * Writes the memo with {@code root}'s entry, replacing the file whole so that a run reading it beside
     * this one never sees half of it. The temporary file is named from the process id and the clock
     * ({@link Files#createTempFile}'s SecureRandom costs a cold JVM about 0.1 s CPU), created exclusively.
     */
    private static void store(Path dataDir, Properties known, Path root, String fingerprint, String h1) {
        known.setProperty(root + ".files", fingerprint);
        known.setProperty(root + ".h1", h1);
        Path tmp = null;
        try {
            Files.createDirectories(dataDir);
            FileChannel ch = null;
            long pid = ProcessHandle.current().pid();
            while (ch == null) {
                tmp = dataDir.resolve("." + FILE + "." + pid + "." + Long.toUnsignedString(System.nanoTime()) + ".tmp");
                try {
                    ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException taken) {
                    tmp = null;
                }
            }
            try (java.io.Writer w = Channels.newWriter(ch, java.nio.charset.StandardCharsets.UTF_8)) {
                known.store(w, null);
            }
            Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            // a read-only data directory: hashed again next time
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // left behind in the data directory; harmless
                }
            }
        }
    }
}
