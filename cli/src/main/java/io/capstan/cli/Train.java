package io.capstan.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The training run of {@code bin/capstan}'s class-data-sharing archive: runs the everyday
 * read-only commands ({@code validate}, {@code validate -json}, {@code fmt -check},
 * {@code graph}, {@code version}) on one configuration directory in a single JVM, so that
 * the archive recorded at its exit covers the classes of all of them rather than only those
 * of whichever command happened to run first after a build; then the provider paths of
 * {@code init} and {@code providers schema -json} ({@link io.capstan.cli.init.ProviderTraining}). Writes only in a temporary directory (deleted) and
 * discards all output (the engine's plan/apply/destroy run in a temporary directory, deleted after); the exit code is always 0 (a failed command still loads its classes).
 * With a second argument {@code -no-providers} it stops before the provider paths (bin/capstan's
 * lean archive for runs that start no provider plugin).
 */
public final class Train {
    private Train() {
    }

    public static void main(String[] args) {
        boolean providers = !(args.length == 2 && args[1].equals("-no-providers"));
        if (args.length != 1 && providers) {
            System.err.println("usage: Train CONFIG_DIR [-no-providers]");
            System.exit(2);
        }
        // as Main.main does first: without it the archive lacked LogLevels, QuietLogging, the
        // java.util.logging classes they name and a lambda of Level's, so every run loaded
        // those from the jar and the JDK image and spun that lambda (the run's first) at start-up
        LogLevels.configureAtStart(System.getenv());
        String dir = args[0];
        String[][] runs = {
            {"validate", dir},
            {"validate", "-json", dir},
            {"fmt", "-check", "-diff", dir},
            {"graph", dir},
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
        System.exit(0);
    }

    /**
     * plan, apply, no-change plan and destroy of two chained {@code terraform_data} resources in
     * a temporary directory (deleted afterwards), so the engine's classes (planner, walk, journal,
     * state codec, renderers, built-in provider) are in the archive too: without them every
     * plan/apply loaded and verified them again, which dominated a 100-resource run.
     */
    private static void trainEngine() {
        java.nio.file.Path tmp = null;
        try {
            tmp = java.nio.file.Files.createTempDirectory("capstan-train");
            java.nio.file.Files.writeString(tmp.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  input = "a"
                }
                resource "terraform_data" "b" {
                  input = [terraform_data.a.output, terraform_data.a.id]
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
