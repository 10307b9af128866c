package io.capstan.state;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for lock IDs, state lineages and {@code terraform_data} IDs, from the
 * kernel's random source read a block at a time.
 *
 * <p>{@link UUID#randomUUID} initialises a {@code SecureRandom} (the JCA provider list, a seeded
 * SHA1PRNG mixed into every {@code /dev/urandom} read) on first use and then reads and mixes per
 * call: in a cold JVM that was about a tenth of a second of CPU per command, and an apply of
 * 1,000 {@code terraform_data} instances made 1,000 such calls. The bytes here come from the same
 * kernel source, 256 UUIDs per read. Where {@code /dev/urandom} cannot be read (not Linux), it
 * falls back to {@link UUID#randomUUID}.
 */
public final class RandomUuid {
    private static final int BLOCK = 4096;
    private static final byte[] BUFFER = new byte[BLOCK];
    private static int position = BLOCK;
    private static boolean unavailable;

    private RandomUuid() {
    }

    /** A new random UUID in its canonical 36-character form. */
    public static String next() {
        return uuid().toString();
    }

    /** A new random UUID (version 4, IETF variant). */
    public static synchronized UUID uuid() {
        if (position + 16 > BLOCK) {
            if (unavailable || !fill()) {
                unavailable = true;
                return UUID.randomUUID();
            }
            position = 0;
        }
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (BUFFER[position + i] & 0xff);
            lsb = (lsb << 8) | (BUFFER[position + 8 + i] & 0xff);
        }
        java.util.Arrays.fill(BUFFER, position, position + 16, (byte) 0);
        position += 16;
        msb = (msb & ~0xF000L) | 0x4000L;                         // version 4
        lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;  // IETF variant
        return new UUID(msb, lsb);
    }

    private static boolean fill() {
        try (FileInputStream in = new FileInputStream("/dev/urandom")) {
            return in.readNBytes(BUFFER, 0, BLOCK) == BLOCK;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
