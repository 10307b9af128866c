package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.provider.sdk.testing.ClassPathProviders;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the differential tests against the real {@code terraform} share: finding terraform (a
 * printed SKIP and an aborted test when it is absent), running it and Capstan on a directory, the
 * Java SDK providers as filesystem mirrors, and swapping the two tools' files.
 */
final class Differential {
    private Differential() {
    }

    /** Exit code and output of one command. */
    record Run(int exit, String out) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The messages of a {@code -json} UI stream without their {@code @timestamp}, the version line left out. */
    static List<ObjectNode> uiMessages(String jsonl) throws IOException {
        return uiMessages(jsonl, false, false);
    }

    /**
     * The messages of a {@code -json} UI stream without their {@code @timestamp}: with
     * {@code withVersion} the version line is kept (both tools print the same one); with
     * {@code maskElapsed} the times that differ between runs are masked ("after Ns" in the text)
     * or left out (a hook's {@code elapsed_seconds}).
     */
    static List<ObjectNode> uiMessages(String jsonl, boolean withVersion, boolean maskElapsed) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            if (!line.startsWith("{") || !withVersion && line.contains("\"type\":\"version\"")) {
                continue;
            }
            ObjectNode n = (ObjectNode) JSON.readTree(maskElapsed ? line.replaceAll("after \\d+s", "after Ns") : line);
            n.remove("@timestamp");
            if (maskElapsed && n.path("hook").has("elapsed_seconds")) {
                ((ObjectNode) n.path("hook")).remove("elapsed_seconds");
            }
            out.add(n);
        }
        return out;
    }

    /** The {@code resource_drift} messages of a {@code -json} run, without timestamps, as sorted text. */
    static List<String> driftMessages(String jsonl) throws IOException {
        return uiMessages(jsonl).stream().filter(n -> n.path("type").asText().equals("resource_drift"))
                .map(ObjectNode::toString).sorted().toList();
    }

    /**
     * The diagnostics of a run, in its order: {@code validate -json}'s one document, or the
     * diagnostic messages of any other command's {@code -json} UI stream.
     */
    static List<String> jsonDiagnostics(String out, String command) throws IOException {
        List<String> list = new ArrayList<>();
        if (command.equals("validate")) {
            JSON.readTree(out).path("diagnostics").forEach(n -> list.add(n.toString()));
        } else {
            for (ObjectNode m : uiMessages(out)) {
                if (m.path("type").asText().equals("diagnostic")) {
                    list.add(m.path("diagnostic").toString());
                }
            }
        }
        return list;
    }

    /**
     * The same files written into {@code tmp/terraform} and {@code tmp/capstan} (names relative, parent
     * folders made); aborts the calling test (SKIP) when there is no terraform.
     */
    static Path[] sameFiles(Path tmp, Map<String, String> files) throws IOException {
        terraform();
        Path[] d = {tmp.resolve("terraform"), tmp.resolve("capstan")};
        for (Path p : d) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path to = p.resolve(f.getKey());
                Files.createDirectories(to.getParent());
                Files.writeString(to, f.getValue());
            }
        }
        return d;
    }

    /** The terraform on the PATH; aborts the calling test, printing why, when there is none. */
    static Path terraform() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path t = Path.of(d, "terraform");
            if (Files.isExecutable(t)) {
                return t;
            }
        }
        System.out.println("SKIP: terraform is not on the PATH; the terraform/Capstan differential tests need it");
        assumeTrue(false, "terraform is not on the PATH");
        return null;
    }

    /** {@code terraform ARGS} in DIR, stdout and stderr together. */
    static Run tf(Path dir, String... args) throws IOException, InterruptedException {
        return terraform(dir, true, args);
    }

    /** {@code terraform ARGS} in DIR, stdout only (for documents such as {@code validate -json}). */
    static Run tfStdout(Path dir, String... args) throws IOException, InterruptedException {
        return terraform(dir, false, args);
    }

    static String tfOk(Path dir, String... args) throws IOException, InterruptedException {
        return ok(tf(dir, args), "terraform", args);
    }

    /**
     * {@code terraform ARGS} in DIR with ENV's variables added, after dropping every inherited
     * {@code TF_} and {@code AWS_} variable (so only the test's own variables, credentials and
     * {@code TF_CLI_ARGS} count); stdout and stderr together.
     */
    static Run tf(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return terraform(dir, env, true, args);
    }

    /** As {@link #tf(Path, Map, String...)}, stdout only. */
    static Run tfStdout(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return terraform(dir, env, false, args);
    }

    private static Run terraform(Path dir, boolean withStderr, String... args) throws IOException, InterruptedException {
        return terraform(dir, null, withStderr, args);
    }

    /** ENV null: keep the inherited variables but TF_LOG and TF_DATA_DIR; else drop every TF_ and AWS_ one and add ENV. */
    private static Run terraform(Path dir, Map<String, String> env, boolean withStderr, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(terraform().toString());
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        if (withStderr) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        if (env == null) {
            pb.environment().remove("TF_LOG");
            pb.environment().remove("TF_DATA_DIR");
        } else {
            pb.environment().keySet().removeIf(k -> k.startsWith("TF_") || k.startsWith("AWS_"));
        }
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        pb.environment().put("TF_IN_AUTOMATION", "1");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        if (env != null) {
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as("terraform " + String.join(" ", args)).isTrue();
        return new Run(p.exitValue(), out);
    }

    /** {@code capstan -chdir=DIR ARGS} in this JVM, stdout and stderr together. */
    static Run cap(Path dir, String... args) {
        StringWriter out = new StringWriter();
        int code = Main.run(chdir(dir, args), new PrintWriter(out, true), new PrintWriter(out, true));
        return new Run(code, out.toString());
    }

    /**
     * {@code capstan -chdir=DIR ARGS} in this JVM, stdout only as {@link #tfStdout} reads
     * terraform's, with stderr appended when it fails (for the assertion message).
     */
    static Run capStdout(Path dir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(chdir(dir, args), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out + (code == 0 ? "" : err.toString()));
    }

    static String capOk(Path dir, String... args) {
        return ok(cap(dir, args), "capstan", args);
    }

    private static String[] chdir(Path dir, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "-chdir=" + dir;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    static String ok(Run r, String tool, String... args) {
        assertThat(r.exit()).as(tool + " " + String.join(" ", args) + ":\n" + r.out()).isZero();
        return r.out();
    }

    /**
     * The Java SDK providers named ({@code random}, {@code local}, {@code time}) as filesystem
     * mirrors for {@code init -plugin-dir}: the packaged ones when the reactor built them from the
     * current classes (AppCDS, faster start), else one mirror under {@code tmp} of launchers on
     * this class path.
     */
    static List<Path> mirrors(Path tmp, String... providers) throws IOException {
        Path root = Path.of(System.getProperty("capstan.root", ".."));
        long sdk = newest(root.resolve("provider-sdk/target/classes"));
        List<Path> packaged = new ArrayList<>();
        for (String p : providers) {
            Path target = root.resolve("providers").resolve(p).resolve("target");
            Path jar = target.resolve("provider-" + p + "-0.1.0-SNAPSHOT.jar");
            if (!Files.isDirectory(target.resolve("mirror")) || !Files.exists(jar)
                    || Math.max(sdk, newest(target.resolve("classes"))) > Files.getLastModifiedTime(jar).toMillis()) {
                packaged = null;
                break;
            }
            packaged.add(target.resolve("mirror"));
        }
        if (packaged != null) {
            return packaged;
        }
        Path mirror = tmp.resolve("mirror");
        for (String p : providers) {
            ClassPathProviders.write(mirror, p, "io.capstan.providers." + p + ".Main", ClassPathProviders.classPath());
        }
        return List.of(mirror);
    }

    /** {@code init -input=false -no-color} with a {@code -plugin-dir} for each mirror. */
    static String[] init(List<Path> mirrors) {
        List<String> init = new ArrayList<>(List.of("init", "-input=false", "-no-color"));
        for (Path m : mirrors) {
            init.add("-plugin-dir=" + m);
        }
        return init.toArray(String[]::new);
    }

    /** The newest modification time under {@code dir}; a missing directory counts as newer than anything. */
    private static long newest(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Long.MAX_VALUE;
        }
        try (var files = Files.walk(dir)) {
            return files.mapToLong(f -> f.toFile().lastModified()).max().orElse(0);
        }
    }

    /** Exchanges two files or directories (each tool then works on the other's state). */
    static void swap(Path a, Path b) throws IOException {
        Path tmp = a.resolveSibling(a.getFileName() + ".swap");
        Files.move(a, tmp, StandardCopyOption.ATOMIC_MOVE);
        Files.move(b, a, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, b, StandardCopyOption.ATOMIC_MOVE);
    }

    /** One run's exit code and its two output streams, kept apart. */
    record Streams(int exit, String out, String err) {
    }

    /** {@code terraform ARGS} in {@code dir}, in automation, without {@code TF_LOG} or {@code TF_CLI_ARGS}: stdout and stderr apart. */
    static Streams tfStreams(Path dir, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(terraform().toString());
        cmd.addAll(args);
        Path out = Files.createTempFile("tf-out", ".txt");
        Path err = Files.createTempFile("tf-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
            pb.environment().put("TF_IN_AUTOMATION", "1");
            pb.environment().put("CHECKPOINT_DISABLE", "1");
            pb.environment().remove("TF_LOG");
            pb.environment().remove("TF_CLI_ARGS");
            Process p = pb.start();
            p.getOutputStream().close();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            return new Streams(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code capstan -chdir=DIR ARGS} in this JVM with the environment {@link #tfStreams} gives terraform: stdout and stderr apart. */
    static Streams capStreams(Path dir, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>();
        all.add("-chdir=" + dir);
        all.addAll(args);
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("TF_IN_AUTOMATION", "1");
        env.remove("TF_LOG");
        env.remove("TF_CLI_ARGS");
        int code = Main.runFor(dir, false, env, all.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Streams(code, out.toString(), err.toString());
    }

    /** What a comparison reads of the state file a run left behind. */
    interface StateView {
        String of(Path stateFile) throws Exception;
    }

    /**
     * Runs each case by both tools, each in a fresh directory under {@code tmp} holding {@code mainTf} and
     * {@code state} as {@code terraform.tfstate}, and asserts the same exit code, standard output, standard error
     * and {@code view} of the state left behind.
     *
     * @return how many cases ran
     */
    static int compareStateCommands(Path tmp, String mainTf, String state, List<List<String>> cases, StateView view)
            throws Exception {
        terraform();
        for (List<String> args : cases) {
            String what = String.join(" ", args);
            String[] tf = stateRun(tmp, mainTf, state, true, args, view);
            String[] cap = stateRun(tmp, mainTf, state, false, args, view);
            assertThat(cap[0]).as(what + "\n" + cap[2]).isEqualTo(tf[0]);
            assertThat(cap[1]).as(what + " (stdout)").isEqualTo(tf[1]);
            assertThat(cap[2]).as(what + " (stderr)").isEqualTo(tf[2]);
            assertThat(cap[3]).as(what + " (the state after)").isEqualTo(tf[3]);
        }
        return cases.size();
    }

    private static String[] stateRun(Path tmp, String mainTf, String state, boolean terraform, List<String> args,
                                     StateView view) throws Exception {
        Path dir = Files.createTempDirectory(tmp, terraform ? "tf" : "cap");
        Files.writeString(dir.resolve("main.tf"), mainTf);
        Files.writeString(dir.resolve("terraform.tfstate"), state);
        Streams s = terraform ? tfStreams(dir, args) : capStreams(dir, args);
        return new String[] {Integer.toString(s.exit()), s.out(), s.err(), view.of(dir.resolve("terraform.tfstate"))};
    }
}
