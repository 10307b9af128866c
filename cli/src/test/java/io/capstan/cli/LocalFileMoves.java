package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the differential tests of {@code moved} across resource types share: the Java SDK
 * providers required from {@code capstan/...}, a {@code local_file}-shaped resource of either
 * file type, a {@code moved} block, one working directory per tool, both initialised and applied
 * with the same configuration, and the part of the human plan both tools print alike.
 */
final class LocalFileMoves {
    private static final String FILE = """
            resource "%s" "%s" {
              filename             = "${path.module}/out/a.txt"
              content              = "hello"
              file_permission      = "0644"
              directory_permission = "0755"
            }
            """;
    private static final String MOVE = """
            moved {
              from = %s
              to   = %s
            }
            """;

    private LocalFileMoves() {
    }

    /** The directory terraform works in and the one Capstan works in. */
    record Dirs(Path terraform, Path capstan) {
        /** Writes {@code config} as {@code main.tf} in both directories. */
        void write(String config) throws IOException {
            Files.writeString(terraform.resolve("main.tf"), config);
            Files.writeString(capstan.resolve("main.tf"), config);
        }
    }

    /** A {@code terraform} block requiring each named provider from {@code capstan/NAME}. */
    static String header(String... providers) {
        int width = 0;
        for (String p : providers) {
            width = Math.max(width, p.length());
        }
        StringBuilder sb = new StringBuilder("terraform {\n  required_providers {\n");
        for (String p : providers) {
            sb.append("    ").append(String.format("%-" + width + "s", p)).append(" = { source = \"capstan/")
                    .append(p).append("\" }\n");
        }
        return sb.append("  }\n}\n").toString();
    }

    /** A resource of {@code type} ({@code local_file} or {@code local_sensitive_file}) writing out/a.txt. */
    static String file(String type, String name) {
        return FILE.formatted(type, name);
    }

    /** A {@code moved} block from one address to another. */
    static String movedBlock(String from, String to) {
        return MOVE.formatted(from, to);
    }

    /**
     * Terraform and Capstan, each in its own directory under {@code tmp}, initialise with the
     * named Java SDK providers as mirrors and apply {@code config}. Skips the calling test, with
     * a printed reason, when terraform is absent.
     */
    static Dirs applied(Path tmp, String config, String... providers) throws IOException, InterruptedException {
        Differential.terraform();
        Dirs dirs = new Dirs(Files.createDirectories(tmp.resolve("terraform")),
                Files.createDirectories(tmp.resolve("capstan")));
        dirs.write(config);
        String[] init = Differential.init(Differential.mirrors(tmp, providers));
        Differential.tfOk(dirs.terraform(), init);
        Differential.capOk(dirs.capstan(), init);
        Differential.tfOk(dirs.terraform(), "apply", "-auto-approve", "-input=false", "-no-color");
        Differential.capOk(dirs.capstan(), "apply", "-auto-approve", "-input=false", "-no-color");
        return dirs;
    }

    /** The human plan from "Terraform will perform" to the "Plan:" line: the part both tools print alike. */
    static String actions(String out) {
        int from = out.indexOf("Terraform will perform the following actions:");
        assertThat(from).as("no action list in:\n" + out).isNotNegative();
        return out.substring(from, out.indexOf("\n", out.indexOf("Plan: ", from)));
    }
}
