package io.capstan.provider.sdk.testing;

import io.capstan.provider.sdk.MirrorLayout;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * Test providers served from the running test's own class path: a provider class with a
 * {@code main} that calls {@code ProviderMain.serve}, laid out as {@code capstan/TYPE 0.1.0} in
 * Terraform's filesystem-mirror layout so that {@code terraform init -plugin-dir} and
 * {@code capstan init} install it, or under a working directory's {@code .terraform/providers}
 * where runs find it without init. The launcher refers to the class path entries where they are
 * (nothing copied).
 */
public final class ClassPathProviders {
    /** The version the launchers are written as. */
    public static final String VERSION = "0.1.0";

    private ClassPathProviders() {
    }

    /**
     * This JVM's class path as entries: surefire's test class path when surefire runs the test
     * (its forked JVM may start from a manifest-only jar), else {@code java.class.path}.
     */
    public static List<Path> classPath() {
        return Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator)).filter(e -> !e.isEmpty()).map(Path::of).toList();
    }

    /**
     * Writes the launcher of {@code capstan/TYPE} {@value #VERSION}, whose {@code main} is
     * {@code mainClass}'s, under {@code mirrorRoot}.
     *
     * @return {@code mirrorRoot}
     */
    public static Path install(Path mirrorRoot, String type, Class<?> mainClass) throws IOException {
        write(mirrorRoot, type, mainClass.getName(), classPath());
        return mirrorRoot;
    }

    /**
     * Writes the launcher of {@code capstan/TYPE} {@value #VERSION} running {@code mainClass} on
     * {@code classPath}, sharing one AppCDS archive of that class path's jars with every other
     * launcher of the same jars ({@link #sharedArchive}).
     *
     * @return the executable's path
     */
    public static Path write(Path mirrorRoot, String type, String mainClass, List<Path> classPath) throws IOException {
        Path archive = sharedArchive(classPath);
        if (archive == null) {
            return MirrorLayout.write(mirrorRoot, "capstan", type, VERSION, mainClass, classPath, false);
        }
        return MirrorLayout.write(mirrorRoot, "capstan", type, VERSION, mainClass, jarsThenDirectories(classPath),
                false, archive);
    }

    /** Provider mains one of which, found in a jar of the class path, records the shared archive. */
    private static final List<String> TRAINERS = List.of("io.capstan.providers.random.Main",
            "io.capstan.providers.local.Main", "io.capstan.providers.time.Main");
    private static final Map<List<Path>, Path> ARCHIVES = new HashMap<>();

    /**
     * One AppCDS archive per class path (its jars, their sizes and times, and this JDK) under
     * {@code java.io.tmpdir/capstan-test-cds}, recorded once by the first launcher written for it
     * (in any JVM: forked test JVMs share it) from a plan of one of {@link #TRAINERS} served from
     * the jars alone. Test suites start Java providers hundreds of times (terraform starts each
     * provider for every command, some twice), and a provider on a class path without an archive
     * loads and verifies gRPC, Netty and protobuf each time: 3.7-7.8 s to its handshake against
     * 2.1-3.3 s with an archive (load ~10 on 2 cores). The JVM refuses to record an archive whose
     * class path holds a non-empty directory, so the archive holds the jars' classes only and the
     * launcher puts the directories (the modules' classes and test classes) after the jars: a
     * longer class path than the archive's is accepted when the archive's is its prefix.
     *
     * @return the archive, or {@code null} when none could be recorded (no trainer in a jar, an
     *     error): the launcher then starts without one, as before
     */
    static Path sharedArchive(List<Path> classPath) {
        if ("false".equals(System.getProperty("capstan.test.sharedCds"))) {
            return null; // to weigh it: -Dcapstan.test.sharedCds=false
        }
        synchronized (ARCHIVES) {
            if (ARCHIVES.containsKey(classPath)) {
                return ARCHIVES.get(classPath);
            }
            Path archive = null;
            try {
                archive = record(classPath);
            } catch (IOException | RuntimeException e) {
                System.err.println("capstan test providers: no shared class-data archive (" + e + ")");
            }
            ARCHIVES.put(classPath, archive);
            return archive;
        }
    }

    private static Path record(List<Path> classPath) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (Path p : classPath) {
            if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
                jars.add(p.toAbsolutePath());
            }
        }
        String trainer = null;
        for (String t : TRAINERS) {
            if (inJar(jars, t)) {
                trainer = t;
                break;
            }
        }
        if (trainer == null) {
            return null; // e.g. a module's tests run without packaging: its providers are directories
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        digest.update((System.getProperty("java.home") + "\n" + System.getProperty("java.vm.version") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        for (Path j : jars) {
            digest.update((j + " " + Files.size(j) + " " + Files.getLastModifiedTime(j).toMillis() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String key = HexFormat.of().formatHex(digest.digest()).substring(0, 24);
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "capstan-test-cds"));
        Path archive = dir.resolve(key + ".jsa");
        if (Files.isRegularFile(archive)) {
            return archive;
        }
        removeOld(dir);
        Path tmp = dir.resolve(key + "." + ProcessHandle.current().pid() + ".tmp");
        Path work = Files.createTempDirectory("capstan-cds-train");
        try {
            Path exe = MirrorLayout.write(work, "capstan", "cdstrain", VERSION, trainer, jars, false, null);
            if (!MirrorLayout.recordClassDataArchive(exe, "registry.terraform.io/capstan/cdstrain", false, tmp)) {
                System.err.println("capstan test providers: recording the shared class-data archive failed;"
                        + " test providers start without one");
                return null;
            }
            Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return archive;
        } finally {
            Files.deleteIfExists(tmp);
            deleteTree(work);
        }
    }

    private static boolean inJar(List<Path> jars, String className) throws IOException {
        String entry = className.replace('.', '/') + ".class";
        for (Path j : jars) {
            try (ZipFile z = new ZipFile(j.toFile())) {
                if (z.getEntry(entry) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The class path with its jars first, in their order, then the rest (directories), in theirs. */
    private static List<Path> jarsThenDirectories(List<Path> classPath) {
        List<Path> jars = new ArrayList<>();
        List<Path> rest = new ArrayList<>();
        for (Path p : classPath) {
            if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
                jars.add(p.toAbsolutePath());
            } else {
                rest.add(p.toAbsolutePath());
            }
        }
        jars.addAll(rest);
        return jars;
    }

    /** Archives of earlier builds (their jars' times differ) left a day ago or more. */
    private static void removeOld(Path dir) throws IOException {
        long dayAgo = System.currentTimeMillis() - 24L * 3600 * 1000;
        try (var in = Files.list(dir)) {
            for (Path p : (Iterable<Path>) in::iterator) {
                if (Files.getLastModifiedTime(p).toMillis() < dayAgo) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
