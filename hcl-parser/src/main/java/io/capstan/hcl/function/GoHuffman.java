package io.capstan.hcl.function;

import java.util.Arrays;

/**
 * Huffman code lengths chosen the way Go's compress/flate chooses them, so that
 * {@code base64gzip} reproduces Terraform's bytes. Any optimal length-limited code would
 * decompress the same; the exact lengths matter because ties between equally good codes
 * are broken by the construction order: symbols sorted by (frequency, symbol), then a
 * level-by-level boundary package-merge that counts how many leaves sit at each depth, the
 * most frequent symbols getting the shortest codes. Codes themselves are canonical (RFC 1951
 * 3.2.2), so only the lengths need to match.
 */
final class GoHuffman {
    private static final int MAX_LEVELS = 17;

    private GoHuffman() {
    }

    /**
     * Fills {@code lens} with a code length for every symbol of {@code freq} (0 for unused
     * symbols), at most {@code maxBits} long.
     */
    static void lengths(int[] freq, int maxBits, int[] lens) {
        int count = 0;
        long[] keyed = new long[freq.length];
        for (int i = 0; i < freq.length; i++) {
            if (freq[i] != 0) {
                keyed[count++] = ((long) freq[i] << 16) | i;
            } else {
                lens[i] = 0;
            }
        }
        if (count <= 2) {
            // One or two symbols: each gets a one-bit code.
            for (int i = 0; i < count; i++) {
                lens[(int) (keyed[i] & 0xffff)] = 1;
            }
            return;
        }
        Arrays.sort(keyed, 0, count);
        int[] sortedFreq = new int[count + 1];
        for (int i = 0; i < count; i++) {
            sortedFreq[i] = (int) (keyed[i] >>> 16);
        }
        sortedFreq[count] = Integer.MAX_VALUE;
        int[] bitCount = bitCounts(sortedFreq, count, maxBits);
        // The most frequent symbols (end of the sorted list) take the shortest lengths.
        int end = count;
        for (int bits = 1; bits < bitCount.length; bits++) {
            for (int k = 0; k < bitCount[bits]; k++) {
                end--;
                lens[(int) (keyed[end] & 0xffff)] = bits;
            }
        }
    }

    /**
     * How many leaves get each length: one row per level, each row taking either the next
     * leaf or a pair from the row below, whichever is cheaper; the leaf counts left of each
     * row's rightmost node give the depth distribution. {@code f[n]} is a sentinel.
     */
    private static int[] bitCounts(int[] f, int n, int maxBits) {
        if (maxBits > n - 1) {
            maxBits = n - 1;
        }
        int[] lastFreq = new int[MAX_LEVELS];
        int[] nextCharFreq = new int[MAX_LEVELS];
        int[] nextPairFreq = new int[MAX_LEVELS];
        int[] needed = new int[MAX_LEVELS];
        int[][] leafCounts = new int[MAX_LEVELS][MAX_LEVELS];
        for (int level = 1; level <= maxBits; level++) {
            lastFreq[level] = f[1];
            nextCharFreq[level] = f[2];
            nextPairFreq[level] = level == 1 ? Integer.MAX_VALUE : f[0] + f[1];
            leafCounts[level][level] = 2;
        }
        // 2n - 2 nodes are needed on the top row; two are already there.
        needed[maxBits] = 2 * n - 4;
        int level = maxBits;
        while (true) {
            if (nextPairFreq[level] == Integer.MAX_VALUE && nextCharFreq[level] == Integer.MAX_VALUE) {
                // Out of leaves and pairs: close this row for good.
                needed[level] = 0;
                nextPairFreq[level + 1] = Integer.MAX_VALUE;
                level++;
                continue;
            }
            int prevFreq = lastFreq[level];
            if (nextCharFreq[level] < nextPairFreq[level]) {
                int leaves = leafCounts[level][level] + 1;
                lastFreq[level] = nextCharFreq[level];
                leafCounts[level][level] = leaves;
                nextCharFreq[level] = f[leaves];
            } else {
                lastFreq[level] = nextPairFreq[level];
                System.arraycopy(leafCounts[level - 1], 0, leafCounts[level], 0, level);
                needed[level - 1] = 2;
            }
            needed[level]--;
            if (needed[level] == 0) {
                if (level == maxBits) {
                    break;
                }
                nextPairFreq[level + 1] = prevFreq + lastFreq[level];
                level++;
            } else {
                // A pair was taken from below: replenish the rows underneath first.
                while (needed[level - 1] > 0) {
                    level--;
                }
            }
        }
        if (leafCounts[maxBits][maxBits] != n) {
            throw new IllegalStateException("huffman: leaf count " + leafCounts[maxBits][maxBits] + " != " + n);
        }
        int[] bitCount = new int[maxBits + 1];
        int bits = 1;
        for (int lv = maxBits; lv > 0; lv--) {
            bitCount[bits++] = leafCounts[maxBits][lv] - leafCounts[maxBits][lv - 1];
        }
        return bitCount;
    }

    /** Canonical codes (bit-reversed for LSB-first output) for the given lengths. */
    static int[] codes(int[] lens) {
        int[] blCount = new int[MAX_LEVELS];
        for (int l : lens) {
            blCount[l]++;
        }
        blCount[0] = 0;
        int[] next = new int[MAX_LEVELS];
        int code = 0;
        for (int bits = 1; bits < MAX_LEVELS; bits++) {
            code = (code + blCount[bits - 1]) << 1;
            next[bits] = code;
        }
        int[] codes = new int[lens.length];
        for (int i = 0; i < lens.length; i++) {
            if (lens[i] != 0) {
                codes[i] = Integer.reverse(next[lens[i]]++) >>> (32 - lens[i]);
            }
        }
        return codes;
    }
}
