package io.capstan.provider.sdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Lays a Java provider out as Terraform's unpacked filesystem-mirror layout,
 * {@code HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/terraform-provider-TYPE_vVERSION}, so both
 * {@code terraform init -plugin-dir} and {@code capstan init} install it. The executable is
 * a small shell launcher starting the JVM with start-up-friendly options (C1 only, serial
 * GC, class-data sharing when an archive sits beside it): Terraform starts a provider per
 * command, so start-up is the latency users feel.
 */
public final class MirrorLayout {
    /**
     * JVM options for a short-lived plugin process. JVM warnings go to stderr only: stdout
     * carries the handshake line, and a stale class-data archive (a copied package has new
     * file times) makes the JVM warn before falling back to normal class loading.
     * {@code -Xmn8m -Xms24m}: the default heap is sized from the machine's memory (a young
     * generation of about 120 MB on a 23 GB box), and a plugin touches every page of it before
     * its first collection; what a provider keeps alive between calls is small. The time
     * provider under bench/executor.sh (1,000 resources, load 16-21): 4.36 and 4.57 s of CPU
     * with the defaults against 3.37 and 4.03 s with these, runs alternated. The heap still
     * grows to the JVM's default maximum when a provider needs it.
     * {@code -XX:ArchiveRelocationMode=0} (as bin/capstan): JDK 17 otherwise maps the class-data
     * archive at a random address and patches every pointer in it, touching all of its 33 MB
     * before {@code main}; mapped where it was dumped (the JVM still relocates when that address
     * is taken) a provider reaches {@code main} sooner: the time provider started by hand, median
     * of 5 alternated runs at load 12-19 on 2 cores, 0.60 s wall with relocation against 0.29 s
     * without (CPU 0.15 against 0.12 s).
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xmn8m", "-Xms24m", "-Xss512k", "-XX:-UsePerfData", "-Xshare:auto",
            "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0", "-Xlog:disable", "-Xlog:all=warning:stderr");
    /** Extra JVM options for one launch (the build uses it to record the class-data archive). */
    public static final String JAVA_OPTS_ENV = "CAPSTAN_PROVIDER_JAVA_OPTS";
    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The AppCDS archive beside the jars; used when present and matching this JVM and class path. */
    public static final String ARCHIVE = "provider.jsa";

    private MirrorLayout() {
    }

    /** The platform directory name Terraform uses for this machine, e.g. {@code linux_amd64}. */
    public static String platform() {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("mac") ? "darwin"
                : "linux";
        String arch = switch (System.getProperty("os.arch")) {
            case "aarch64", "arm64" -> "arm64";
            default -> "amd64";
        };
        return os + "_" + arch;
    }

    /**
     * Writes the launcher (and, with {@code copy}, the class path's jars into {@code lib/}
     * beside it; otherwise the launcher refers to the entries where they are, which is what
     * tests running from a build tree want).
     *
     * @return the executable's path
     */
    public static Path write(Path mirrorRoot, String namespace, String type, String version, String mainClass,
                             List<Path> classPath, boolean copy) throws IOException {
        return write(mirrorRoot, namespace, type, version, mainClass, classPath, copy, null);
    }

    /**
     * As {@link #write(Path, String, String, String, String, List, boolean)}, with the launcher
     * mapping {@code sharedArchive} (an AppCDS archive recorded elsewhere, e.g. one per test class
     * path: {@link io.capstan.provider.sdk.testing.ClassPathProviders}) whenever that file exists
     * when the provider starts; {@code null} for the archive beside the jars ({@value #ARCHIVE}).
     */
    public static Path write(Path mirrorRoot, String namespace, String type, String version, String mainClass,
                             List<Path> classPath, boolean copy, Path sharedArchive) throws IOException {
        Objects.requireNonNull(mainClass, "mainClass");
        Path dir = mirrorRoot.resolve("registry.terraform.io").resolve(namespace).resolve(type).resolve(version)
                .resolve(platform());
        Files.createDirectories(dir);
        String cp;
        if (copy) {
            Path lib = Files.createDirectories(dir.resolve("lib"));
            List<Path> jars = new ArrayList<>();
            for (Path p : classPath) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> in = Files.list(p)) {
                        jars.addAll(in.filter(j -> j.toString().endsWith(".jar")).toList());
                    }
                } else if (p.getFileName().toString().endsWith(".jar")) {
                    jars.add(p);
                }
            }
            List<String> names = new ArrayList<>();
            for (Path j : jars) {
                Files.copy(j, lib.resolve(j.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                names.add("$dir/lib/" + j.getFileName());
            }
            // An explicit, sorted list (not lib/*): class-data sharing needs the same class path every run.
            java.util.Collections.sort(names);
            cp = "\"" + String.join(":", names) + "\"";
        } else {
            List<String> abs = new ArrayList<>();
            for (Path p : classPath) {
                abs.add(p.toAbsolutePath().toString());
            }
            cp = "'" + String.join(":", abs).replace("'", "'\\''") + "'";
        }
        String java = copy ? "\"${JAVA_HOME:+$JAVA_HOME/bin/}java\""
                : "'" + Path.of(System.getProperty("java.home"), "bin", "java") + "'";
        Path exe = dir.resolve("terraform-provider-" + type + "_v" + version);
        Files.writeString(exe, "#!/bin/sh\n"
                + "# Terraform provider " + namespace + "/" + type + " " + version
                + ", written in Java on the Capstan provider SDK.\n"
                + "dir=$(cd \"$(dirname \"$0\")\" && pwd)\n"
                + "cds=\n"
                + (sharedArchive == null
                        ? "if [ -f \"$dir/lib/" + ARCHIVE + "\" ]; then cds=-XX:SharedArchiveFile=\"$dir/lib/" + ARCHIVE
                                + "\"; fi\n"
                        : "if [ -f " + quote(sharedArchive.toString()) + " ]; then cds=-XX:SharedArchiveFile="
                                + quote(sharedArchive.toString()) + "; fi\n")
                + "exec " + java + " " + String.join(" ", JVM_OPTIONS) + " $cds $" + JAVA_OPTS_ENV + " -cp " + cp
                + " " + mainClass
                + " \"$@\"\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        return exe;
    }

    /**
     * {@code main} for the build: {@code MIRROR_ROOT NAMESPACE TYPE VERSION MAIN_CLASS ENTRY...}
     * where each entry is a jar or a directory of jars to copy into the package. With the system
     * property {@value #TRAIN_OBJECTS}{@code =true} the archive's training also creates and destroys
     * objects ({@link ProviderTraining}): only for a provider whose objects are harmless to make.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 6) {
            throw new IllegalArgumentException("usage: MIRROR_ROOT NAMESPACE TYPE VERSION MAIN_CLASS JAR_OR_DIR...");
        }
        List<Path> entries = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            entries.add(Path.of(args[i]));
        }
        Path exe = write(Path.of(args[0]), args[1], args[2], args[3], args[4], entries, true);
        recordClassDataArchive(exe, "registry.terraform.io/" + args[1] + "/" + args[2],
                Boolean.getBoolean(TRAIN_OBJECTS));
    }

    /** The system property that lets {@link #main}'s training create and destroy objects. */
    public static final String TRAIN_OBJECTS = "capstan.training.objects";

    /**
     * Starts the packaged provider once as a plugin host would (handshake, mutual TLS,
     * GetProviderSchema, the validation and planning calls of each resource type and, with
     * {@code objects}, the apply and destroy of each that can be created with no arguments
     * ({@link ProviderTraining}), shutdown) with
     * {@code -XX:ArchiveClassesAtExit}, leaving an AppCDS
     * archive of every class that path loads beside the jars: later starts map those classes
     * instead of loading and verifying them, which roughly halves the time to the handshake.
     * Best effort: without the archive the provider still runs, only slower.
     */
    public static boolean recordClassDataArchive(Path exe, String address, boolean objects) {
        return recordClassDataArchive(exe, address, objects, exe.getParent().resolve("lib").resolve(ARCHIVE));
    }

    /** As {@link #recordClassDataArchive(Path, String, boolean)}, writing the archive to {@code archive}. */
    public static boolean recordClassDataArchive(Path exe, String address, boolean objects, Path archive) {
        try {
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            return false;
        }
        io.capstan.provider.plugin.PluginLaunchSpec spec = io.capstan.provider.plugin.PluginLaunchSpec
                .terraformProvider(address, exe)
                .withEnvironment(java.util.Map.of(JAVA_OPTS_ENV, "-XX:ArchiveClassesAtExit=" + archive));
        try (io.capstan.provider.client.PluginProviderClient c = new io.capstan.provider.client.PluginProviderClient(
                spec, java.time.Duration.ofMinutes(2))) {
            io.capstan.provider.client.GetProviderSchemaResponse schema = c.getProviderSchema(
                    io.capstan.provider.client.GetProviderSchemaRequest.INSTANCE);
            if (schema.hasErrors()) {
                return false;
            }
            // the calls of a plan (and with objects an apply and destroy) too, so the archive holds their classes
            ProviderTraining.run(c, schema.schema(), objects);
            // Writing the archive happens at exit and takes a moment: a generous grace period.
            c.process().shutdown(java.time.Duration.ofMinutes(2));
        }
        for (int i = 0; i < 100 && !Files.isRegularFile(archive); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return Files.isRegularFile(archive);
    }
}
