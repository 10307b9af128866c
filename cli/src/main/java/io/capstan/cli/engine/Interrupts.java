package io.capstan.cli.engine;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during {@code apply}/{@code destroy}, as Terraform handles it: the first SIGINT prints
 * "Interrupt received..." and stops the run gracefully (running calls finish and are recorded,
 * nothing new starts, the state is saved); a second one prints "Two interrupts received..." and
 * exits at once with status 1 — what completed is already in the durable journal, which the next
 * run replays. Closing restores the previous handler.
 */
public final class Interrupts implements AutoCloseable {
    static final String FIRST = "\nInterrupt received.\nPlease wait for Terraform to exit or data loss may occur.\n"
            + "Gracefully shutting down...\n\nStopping operation...\n";
    static final String SECOND = "Two interrupts received. Exiting immediately. Note that data\n"
            + "loss may have occurred.";

    private static final Signal INT = new Signal("INT");
    private final SignalHandler previous;

    private Interrupts(SignalHandler previous) {
        this.previous = previous;
    }

    /**
     * Installs the handler: {@code gracefulStop} runs on the first interrupt (on its own thread, so a
     * slow StopProvider cannot delay a second interrupt). Messages go to {@code out}/{@code err}
     * unless {@code quiet} (the {@code -json} stream must stay JSON).
     */
    public static Interrupts install(PrintWriter out, PrintWriter err, boolean quiet, Runnable gracefulStop) {
        Objects.requireNonNull(gracefulStop, "gracefulStop");
        AtomicInteger count = new AtomicInteger();
        SignalHandler handler = sig -> {
            if (count.incrementAndGet() == 1) {
                if (!quiet) {
                    synchronized (out) {
                        out.print(FIRST);
                        out.flush();
                    }
                }
                Thread t = new Thread(gracefulStop, "capstan-stop");
                t.setDaemon(true);
                t.start();
            } else {
                if (!quiet) {
                    err.println(SECOND);
                    err.flush();
                }
                Runtime.getRuntime().halt(1);
            }
        };
        try {
            return new Interrupts(Signal.handle(INT, handler));
        } catch (IllegalArgumentException unavailable) {
            return new Interrupts(null); // no SIGINT on this platform or it is reserved: leave defaults
        }
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(INT, previous);
        }
    }
}
