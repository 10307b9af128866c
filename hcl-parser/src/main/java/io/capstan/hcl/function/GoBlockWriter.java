package io.capstan.hcl.function;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Writes DEFLATE blocks with the choices Go's compress/flate makes (its
 * {@code huffmanBitWriter.writeBlock}): for each block it prices a fixed-Huffman encoding,
 * a dynamic one (code lengths from {@link GoHuffman}, the RFC 1951 run-length header with
 * Go's repeat rules) and, when the block's bytes are still in the window and fit, a stored
 * block; it takes the cheapest with Go's tie-breaking (dynamic only when strictly smaller
 * than fixed, stored only when strictly smaller than both). A block with no match still
 * prices one distance code, as Go does, so the header always describes a distance tree.
 */
final class GoBlockWriter {
    static final int MATCH = 1 << 30;
    static final int END_BLOCK = 256;
    private static final int LENGTH_CODES_START = 257;
    private static final int NUM_LITERALS = 286;
    private static final int NUM_OFFSETS = 30;
    private static final int BAD = 255;
    private static final int MAX_STORED = 65535;
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
        4, 4, 4, 4, 5, 5, 5, 5, 0};
    private static final int[] LENGTH_BASE = {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40,
        48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 255};
    private static final int[] OFFSET_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
        9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
    private static final int[] OFFSET_BASE = {0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192,
        256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384, 24576};
    private static final int[] CODEGEN_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    private static final byte[] LENGTH_CODE = new byte[256];
    private static final byte[] OFFSET_CODE = new byte[1 << 15];
    // 288 entries: the fixed code is defined over 288 symbols, and codes 286/287 shift the 9-bit codes.
    private static final int[] FIXED_LIT_LENS = new int[288];
    private static final int[] FIXED_LIT_CODES;
    private static final int[] FIXED_OFF_LENS = new int[NUM_OFFSETS];
    private static final int[] FIXED_OFF_CODES;

    static {
        for (int c = 0; c < 28; c++) {
            for (int x = LENGTH_BASE[c]; x < LENGTH_BASE[c] + (1 << LENGTH_EXTRA[c]) && x < 256; x++) {
                LENGTH_CODE[x] = (byte) c;
            }
        }
        LENGTH_CODE[255] = 28;
        for (int c = 0; c < NUM_OFFSETS; c++) {
            for (int x = OFFSET_BASE[c]; x < OFFSET_BASE[c] + (1 << OFFSET_EXTRA[c]); x++) {
                OFFSET_CODE[x] = (byte) c;
            }
        }
        for (int i = 0; i < FIXED_LIT_LENS.length; i++) {
            FIXED_LIT_LENS[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
        }
        FIXED_LIT_CODES = GoHuffman.codes(FIXED_LIT_LENS);
        Arrays.fill(FIXED_OFF_LENS, 5);
        FIXED_OFF_CODES = GoHuffman.codes(FIXED_OFF_LENS);
    }

    private final ByteArrayOutputStream out;
    private long bits;
    private int nbits;
    private final int[] litFreq = new int[NUM_LITERALS];
    private final int[] offFreq = new int[NUM_OFFSETS];
    private final int[] litLens = new int[NUM_LITERALS];
    private final int[] offLens = new int[NUM_OFFSETS];
    private final int[] codegenFreq = new int[19];
    private final int[] codegenLens = new int[19];
    private final int[] codegen = new int[NUM_LITERALS + NUM_OFFSETS + 1];

    GoBlockWriter(ByteArrayOutputStream out) {
        this.out = out;
    }

    static int match(int length, int offset) {
        return MATCH | (length - 3) << 22 | (offset - 1);
    }

    void writeBits(int value, int n) {
        bits |= (long) value << nbits;
        nbits += n;
        while (nbits >= 8) {
            out.write((int) bits);
            bits >>>= 8;
            nbits -= 8;
        }
    }

    /** Pads to a byte boundary with zero bits. */
    void flush() {
        if (nbits > 0) {
            out.write((int) bits);
        }
        bits = 0;
        nbits = 0;
    }

    void writeStoredHeader(int length, boolean eof) {
        writeBits(eof ? 1 : 0, 3);
        flush();
        writeBits(length, 16);
        writeBits(~length & 0xffff, 16);
    }

    /**
     * One block of {@code n} tokens (end-of-block is added here); {@code input} from
     * {@code from} to {@code to} is the block's original bytes, or {@code input == null}
     * when they are no longer in the window (then the block cannot be stored).
     */
    void writeBlock(int[] tokens, int n, boolean eof, byte[] input, int from, int to) {
        Arrays.fill(litFreq, 0);
        Arrays.fill(offFreq, 0);
        for (int i = 0; i < n; i++) {
            int t = tokens[i];
            if (t < MATCH) {
                litFreq[t]++;
            } else {
                litFreq[LENGTH_CODES_START + LENGTH_CODE[(t >>> 22) & 0xff]]++;
                offFreq[OFFSET_CODE[t & 0x3fffff]]++;
            }
        }
        litFreq[END_BLOCK]++;
        int numLiterals = NUM_LITERALS;
        while (litFreq[numLiterals - 1] == 0) {
            numLiterals--;
        }
        int numOffsets = NUM_OFFSETS;
        while (numOffsets > 0 && offFreq[numOffsets - 1] == 0) {
            numOffsets--;
        }
        if (numOffsets == 0) {
            offFreq[0] = 1;
            numOffsets = 1;
        }
        GoHuffman.lengths(litFreq, 15, litLens);
        GoHuffman.lengths(offFreq, 15, offLens);

        boolean storable = input != null && to - from <= MAX_STORED;
        int storedSize = storable ? (to - from + 5) * 8 : 0;
        int extraBits = 0;
        if (storable) {
            for (int c = LENGTH_CODES_START + 8; c < numLiterals; c++) {
                extraBits += litFreq[c] * LENGTH_EXTRA[c - LENGTH_CODES_START];
            }
            for (int c = 4; c < numOffsets; c++) {
                extraBits += offFreq[c] * OFFSET_EXTRA[c];
            }
        }
        int size = 3 + bitLength(litFreq, FIXED_LIT_LENS) + bitLength(offFreq, FIXED_OFF_LENS) + extraBits;
        int codegenEnd = generateCodegen(numLiterals, numOffsets);
        GoHuffman.lengths(codegenFreq, 7, codegenLens);
        int numCodegens = 19;
        while (numCodegens > 4 && codegenFreq[CODEGEN_ORDER[numCodegens - 1]] == 0) {
            numCodegens--;
        }
        int dynamicSize = 3 + 5 + 5 + 4 + 3 * numCodegens + bitLength(codegenFreq, codegenLens)
                + codegenFreq[16] * 2 + codegenFreq[17] * 3 + codegenFreq[18] * 7
                + bitLength(litFreq, litLens) + bitLength(offFreq, offLens) + extraBits;
        boolean dynamic = dynamicSize < size;
        if (dynamic) {
            size = dynamicSize;
        }
        if (storable && storedSize < size) {
            writeStoredHeader(to - from, eof);
            flush();
            out.write(input, from, to - from);
            return;
        }
        int[] litCodes;
        int[] litLensUsed;
        int[] offCodes;
        int[] offLensUsed;
        if (dynamic) {
            writeBits(eof ? 5 : 4, 3);
            writeBits(numLiterals - 257, 5);
            writeBits(numOffsets - 1, 5);
            writeBits(numCodegens - 4, 4);
            for (int i = 0; i < numCodegens; i++) {
                writeBits(codegenLens[CODEGEN_ORDER[i]], 3);
            }
            int[] cgCodes = GoHuffman.codes(codegenLens);
            for (int i = 0; i < codegenEnd; i++) {
                int word = codegen[i];
                writeBits(cgCodes[word], codegenLens[word]);
                if (word >= 16) {
                    writeBits(codegen[++i], word == 16 ? 2 : word == 17 ? 3 : 7);
                }
            }
            litCodes = GoHuffman.codes(litLens);
            litLensUsed = litLens;
            offCodes = GoHuffman.codes(offLens);
            offLensUsed = offLens;
        } else {
            writeBits(eof ? 3 : 2, 3);
            litCodes = FIXED_LIT_CODES;
            litLensUsed = FIXED_LIT_LENS;
            offCodes = FIXED_OFF_CODES;
            offLensUsed = FIXED_OFF_LENS;
        }
        for (int i = 0; i < n; i++) {
            int t = tokens[i];
            if (t < MATCH) {
                writeBits(litCodes[t], litLensUsed[t]);
                continue;
            }
            int xlen = (t >>> 22) & 0xff;
            int lc = LENGTH_CODE[xlen];
            writeBits(litCodes[LENGTH_CODES_START + lc], litLensUsed[LENGTH_CODES_START + lc]);
            if (LENGTH_EXTRA[lc] > 0) {
                writeBits(xlen - LENGTH_BASE[lc], LENGTH_EXTRA[lc]);
            }
            int xoff = t & 0x3fffff;
            int oc = OFFSET_CODE[xoff];
            writeBits(offCodes[oc], offLensUsed[oc]);
            if (OFFSET_EXTRA[oc] > 0) {
                writeBits(xoff - OFFSET_BASE[oc], OFFSET_EXTRA[oc]);
            }
        }
        writeBits(litCodes[END_BLOCK], litLensUsed[END_BLOCK]);
    }

    private static int bitLength(int[] freq, int[] lens) {
        // freq may be shorter than lens (the fixed literal code has two unused symbols).
        int total = 0;
        for (int i = 0; i < freq.length; i++) {
            total += freq[i] * lens[i];
        }
        return total;
    }

    /**
     * The run-length coded list of literal and distance code lengths (RFC 1951 3.2.7) with
     * Go's rules: a non-zero length is written once then repeated with 16 (3..6 at a time);
     * zeros use 18 (11..138) then 17 (3..10); shorter runs are written out. Returns the
     * number of entries in {@link #codegen}; counts go to {@link #codegenFreq}.
     */
    private int generateCodegen(int numLiterals, int numOffsets) {
        Arrays.fill(codegenFreq, 0);
        int[] lens = new int[numLiterals + numOffsets + 1];
        System.arraycopy(litLens, 0, lens, 0, numLiterals);
        System.arraycopy(offLens, 0, lens, numLiterals, numOffsets);
        lens[numLiterals + numOffsets] = BAD;
        int size = lens[0];
        int count = 1;
        int out = 0;
        for (int in = 1; size != BAD; in++) {
            int next = lens[in];
            if (next == size) {
                count++;
                continue;
            }
            if (size != 0) {
                codegen[out++] = size;
                codegenFreq[size]++;
                count--;
                while (count >= 3) {
                    int r = Math.min(6, count);
                    codegen[out++] = 16;
                    codegen[out++] = r - 3;
                    codegenFreq[16]++;
                    count -= r;
                }
            } else {
                while (count >= 11) {
                    int r = Math.min(138, count);
                    codegen[out++] = 18;
                    codegen[out++] = r - 11;
                    codegenFreq[18]++;
                    count -= r;
                }
                if (count >= 3) {
                    codegen[out++] = 17;
                    codegen[out++] = count - 3;
                    codegenFreq[17]++;
                    count = 0;
                }
            }
            for (; count > 0; count--) {
                codegen[out++] = size;
                codegenFreq[size]++;
            }
            size = next;
            count = 1;
        }
        return out;
    }
}
