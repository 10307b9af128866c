package io.capstan.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff ({@code diff -u} layout, three lines of context, {@code \ No newline at
 * end of file} markers) between two texts. Terraform's {@code fmt -diff} runs the system's
 * {@code diff -u}; so does this when it is installed, for byte-identical output. Otherwise
 * it falls back to its own Myers O((N+M)·D) diff, which finds an equally short edit script
 * but may align ambiguous lines (e.g. repeated closing braces) differently from GNU diff.
 */
final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    static String diff(String oldText, String newText, String oldLabel, String newLabel) {
        String viaSystem = systemDiff(oldText, newText, oldLabel, newLabel);
        return viaSystem != null ? viaSystem : builtinDiff(oldText, newText, oldLabel, newLabel);
    }

    /** Runs {@code diff -u} as Terraform does; null when no usable diff program is installed. */
    static String systemDiff(String oldText, String newText, String oldLabel, String newLabel) {
        java.nio.file.Path f1 = null;
        java.nio.file.Path f2 = null;
        try {
            f1 = java.nio.file.Files.createTempFile("capstan-fmt", ".old");
            f2 = java.nio.file.Files.createTempFile("capstan-fmt", ".new");
            java.nio.file.Files.writeString(f1, oldText, java.nio.charset.StandardCharsets.UTF_8);
            java.nio.file.Files.writeString(f2, newText, java.nio.charset.StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("diff", "--label=" + oldLabel, "--label=" + newLabel, "-u",
                    f1.toString(), f2.toString()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            int rc = p.waitFor();
            return rc <= 1 ? new String(out, java.nio.charset.StandardCharsets.UTF_8) : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            try {
                if (f1 != null) {
                    java.nio.file.Files.deleteIfExists(f1);
                }
                if (f2 != null) {
                    java.nio.file.Files.deleteIfExists(f2);
                }
            } catch (java.io.IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    static String builtinDiff(String oldText, String newText, String oldLabel, String newLabel) {
        List<String> a = lines(oldText);
        List<String> b = lines(newText);
        List<int[]> edits = editScript(a, b); // each: {type, aIndex, bIndex}; type 0 keep, 1 delete, 2 insert
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldLabel).append('\n').append("+++ ").append(newLabel).append('\n');
        int i = 0;
        int n = edits.size();
        while (i < n) {
            while (i < n && edits.get(i)[0] == 0) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int hunkStart = Math.max(0, i - CONTEXT);
            int j = i;
            int lastChange = i;
            while (j < n) {
                if (edits.get(j)[0] != 0) {
                    lastChange = j;
                    j++;
                } else if (j - lastChange <= 2 * CONTEXT) {
                    j++;
                } else {
                    break;
                }
            }
            int hunkEnd = Math.min(n, lastChange + 1 + CONTEXT);
            appendHunk(out, edits.subList(hunkStart, hunkEnd), a, b);
            i = hunkEnd;
        }
        return out.toString();
    }

    private static void appendHunk(StringBuilder out, List<int[]> hunk, List<String> a, List<String> b) {
        int aStart = -1;
        int bStart = -1;
        int aCount = 0;
        int bCount = 0;
        for (int[] e : hunk) {
            if (e[0] != 2) {
                if (aStart < 0) {
                    aStart = e[1];
                }
                aCount++;
            }
            if (e[0] != 1) {
                if (bStart < 0) {
                    bStart = e[2];
                }
                bCount++;
            }
        }
        int[] first = hunk.get(0);
        if (aStart < 0) {
            aStart = first[1];
        }
        if (bStart < 0) {
            bStart = first[2];
        }
        out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@\n");
        for (int[] e : hunk) {
            String line;
            char mark;
            boolean last;
            if (e[0] == 0) {
                mark = ' ';
                line = a.get(e[1]);
                last = e[1] == a.size() - 1 || e[2] == b.size() - 1;
            } else if (e[0] == 1) {
                mark = '-';
                line = a.get(e[1]);
                last = e[1] == a.size() - 1;
            } else {
                mark = '+';
                line = b.get(e[2]);
                last = e[2] == b.size() - 1;
            }
            out.append(mark);
            if (line.endsWith("\n")) {
                out.append(line);
            } else {
                out.append(line).append('\n');
                if (last) {
                    out.append("\\ No newline at end of file\n");
                }
            }
        }
    }

    private static String range(int start, int count) {
        // diff -u numbers lines from 1; an empty range names the line before it
        if (count == 0) {
            return start + ",0";
        }
        return count == 1 ? String.valueOf(start + 1) : (start + 1) + "," + count;
    }

    /** Lines including their terminating newline; the last may lack one. */
    static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < s.length()) {
            int nl = s.indexOf('\n', start);
            int end = nl < 0 ? s.length() : nl + 1;
            out.add(s.substring(start, end));
            start = end;
        }
        return out;
    }

    private static List<int[]> editScript(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = n + m;
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        int dFinal = -1;
        outer:
        for (int d = 0; d <= max; d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int x;
                if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) {
                    x = v[offset + k + 1];
                } else {
                    x = v[offset + k - 1] + 1;
                }
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    dFinal = d;
                    break outer;
                }
            }
        }
        List<int[]> edits = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = dFinal; d > 0; d--) {
            int[] vd = trace.get(d);
            int k = x - y;
            int prevK = (k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1])) ? k + 1 : k - 1;
            int prevX = vd[offset + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                edits.add(new int[] {0, --x, --y});
            }
            if (x == prevX) {
                edits.add(new int[] {2, x, --y});
            } else {
                edits.add(new int[] {1, --x, y});
            }
        }
        while (x > 0 && y > 0) {
            edits.add(new int[] {0, --x, --y});
        }
        java.util.Collections.reverse(edits);
        return edits;
    }
}
