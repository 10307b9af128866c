package io.capstan.hcl.fmt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The inputs of the fmt tests: every {@code .tf} file of the shared conformance corpus and
 * the deliberately messy files under {@code src/test/resources/fmt/}, each with the golden
 * file holding what {@code terraform fmt} made of it, plus a way to ask the real
 * {@code terraform} binary (when installed) for its output on many files at once.
 */
final class FmtCorpus {
    static final Path RESOURCES = Path.of("src/test/resources/fmt");
    static final Path CONFORMANCE_GOLDEN = Path.of("src/test/resources/fmt-conformance");

    /** One input file, the name it is reported by and where its golden file lives. */
    record Case(String name, Path source, Path golden) {
        String text() {
            return read(source);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private FmtCorpus() {
    }

    static Path sharedConformance() {
        String shared = System.getProperty("capstan.shared");
        if (shared != null && Files.isDirectory(Path.of(shared, "conformance"))) {
            return Path.of(shared, "conformance");
        }
        String root = System.getProperty("capstan.root", "..");
        return Path.of(root, "conformance");
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (Path p : list(RESOURCES)) {
            String name = p.getFileName().toString();
            if (name.endsWith(".tf") || name.endsWith(".tfvars")) {
                out.add(new Case("fmt/" + name, p, RESOURCES.resolve(name + ".golden")));
            }
        }
        Path conf = sharedConformance();
        if (Files.isDirectory(conf)) {
            for (Path p : list(conf)) {
                if (p.toString().endsWith(".tf")) {
                    String rel = conf.relativize(p).toString();
                    out.add(new Case("conformance/" + rel, p, CONFORMANCE_GOLDEN.resolve(rel + ".golden")));
                }
            }
        }
        return out;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when a {@code terraform} binary answers {@code terraform version}. */
    static boolean terraformAvailable() {
        try {
            Process p = new ProcessBuilder("terraform", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code terraform fmt -recursive} once over copies of the given texts and returns
     * what it left in each file: the formatted text, or the input unchanged where Terraform
     * rejected the file as invalid.
     */
    static List<String> terraformFormat(List<String> inputs) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("capstan-fmt-oracle");
        try {
            for (int i = 0; i < inputs.size(); i++) {
                Files.writeString(dir.resolve("f" + i + ".tf"), inputs.get(i), StandardCharsets.UTF_8);
            }
            ProcessBuilder pb = new ProcessBuilder("terraform", "fmt", "-no-color", "-list=false", dir.toString())
                    .redirectErrorStream(true);
            pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
            Process p = pb.start();
            p.getInputStream().readAllBytes();
            p.waitFor(300, TimeUnit.SECONDS);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                out.add(read(dir.resolve("f" + i + ".tf")));
            }
            return out;
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
