package io.capstan.provider.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Enumeration;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * File operations of installation: unpacking a zip package (entries that are provider
 * executables get the executable bit, which {@code java.util.zip} does not carry), copying
 * an unpacked package, and removing a previous installation (a symbolic link is removed,
 * never followed).
 */
final class PackagePlacer {
    private PackagePlacer() {
    }

    /** Puts {@code pkg}'s files into {@code dir} as real files (for the plugin cache). */
    static void materialize(ProviderPackage pkg, Path dir) throws IOException {
        if (pkg.packed()) {
            unzip(pkg.location(), dir);
            return;
        }
        Path from = pkg.location().toRealPath();
        Files.createDirectories(dir);
        try (var s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path to = dir.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void unzip(Path zip, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path root = dir.toAbsolutePath().normalize();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> en = z.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                Path to = root.resolve(e.getName()).normalize();
                if (!to.startsWith(root)) {
                    throw new IOException("zip entry " + e.getName() + " would be written outside " + root);
                }
                if (e.isDirectory()) {
                    Files.createDirectories(to);
                    continue;
                }
                Files.createDirectories(to.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
                if (to.getFileName().toString().startsWith("terraform-provider-")) {
                    try {
                        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(to);
                        perms.add(PosixFilePermission.OWNER_EXECUTE);
                        perms.add(PosixFilePermission.GROUP_EXECUTE);
                        perms.add(PosixFilePermission.OTHERS_EXECUTE);
                        Files.setPosixFilePermissions(to, perms);
                    } catch (UnsupportedOperationException ignored) {
                        to.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    /** Removes {@code p}: a symbolic link itself, or a directory tree, or nothing when absent. */
    static void deleteTree(Path p) throws IOException {
        if (Files.isSymbolicLink(p) || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(p);
            return;
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
