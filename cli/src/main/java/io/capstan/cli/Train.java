package io.capstan.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The training run of {@code bin/capstan}'s class-data-sharing archive: runs the everyday
 * read-only commands ({@code validate}, {@code validate -json}, {@code fmt -check},
 * {@code graph}, {@code version}) on one configuration directory in a single JVM, so that
 * the archive recorded at its exit covers the classes of all of them rather than only those
 * of whichever command happened to run first after a build; then the provider paths of
 * {@code init} and {@code providers schema -json} ({@link io.capstan.cli.init.ProviderTraining}). Writes nothing to disk and
 * discards all output; the exit code is always 0 (a failed command still loads its classes).
 */
public final class Train {
    private Train() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: Train CONFIG_DIR");
            System.exit(2);
        }
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
        try {
            io.capstan.cli.init.ProviderTraining.run();
        } catch (Exception | LinkageError e) {
            // Training is best effort: a failure only means fewer classes in the archive.
        }
        System.exit(0);
    }
}
