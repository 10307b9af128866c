package io.capstan.hcl.function;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Inputs for the base64gzip oracle cases, generated from (kind, seed, size) alone so that
 * the recorded Terraform outputs in {@code base64gzip-oracle.tsv} can be checked without
 * storing the inputs. {@link java.util.Random} is used because its sequence is specified
 * by the JDK and therefore stable across versions. {@code size} counts UTF-16 units.
 */
final class GzipOracleInputs {
    static final List<String> KINDS = List.of("ascii", "bytes", "repeat", "text", "runs", "unicode", "mixed", "numbers");

    private GzipOracleInputs() {
    }

    static byte[] input(String kind, long seed, int size) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(size + 8);
        append(sb, kind, r, size);
        sb.setLength(Math.min(sb.length(), size));
        // Never cut a surrogate pair in half: the input must stay valid UTF-8.
        if (sb.length() > 0 && Character.isHighSurrogate(sb.charAt(sb.length() - 1))) {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder sb, String kind, Random r, int size) {
        int end = sb.length() + size;
        switch (kind) {
            case "ascii" -> {
                while (sb.length() < end) {
                    sb.append(r.nextInt(20) == 0 ? '\n' : (char) (0x20 + r.nextInt(0x5f)));
                }
            }
            case "bytes" -> {
                while (sb.length() < end) {
                    sb.append((char) (1 + r.nextInt(255)));
                }
            }
            case "repeat" -> {
                char[] pattern = new char[1 + r.nextInt(40)];
                for (int i = 0; i < pattern.length; i++) {
                    pattern[i] = (char) (0x21 + r.nextInt(0x5e));
                }
                while (sb.length() < end) {
                    if (r.nextInt(100) == 0) {
                        pattern[r.nextInt(pattern.length)] = (char) (0x21 + r.nextInt(0x5e));
                    }
                    sb.append(pattern);
                }
            }
            case "text" -> {
                List<String> words = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    StringBuilder w = new StringBuilder();
                    for (int k = 1 + r.nextInt(9); k > 0; k--) {
                        w.append((char) ('a' + r.nextInt(26)));
                    }
                    words.add(w.toString());
                }
                while (sb.length() < end) {
                    // Skewed choice: a few words are common, as in prose.
                    sb.append(words.get(r.nextInt(1 + r.nextInt(words.size()))));
                    int p = r.nextInt(30);
                    sb.append(p == 0 ? ".\n" : p < 3 ? ", " : " ");
                }
            }
            case "runs" -> {
                while (sb.length() < end) {
                    char c = (char) (0x21 + r.nextInt(4));
                    for (int n = 1 + r.nextInt(1 + r.nextInt(3000)); n > 0; n--) {
                        sb.append(c);
                    }
                }
            }
            case "unicode" -> {
                int[][] ranges = {{0x20, 0x7e}, {0xa0, 0x17f}, {0x391, 0x3c9}, {0x4e00, 0x4e80}, {0x1f300, 0x1f64f}};
                while (sb.length() < end) {
                    int[] range = ranges[r.nextInt(ranges.length)];
                    sb.appendCodePoint(range[0] + r.nextInt(range[1] - range[0] + 1));
                }
            }
            case "mixed" -> {
                while (sb.length() < end) {
                    String k = KINDS.get(r.nextInt(KINDS.size() - 2));
                    append(sb, k, new Random(r.nextLong()), 1 + r.nextInt(20_000));
                }
            }
            case "numbers" -> {
                for (int i = r.nextInt(1000); sb.length() < end; i++) {
                    sb.append(i).append(',');
                }
            }
            default -> throw new IllegalArgumentException(kind);
        }
    }
}
