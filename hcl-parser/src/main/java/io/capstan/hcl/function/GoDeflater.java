package io.capstan.hcl.function;

import java.io.ByteArrayOutputStream;

/**
 * A DEFLATE compressor that makes the same decisions as Go's compress/flate at its default
 * level (6), so that {@code base64gzip} gives Terraform's exact bytes; zlib's level 6 parses
 * the same text into other matches. The behaviour that matters, learned from Go's
 * documentation and source: a 64 KiB window slid by 32 KiB, a 17-bit hash of the next
 * 4 bytes with hash chains, matches of at least 4 bytes (a 4-byte match only within 4096
 * bytes), lazy matching (a match is kept unless the next position has a longer one; no
 * search once a match reaches 16 bytes; at most 128 chain links, stop at 128 bytes), all
 * positions inside an emitted match hashed, and a block written every 16,384 tokens and
 * at each flush. Blocks go to {@link GoBlockWriter}.
 */
final class GoDeflater {
    private static final int WINDOW_SIZE = 1 << 15;
    private static final int WINDOW_MASK = WINDOW_SIZE - 1;
    private static final int MIN_MATCH = 4;
    private static final int MAX_MATCH = 258;
    private static final int MAX_BLOCK_TOKENS = 1 << 14;
    private static final int HASH_BITS = 17;
    private static final int HASH_MASK = (1 << HASH_BITS) - 1;
    private static final int MAX_HASH_OFFSET = 1 << 24;
    private static final int HASH_MUL = 0x1e35a7bd;
    // Level 6: good, lazy, nice, chain.
    private static final int GOOD = 8;
    private static final int LAZY = 16;
    private static final int NICE = 128;
    private static final int CHAIN = 128;

    private final GoBlockWriter writer;
    private final byte[] window = new byte[2 * WINDOW_SIZE];
    private final int[] hashHead = new int[1 << HASH_BITS];
    private final int[] hashPrev = new int[WINDOW_SIZE];
    private final int[] tokens = new int[MAX_BLOCK_TOKENS + 1];
    private int ntokens;
    private int hashOffset = 1;
    private int chainHead = -1;
    private int index;
    private int windowEnd;
    private int blockStart;
    private boolean byteAvailable;
    private boolean sync;
    private int length = MIN_MATCH - 1;
    private int offset;
    private int maxInsertIndex;
    private int foundLength;
    private int foundOffset;

    GoDeflater(ByteArrayOutputStream out) {
        writer = new GoBlockWriter(out);
    }

    void write(byte[] b) {
        int pos = 0;
        while (pos < b.length) {
            deflate();
            pos += fill(b, pos);
        }
    }

    /** Go's Flush: compress everything pending, then an empty non-final stored block. */
    void flush() {
        sync = true;
        deflate();
        writer.writeStoredHeader(0, false);
        writer.flush();
        sync = false;
    }

    /** Go's Close: compress everything pending, then an empty final stored block. */
    void close() {
        sync = true;
        deflate();
        writer.writeStoredHeader(0, true);
        writer.flush();
    }

    private int fill(byte[] b, int from) {
        if (index >= 2 * WINDOW_SIZE - (MIN_MATCH + MAX_MATCH)) {
            System.arraycopy(window, WINDOW_SIZE, window, 0, WINDOW_SIZE);
            index -= WINDOW_SIZE;
            windowEnd -= WINDOW_SIZE;
            // A block that started before the slide can no longer be stored.
            blockStart = blockStart >= WINDOW_SIZE ? blockStart - WINDOW_SIZE : Integer.MAX_VALUE;
            hashOffset += WINDOW_SIZE;
            if (hashOffset > MAX_HASH_OFFSET) {
                int delta = hashOffset - 1;
                hashOffset -= delta;
                chainHead -= delta;
                rebase(hashPrev, delta);
                rebase(hashHead, delta);
            }
        }
        int n = Math.min(b.length - from, window.length - windowEnd);
        System.arraycopy(b, from, window, windowEnd, n);
        windowEnd += n;
        return n;
    }

    private static void rebase(int[] table, int delta) {
        for (int i = 0; i < table.length; i++) {
            table[i] = table[i] > delta ? table[i] - delta : 0;
        }
    }

    private int hash4(int i) {
        int v = (window[i + 3] & 0xff) | (window[i + 2] & 0xff) << 8 | (window[i + 1] & 0xff) << 16
                | (window[i] & 0xff) << 24;
        return (v * HASH_MUL) >>> (32 - HASH_BITS);
    }

    private void writeBlock(int end) {
        if (end > 0) {
            boolean inWindow = blockStart <= end;
            writer.writeBlock(tokens, ntokens, false, inWindow ? window : null, inWindow ? blockStart : 0, end);
            blockStart = end;
        }
        ntokens = 0;
    }

    private void deflate() {
        if (windowEnd - index < MIN_MATCH + MAX_MATCH && !sync) {
            return;
        }
        maxInsertIndex = windowEnd - (MIN_MATCH - 1);
        while (true) {
            int lookahead = windowEnd - index;
            if (lookahead < MIN_MATCH + MAX_MATCH) {
                if (!sync) {
                    return;
                }
                if (lookahead == 0) {
                    if (byteAvailable) {
                        tokens[ntokens++] = window[index - 1] & 0xff;
                        byteAvailable = false;
                    }
                    if (ntokens > 0) {
                        writeBlock(index);
                    }
                    return;
                }
            }
            if (index < maxInsertIndex) {
                int h = hash4(index) & HASH_MASK;
                chainHead = hashHead[h];
                hashPrev[index & WINDOW_MASK] = chainHead;
                hashHead[h] = index + hashOffset;
            }
            int prevLength = length;
            int prevOffset = offset;
            length = MIN_MATCH - 1;
            offset = 0;
            int minIndex = Math.max(index - WINDOW_SIZE, 0);
            if (chainHead - hashOffset >= minIndex && lookahead > prevLength && prevLength < LAZY
                    && findMatch(index, chainHead - hashOffset, MIN_MATCH - 1, lookahead)) {
                length = foundLength;
                offset = foundOffset;
            }
            if (prevLength >= MIN_MATCH && length <= prevLength) {
                // The match at the previous byte is at least as long: emit it.
                tokens[ntokens++] = GoBlockWriter.match(prevLength, prevOffset);
                int newIndex = index + prevLength - 1;
                int i = index + 1;
                for (; i < newIndex; i++) {
                    if (i < maxInsertIndex) {
                        int h = hash4(i) & HASH_MASK;
                        hashPrev[i & WINDOW_MASK] = hashHead[h];
                        hashHead[h] = i + hashOffset;
                    }
                }
                index = i;
                byteAvailable = false;
                length = MIN_MATCH - 1;
                if (ntokens == MAX_BLOCK_TOKENS) {
                    writeBlock(index);
                }
            } else {
                if (byteAvailable) {
                    tokens[ntokens++] = window[index - 1] & 0xff;
                    if (ntokens == MAX_BLOCK_TOKENS) {
                        writeBlock(index);
                    }
                }
                index++;
                byteAvailable = true;
            }
        }
    }

    /** Longest match for {@code pos} along its hash chain, into foundLength/foundOffset. */
    private boolean findMatch(int pos, int prevHead, int prevLength, int lookahead) {
        int minMatchLook = Math.min(MAX_MATCH, lookahead);
        int nice = Math.min(NICE, minMatchLook);
        int tries = CHAIN;
        int best = prevLength;
        if (best >= GOOD) {
            tries >>= 2;
        }
        boolean ok = false;
        byte wEnd = window[pos + best];
        int minIndex = pos - WINDOW_SIZE;
        for (int i = prevHead; tries > 0; tries--) {
            if (wEnd == window[i + best]) {
                int n = matchLen(i, pos, minMatchLook);
                if (n > best && (n > MIN_MATCH || pos - i <= 4096)) {
                    best = n;
                    foundLength = n;
                    foundOffset = pos - i;
                    ok = true;
                    if (n >= nice) {
                        break;
                    }
                    wEnd = window[pos + n];
                }
            }
            if (i == minIndex) {
                // hashPrev for this slot already belongs to a newer position.
                break;
            }
            i = hashPrev[i & WINDOW_MASK] - hashOffset;
            if (i < minIndex || i < 0) {
                break;
            }
        }
        return ok;
    }

    private int matchLen(int a, int b, int max) {
        for (int k = 0; k < max; k++) {
            if (window[a + k] != window[b + k]) {
                return k;
            }
        }
        return max;
    }
}
