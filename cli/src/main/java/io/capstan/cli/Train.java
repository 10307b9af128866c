package io.capstan.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The training run of {@code bin/capstan}'s class-data-sharing archive: runs the everyday
 * read-only commands ({@code validate}, {@code validate -json}, {@code fmt -check},
 * {@code graph}, {@code version}) on one configuration directory in a single JVM, so that
 * the archive recorded at its exit covers the classes of all of them rather than only those
 * of whichever command happened to run first after a build; then the provider paths of
 * {@code init} and {@code providers schema -json} ({@link io.capstan.cli.init.ProviderTraining}), and a
 * plan, apply and destroy with a real provider plugin ({@link #trainPlugin}). Writes only in a temporary directory (deleted) and
 * discards all output (the engine's plan/apply/destroy run in a temporary directory, deleted after); the exit code is always 0 (a failed command still loads its classes).
 * With a second argument {@code -no-providers} it stops before the provider paths (bin/capstan's
 * lean archive for runs that start no provider plugin). With {@code -engine} it runs only the
 * engine's plan, apply, no-change plan and destroy (bin/capstan's engine archive for
 * {@code plan}, {@code apply}, {@code destroy} and {@code refresh} without provider plugins: the
 * classes those commands load and no others, because a JVM's RSS grows with the archive it maps).
 */
public final class Train {
    private Train() {
    }

    public static void main(String[] args) {
        boolean engineOnly = args.length == 2 && args[1].equals("-engine");
        boolean providers = !(args.length == 2 && (args[1].equals("-no-providers") || engineOnly));
        if (args.length != 1 && providers) {
            System.err.println("usage: Train CONFIG_DIR [-no-providers | -engine]");
            System.exit(2);
        }
        // as Main.main does first: without it the archive lacked LogLevels, QuietLogging, the
        // java.util.logging classes they name and a lambda of Level's, so every run loaded
        // those from the jar and the JDK image and spun that lambda (the run's first) at start-up
        LogLevels.configureAtStart(System.getenv());
        if (engineOnly) {
            trainEngine();
            System.exit(0);
        }
        String dir = args[0];
        String[][] runs = {
            {"validate", dir},
            {"validate", "-json", dir},
            {"fmt", "-check", "-diff", dir},
            {"-chdir=" + dir, "graph"},
            {"version"},
            {"-help"},
        };
        for (String[] run : runs) {
            PrintWriter sink = new PrintWriter(Writer.nullWriter());
            Main.run(run.clone(), sink, sink);
        }
        trainEngine();
        if (!providers) {
            // bin/capstan's lean archive, for runs that cannot start a provider plugin: without the
            // gRPC/Netty/TLS/BouncyCastle classes (about 4,300 of the 7,600) it is half the size,
            // and a JVM's RSS grows with the archive it maps, not only with the classes it uses
            System.exit(0);
        }
        try {
            io.capstan.cli.init.ProviderTraining.run();
        } catch (Exception | LinkageError e) {
            // Training is best effort: a failure only means fewer classes in the archive.
        }
        trainPlugin();
        System.exit(0);
    }

    /**
     * init, validate, plan, apply, a no-change plan and destroy with a real provider plugin in a temporary
     * directory (deleted afterwards): {@link io.capstan.cli.init.TrainingProvider}, started from this JVM's
     * class path in its own process as an installed provider would be. Without it the archive held only the
     * plugin stack's set-up (ProviderTraining's in-process connection), and every run with a provider on
     * Capstan's SDK loaded about 420 classes from the jars: the plaintext private-socket connection, the
     * calls' stubs and messages, MessagePack values, the plugin host's walk. Runs with an environment of its
     * own (an empty CLI configuration, no plugin cache, no TF_ variables), so nothing outside the directory is
     * read or written.
     */
    private static void trainPlugin() {
        java.nio.file.Path tmp = null;
        try {
            tmp = trainingDirectory();
            java.nio.file.Path mirror = tmp.resolve("mirror");
            java.util.List<java.nio.file.Path> classPath = new java.util.ArrayList<>();
            for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                if (!e.isEmpty()) {
                    classPath.add(java.nio.file.Path.of(e).toAbsolutePath());
                }
            }
            io.capstan.provider.sdk.MirrorLayout.write(mirror, "capstan", io.capstan.cli.init.TrainingProvider.TYPE,
                    "1.0.0", io.capstan.cli.init.TrainingProvider.class.getName(), classPath, false);
            java.nio.file.Path work = java.nio.file.Files.createDirectory(tmp.resolve("work"));
            java.nio.file.Path cliConfig = java.nio.file.Files.writeString(tmp.resolve("cli.tfrc"), "");
            java.nio.file.Files.writeString(work.resolve("main.tf"), """
                terraform {
                  required_providers {
                    capstantrain = { source = "capstan/capstantrain" }
                  }
                }
                resource "capstantrain_thing" "a" {
                  count = 2
                  input = "a${count.index}"
                }
                resource "capstantrain_thing" "b" {
                  input      = provider::capstantrain::upper(capstantrain_thing.a[0].id)
                  tags       = { k = "v" }
                  depends_on = [capstantrain_thing.a]
                }
                """);
            java.util.Map<String, String> env = new java.util.HashMap<>();
            String path = System.getenv("PATH");
            if (path != null) {
                env.put("PATH", path);
            }
            env.put("TF_CLI_CONFIG_FILE", cliConfig.toString());
            env.put("TF_IN_AUTOMATION", "1");
            String[][] runs = {
                {"init", "-input=false", "-no-color", "-plugin-dir=" + mirror},
                {"validate", "-no-color"},
                {"plan", "-no-color"},
                {"apply", "-auto-approve", "-no-color", "-parallelism=4"},
                {"plan", "-no-color", "-detailed-exitcode"},
                {"destroy", "-auto-approve", "-no-color"},
            };
            for (String[] run : runs) {
                PrintWriter sink = new PrintWriter(Writer.nullWriter());
                Main.runFor(work, false, env, run.clone(), sink, sink);
            }
        } catch (Exception | LinkageError e) {
            // best effort, like the rest of the training run
        } finally {
            delete(tmp);
        }
    }

    private static void delete(java.nio.file.Path tmp) {
        if (tmp != null) {
            try (var walk = java.nio.file.Files.walk(tmp)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (Exception e) {
                // a leftover temporary directory is harmless
            }
        }
    }

    /**
     * A new directory under java.io.tmpdir. Not {@code Files.createTempDirectory}: its random name
     * comes from a SecureRandom, whose JCA set-up (about 60 classes no engine command loads) would
     * then be in the archives too.
     */
    private static java.nio.file.Path trainingDirectory() throws java.io.IOException {
        java.nio.file.Path base = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        long seed = System.nanoTime() ^ ProcessHandle.current().pid();
        for (int i = 0; ; i++) {
            java.nio.file.Path p = base.resolve("capstan-train-" + Long.toHexString(seed + i));
            try {
                return java.nio.file.Files.createDirectory(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (i == 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * plan, apply, no-change plan and destroy of chained, counted and for_each {@code terraform_data}
     * resources with a variable, a local and an output in a temporary directory (deleted afterwards), so the engine's classes (planner, walk, journal,
     * state codec, renderers, built-in provider) are in the archive too: without them every
     * plan/apply loaded and verified them again, which dominated a 100-resource run.
     */
    private static void trainEngine() {
        java.nio.file.Path tmp = null;
        try {
            tmp = trainingDirectory();
            java.nio.file.Files.writeString(tmp.resolve("main.tf"), """
                variable "names" {
                  type    = set(string)
                  default = ["x", "y"]
                }
                locals {
                  prefix = "p"
                }
                resource "terraform_data" "a" {
                  input = "a"
                }
                resource "terraform_data" "b" {
                  input = [terraform_data.a.output, terraform_data.a.id]
                }
                resource "terraform_data" "c" {
                  count      = 2
                  input      = "${local.prefix}-${count.index}"
                  depends_on = [terraform_data.a]
                }
                resource "terraform_data" "d" {
                  for_each = var.names
                  input    = { key = each.key, n = 1.5 }
                }
                output "b" {
                  value = terraform_data.b.output
                }
                """);
            String chdir = "-chdir=" + tmp;
            String[][] runs = {
                {chdir, "plan", "-no-color"},
                {chdir, "apply", "-auto-approve", "-no-color"},
                {chdir, "plan", "-detailed-exitcode"},
                {chdir, "destroy", "-auto-approve"},
            };
            for (String[] run : runs) {
                PrintWriter sink = new PrintWriter(Writer.nullWriter());
                Main.run(run.clone(), sink, sink);
            }
        } catch (Exception | LinkageError e) {
            // best effort, like the rest of the training run
        } finally {
            if (tmp != null) {
                try (var walk = java.nio.file.Files.walk(tmp)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (Exception e) {
                    // a leftover temporary directory is harmless
                }
            }
        }
    }
}
