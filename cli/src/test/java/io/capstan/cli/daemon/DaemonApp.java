package io.capstan.cli.daemon;

import io.capstan.provider.sdk.testing.ClassPathProviders;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * {@code bin/capstan} and {@code bin/capstan-daemon.bash} copied into a temporary layout whose
 * {@code cli/target/capstan.jar} is a manifest-only jar naming this test's class path, run as
 * processes in a temporary HOME with or without {@code CAPSTAN_DAEMON=1}; {@link #close} stops
 * every daemon started and checks that none is left.
 */
final class DaemonApp implements AutoCloseable {
    final Path tmp;
    final Path app;
    final Path home;
    private final Set<Long> started = new HashSet<>();

    /** stdout, stderr (or both in {@code out} when merged) and exit code of a finished run. */
    record Result(String out, String err, int code) {
    }

    DaemonApp() throws IOException {
        tmp = Files.createTempDirectory("capstan-daemon-engine");
        Path root = Path.of(System.getProperty("capstan.root", "..")).toAbsolutePath().normalize();
        if (!Files.exists(root.resolve("bin/capstan"))) {
            root = Path.of("..").toAbsolutePath().normalize();
        }
        app = tmp.resolve("app");
        Files.createDirectories(app.resolve("bin"));
        for (String f : List.of("capstan", "capstan-daemon.bash")) {
            Files.copy(root.resolve("bin").resolve(f), app.resolve("bin").resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path target = Files.createDirectories(app.resolve("cli/target"));
        writeLauncherJar(target.resolve("capstan.jar"));
        // Not writable, and CAPSTAN_CDS_RECORD=0 for root: bin/capstan then skips recording a CDS archive
        // (a training run, then a dump the class directories named by the launcher jar make fail).
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r-xr-xr-x"));
        home = Files.createDirectories(tmp.resolve("home"));
    }

    private static void writeLauncherJar(Path jar) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.capstan.cli.Main");
        List<String> urls = new ArrayList<>();
        // the test JVM's class path (surefire's, else java.class.path), as its Java providers run on
        for (Path e : ClassPathProviders.classPath()) {
            urls.add(e.toAbsolutePath().toUri().toString());
        }
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, m)) {
            j.flush();
        }
    }

    /**
     * Starts {@code bin/capstan ARGS} in {@code cwd} with the test's environment less TF_* and
     * CAPSTAN_*, plus {@code env}; stdin from {@code stdin} (null: /dev/null); stdout to
     * {@code out}, stderr to {@code err} (the same file merges them in order).
     */
    Process start(Path cwd, boolean daemon, Map<String, String> env, Path stdin, Path out, Path err, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", app.resolve("bin/capstan").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("CAPSTAN_") || k.startsWith("TF_") || k.equals("XDG_RUNTIME_DIR"));
        e.put("HOME", home.toString());
        e.put("TF_CLI_CONFIG_FILE", "/dev/null");
        e.put("CAPSTAN_CDS_RECORD", "0"); // the read-only target does not stop root from recording
        if (daemon) {
            e.put("CAPSTAN_DAEMON", "1");
        }
        e.putAll(env);
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(stdin.toFile()));
        pb.redirectOutput(out.toFile());
        if (out.equals(err)) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(err.toFile());
        }
        return pb.start();
    }

    /** Runs {@code bin/capstan ARGS} to its end (stdin /dev/null unless {@code stdin} is given). */
    Result run(Path cwd, boolean daemon, Map<String, String> env, Path stdin, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = start(cwd, daemon, env, stdin, out, err, args);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("capstan " + String.join(" ", args) + " did not finish");
        }
        rememberDaemon();
        return new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
                p.exitValue());
    }

    Result run(Path cwd, boolean daemon, String... args) throws IOException, InterruptedException {
        return run(cwd, daemon, Map.of(), null, args);
    }

    /** The launcher jar bin/capstan runs (its directory is read-only; tests that touch it make it writable). */
    Path jar() {
        return app.resolve("cli/target/capstan.jar");
    }

    /** The daemon's state file in the temporary HOME, null when there is none. */
    Path stateFile() throws IOException {
        Path dir = home.resolve(".capstan/daemon");
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (var s = Files.list(dir)) {
            return s.filter(x -> x.getFileName().toString().endsWith(".state")).findFirst().orElse(null);
        }
    }

    /** The pid of the daemon the state file names, -1 when there is none. */
    long daemonPid() throws IOException {
        try {
            Path f = stateFile();
            return f == null ? -1 : Long.parseLong(Files.readAllLines(f).get(0));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    void rememberDaemon() throws IOException {
        long pid = daemonPid();
        if (pid > 0) {
            started.add(pid);
        }
    }

    @Override
    public void close() throws Exception {
        run(tmp, false, "daemon", "stop");
        List<Long> alive = new ArrayList<>();
        for (long pid : started) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroy();
                p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
            });
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                alive.add(pid);
            }
        }
        Files.setPosixFilePermissions(app.resolve("cli/target"), PosixFilePermissions.fromString("rwxr-xr-x"));
        try (var files = Files.walk(tmp)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        if (!alive.isEmpty()) {
            throw new AssertionError("daemons still running: " + alive);
        }
    }
}
