package io.capstan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The set-up the differential tests share: one configuration in two directories, {@code terraform/}
 * for the real terraform and {@code capstan/} for Capstan, both initialised (with the Java SDK
 * providers named as filesystem mirrors). Aborts the test, printing why, when terraform is absent.
 *
 * @param t terraform's directory
 * @param c Capstan's directory
 */
record TwinDirs(Path t, Path c) {
    /** Both directories with {@code config} as {@code main.tf}, initialised. */
    static TwinDirs of(Path tmp, String config, String... providers) throws IOException, InterruptedException {
        Differential.terraform();
        TwinDirs d = new TwinDirs(Files.createDirectories(tmp.resolve("terraform")),
                Files.createDirectories(tmp.resolve("capstan")));
        d.write(config);
        String[] init = providers.length == 0 ? new String[] {"init", "-input=false", "-no-color"}
                : Differential.init(Differential.mirrors(tmp, providers));
        Differential.tfOk(d.t, init);
        Differential.capOk(d.c, init);
        return d;
    }

    /** As {@link #of}, the configuration read from the test resource {@code /NAME/main.tf}. */
    static TwinDirs fromResource(Path tmp, String name, String... providers) throws IOException, InterruptedException {
        return of(tmp, resource(name, "main.tf"), providers);
    }

    /** The test resource {@code /NAME/FILE} as text. */
    static String resource(String name, String file) throws IOException {
        try (InputStream in = TwinDirs.class.getResourceAsStream("/" + name + "/" + file)) {
            if (in == null) {
                throw new IOException("no test resource /" + name + "/" + file);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Replaces {@code main.tf} in both directories. */
    void write(String config) throws IOException {
        Files.writeString(t.resolve("main.tf"), config);
        Files.writeString(c.resolve("main.tf"), config);
    }

    /** Copies the test resource {@code /NAME/FILE} into both directories as {@code FILE}. */
    void copyResource(String name, String file) throws IOException {
        String text = resource(name, file);
        Files.writeString(t.resolve(file), text);
        Files.writeString(c.resolve(file), text);
    }

    /** {@code terraform ARGS} and {@code capstan ARGS}, each expected to succeed; their outputs. */
    String[] bothOk(String... args) throws IOException, InterruptedException {
        return new String[] {Differential.tfOk(t, args), Differential.capOk(c, args)};
    }

    /** {@code terraform ARGS} and {@code capstan ARGS}; their exit codes and outputs. */
    Differential.Run[] both(String... args) throws IOException, InterruptedException {
        return new Differential.Run[] {Differential.tf(t, args), Differential.cap(c, args)};
    }
}
