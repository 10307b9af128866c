package io.capstan.hcl.function;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Records {@code base64gzip-oracle.tsv} from Terraform (not a test; run by hand when the
 * case list changes): writes every generated input to a file, asks one
 * {@code terraform console} session for {@code base64gzip(file(...))} of each, and stores
 * (name, kind, seed, size, SHA-256 of Terraform's result, the result itself when short).
 *
 * <pre>
 * mvn -q -o -pl hcl-parser test-compile
 * java -cp hcl-parser/target/test-classes io.capstan.hcl.function.GzipOracleRecorder \
 *     /tmp/gzo hcl-parser/src/test/resources/io/capstan/hcl/function/base64gzip-oracle.tsv
 * </pre>
 */
final class GzipOracleRecorder {
    /** Sizes around the encoder's boundaries: match lengths, 16,384-token blocks, 32 KiB window, 64 KiB stored limit. */
    static final int[] SIZES = {1, 2, 3, 4, 5, 6, 8, 13, 31, 64, 100, 257, 258, 259, 262, 300, 1000, 4096, 4097,
        5000, 16384, 20000, 32768, 32769, 40000, 65535, 65536, 65537, 70000, 100000, 131072, 200000};
    static final int SHORT = 400;

    private GzipOracleRecorder() {
    }

    record Case(String name, String kind, long seed, int size) {
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("empty", "ascii", 0, 0));
        for (int k = 0; k < GzipOracleInputs.KINDS.size(); k++) {
            String kind = GzipOracleInputs.KINDS.get(k);
            for (int s = 0; s < SIZES.length; s++) {
                cases.add(new Case(kind + "-" + SIZES[s], kind, 1000L * k + s, SIZES[s]));
            }
        }
        cases.add(new Case("bytes-1M", "bytes", 77, 1_100_000));
        cases.add(new Case("repeat-1M", "repeat", 78, 1_000_000));
        // Beyond 16 MiB Go rebases its hash chain positions.
        cases.add(new Case("mixed-17M", "mixed", 79, 17_500_000));
        return cases;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir.resolve("in"));
        List<Case> cases = cases();
        // A non-terminal console evaluates its whole input as one expression: ask for a tuple.
        StringBuilder script = new StringBuilder("[");
        for (Case c : cases) {
            Files.write(dir.resolve("in").resolve(c.name()), GzipOracleInputs.input(c.kind(), c.seed(), c.size()));
            script.append("base64gzip(file(\"in/").append(c.name()).append("\")),");
        }
        script.append("]\n");
        ProcessBuilder pb = new ProcessBuilder("terraform", "console").directory(dir.toFile());
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        pb.redirectInput(ProcessBuilder.Redirect.PIPE).redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        Thread feeder = new Thread(() -> {
            try (var in = p.getOutputStream()) {
                in.write(script.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        feeder.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("terraform console failed");
        }
        String[] lines = out.lines().map(String::strip).filter(l -> l.startsWith("\""))
                .map(l -> l.endsWith(",") ? l.substring(0, l.length() - 1) : l).toArray(String[]::new);
        if (lines.length != cases.size()) {
            throw new IllegalStateException(lines.length + " results for " + cases.size() + " cases");
        }
        StringBuilder tsv = new StringBuilder("# name\tkind\tseed\tsize\tsha256(base64gzip)\tbase64gzip if short; "
                + "recorded from terraform 1.11.4 console by GzipOracleRecorder\n");
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String v = lines[i].strip();
            if (!v.startsWith("\"") || !v.endsWith("\"")) {
                throw new IllegalStateException(c.name() + ": " + v);
            }
            v = v.substring(1, v.length() - 1);
            tsv.append(c.name()).append('\t').append(c.kind()).append('\t').append(c.seed()).append('\t')
                    .append(c.size()).append('\t').append(sha256(v)).append('\t')
                    .append(v.length() <= SHORT ? v : "").append('\n');
        }
        Files.writeString(Path.of(args[1]), tsv);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
