package io.capstan.cli.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One of a command's two output streams (stdout or stderr) as seen by a daemon client: bytes
 * are buffered and each flush sends one frame {@code "<kind> <length>\n"} followed by the bytes
 * on the shared connection, so that the bash client can route it to its own fd 1 or 2 in order.
 *
 * <p>Kinds: {@code o}/{@code e} for a short frame without NUL bytes, which the client reads with
 * bash's {@code read -N} (no process started); {@code O}/{@code E} for any other frame, which it
 * copies with {@code head -c}. A client that went away only loses the rest of the output: the
 * command still finishes, as it would when its terminal closes.
 */
final class FrameOutputStream extends OutputStream {
    /** Largest frame the client reads byte by byte with {@code read -N}; longer ones go through head. */
    static final int SHORT_FRAME = 1024;
    private static final int MAX_BUFFER = 64 * 1024;

    private final OutputStream sink;
    private final char shortKind;
    private final char longKind;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean broken;

    FrameOutputStream(OutputStream sink, boolean stderr) {
        this.sink = sink;
        this.shortKind = stderr ? 'e' : 'o';
        this.longKind = stderr ? 'E' : 'O';
    }

    @Override
    public synchronized void write(int b) throws IOException {
        buffer.write(b);
        if (buffer.size() >= MAX_BUFFER) {
            flush();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        buffer.write(b, off, len);
        if (buffer.size() >= MAX_BUFFER) {
            flush();
        }
    }

    @Override
    public synchronized void flush() {
        if (buffer.size() == 0) {
            return;
        }
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        if (broken) {
            return;
        }
        boolean simple = bytes.length <= SHORT_FRAME;
        for (int i = 0; simple && i < bytes.length; i++) {
            simple = bytes[i] != 0;
        }
        String header = (simple ? shortKind : longKind) + " " + bytes.length + "\n";
        synchronized (sink) {
            try {
                sink.write(header.getBytes(StandardCharsets.US_ASCII));
                sink.write(bytes);
                sink.flush();
            } catch (IOException e) {
                broken = true;
            }
        }
    }

    @Override
    public void close() {
        flush();
    }

    /** Writes a control frame ({@code x CODE} at the end of a command, {@code s 0} for a stale server). */
    static void control(OutputStream sink, char kind, int value) throws IOException {
        synchronized (sink) {
            sink.write((kind + " " + value + "\n").getBytes(StandardCharsets.US_ASCII));
            sink.flush();
        }
    }
}
