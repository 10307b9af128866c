package io.capstan.cli.daemon;

import io.capstan.cli.engine.Interrupts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * What a client sends while the daemon runs its command, read on a thread of its own: {@code i}
 * (the client received Ctrl-C or SIGTERM and forwards it), {@code l N} and N bytes (a line of
 * its standard input, sent when an {@code r} frame asked for one), {@code z} (its standard input
 * ended). Interrupts go to the run's {@link Interrupts} as SIGINT goes to a JVM run's; input
 * goes to {@link #input()}, which asks the client for a line only when the command reads
 * (an approval prompt), so nothing is read from the user's terminal that the command does not use.
 *
 * <p>A connection that ends before the run does (the client was killed, even with
 * {@code kill -9}) counts as an interrupt, and input then reads end of file: the run stops
 * gracefully, as after Ctrl-C, rather than go on applying for nobody, and a prompt is answered
 * "no". An interrupt that comes while no handler is installed (loading the configuration) is
 * kept and delivered when the command installs one.
 */
final class ClientChannel implements Interrupts.Source {
    private static final int MAX_LINE = 1 << 20;

    private final InputStream in;
    private final OutputStream sink;
    private final IntConsumer halter;
    private final Input input = new Input();
    private Runnable handler;
    private int pending;
    private volatile boolean done;

    /**
     * @param in the connection's input, after the request
     * @param sink the connection's output (for {@code r} frames)
     * @param halter ends the run at once with an exit code (second interrupt)
     */
    ClientChannel(InputStream in, OutputStream sink, IntConsumer halter) {
        this.in = Objects.requireNonNull(in);
        this.sink = Objects.requireNonNull(sink);
        this.halter = Objects.requireNonNull(halter);
    }

    /** Starts reading the client's messages. */
    void start() {
        Thread t = new Thread(this::readLoop, "capstan-daemon-client");
        t.setDaemon(true);
        t.start();
    }

    /** The run is over: what the connection says from now on (its end) is no interrupt. */
    void finish() {
        done = true;
        input.end();
    }

    /** The run's standard input. */
    InputStream input() {
        return input;
    }

    private void readLoop() {
        try {
            while (!done) {
                String line = line();
                if (line == null) {
                    break;
                }
                if (line.equals("i")) {
                    interrupt(true);
                } else if (line.equals("z")) {
                    input.end();
                } else if (line.startsWith("l ")) {
                    int n = Integer.parseInt(line.substring(2));
                    if (n < 0 || n > MAX_LINE) {
                        break;
                    }
                    input.add(in.readNBytes(n));
                } else {
                    break; // not our client: treat as gone
                }
            }
        } catch (IOException | RuntimeException e) {
            // the connection broke: the client is gone
        }
        if (!done) {
            input.end();
            interrupt(false);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0 || b.size() > 64) {
                return null;
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    /**
     * An interrupt: to the run's handler when it has one (commands that ignore Ctrl-C as terraform's
     * do, output, show, state, workspace and console, have one that does nothing). Without one, the
     * client's Ctrl-C does what SIGINT does to a JVM run that handles none (plan before its handler
     * is in place): the run ends at once with 130 (128 + SIGINT), so the
     * server halts as that JVM would. A client that went away instead is kept pending for a handler
     * installed later (its run then stops as after Ctrl-C), and the server goes on.
     */
    private void interrupt(boolean fromClient) {
        Runnable h;
        synchronized (this) {
            h = handler;
            if (h == null && !fromClient) {
                pending++;
            }
        }
        if (h != null) {
            h.run();
        } else if (fromClient && !done) {
            halt(SIGINT_EXIT);
        }
    }

    /** The exit status of a JVM ended by SIGINT. */
    static final int SIGINT_EXIT = 130;

    @Override
    public void handle(Runnable h) {
        int p;
        synchronized (this) {
            handler = h;
            p = h == null ? 0 : Math.min(pending, 2);
            if (h != null) {
                pending = 0;
            }
        }
        for (int i = 0; i < p; i++) {
            h.run();
        }
    }

    @Override
    public void halt(int code) {
        done = true;
        halter.accept(code);
    }

    /** Lines the client sends on request; end of file once its input or the connection ends. */
    private final class Input extends InputStream {
        private byte[] buf = new byte[0];
        private int pos;
        private boolean eof;
        private boolean requested;

        synchronized void add(byte[] b) {
            byte[] rest = java.util.Arrays.copyOfRange(buf, pos, buf.length);
            buf = new byte[rest.length + b.length];
            System.arraycopy(rest, 0, buf, 0, rest.length);
            System.arraycopy(b, 0, buf, rest.length, b.length);
            pos = 0;
            requested = false;
            notifyAll();
        }

        synchronized void end() {
            eof = true;
            notifyAll();
        }

        /** Waits for bytes; asks the client for a line when none are buffered. False at end of file. */
        private boolean fill() throws IOException {
            while (pos >= buf.length && !eof) {
                if (!requested) {
                    requested = true;
                    try {
                        FrameOutputStream.control(sink, 'r', 0);
                    } catch (IOException e) {
                        eof = true;
                        break;
                    }
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted");
                }
            }
            return pos < buf.length;
        }

        @Override
        public synchronized int read() throws IOException {
            return fill() ? buf[pos++] & 0xff : -1;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public synchronized int available() {
            return buf.length - pos;
        }
    }
}
