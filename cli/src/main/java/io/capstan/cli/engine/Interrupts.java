package io.capstan.cli.engine;

import java.io.PrintWriter;
import java.util.Objects;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C as terraform 1.11 handles it. The first SIGINT prints "Interrupt received..."; when a
 * stop is {@linkplain #arm armed} (an operation terraform runs under its graceful-stop watch:
 * {@code plan}, {@code refresh}, the apply stage of {@code apply}/{@code destroy}) it also prints
 * "Stopping operation..." and stops the run gracefully: nothing new starts, providers get
 * StopProvider, running calls finish and are recorded. During apply's planning stage terraform
 * lets planning finish and only then halts, so there the stop runs when it is armed, silently.
 * A second SIGINT prints "Two interrupts received...", reports "operation canceled" and exits at
 * once with status 1 — what completed is already in the durable journal, which the next run
 * replays. Under {@code -json} the messages are terraform's {@code log} lines. Closing restores
 * the previous handler.
 */
public final class Interrupts implements AutoCloseable {
    /** terraform's texts as its JSON view logs them; the human view word-wraps them to 78 columns. */
    static final String INTERRUPTED = "\nInterrupt received.\nPlease wait for Terraform to exit or data loss may occur.\n"
            + "Gracefully shutting down...\n";
    static final String STOPPING = "Stopping operation...";
    static final String FATAL = "\nTwo interrupts received. Exiting immediately. Note that data loss may have occurred.\n";
    /** The human forms, as recorded from terraform 1.11.4 (see InterruptTest, PlanInterruptTest). */
    static final String FIRST = INTERRUPTED + "\n" + STOPPING + "\n";
    static final String SECOND = "\nTwo interrupts received. Exiting immediately. Note that data loss may have\n"
            + "occurred.\n";

    private static final Signal INT = new Signal("INT");

    /**
     * Where a run's interrupts come from when not from this process's SIGINT: a resident server
     * (CAPSTAN_DAEMON) runs each client's command with the Ctrl-C its client forwards.
     */
    public interface Source {
        /** Delivers this run's interrupts to {@code handler} from now on (null: none any more). */
        void handle(Runnable handler);

        /** Ends the run at once with {@code code} ("Two interrupts received"), as halting a process would. */
        void halt(int code);
    }

    /** The source of the current run's interrupts; null means this process's own SIGINT. */
    private static volatile Source source;

    /** Sets (or with null clears) where the interrupts of the runs that follow come from. */
    public static void forwardFrom(Source s) {
        source = s;
    }

    private final PrintWriter out;
    private final JsonProgress json;
    private SignalHandler previous;
    private Source forwarded;
    private int count;
    private Runnable armed;
    private boolean stopped;

    private Interrupts(PrintWriter out, JsonProgress json) {
        this.out = out;
        this.json = json;
    }

    /**
     * Installs the handler and arms {@code gracefulStop} at once (run on its own thread, so a slow
     * StopProvider cannot delay a second interrupt).
     */
    public static Interrupts install(PrintWriter out, PrintWriter err, JsonProgress jsonOrNull, Runnable gracefulStop,
                                     Runnable fatalReport) {
        Interrupts i = install(out, err, jsonOrNull, fatalReport);
        i.arm(gracefulStop);
        return i;
    }

    /**
     * Installs the handler with no stop armed yet. Messages go to {@code out}/{@code err}, or with
     * {@code -json} ({@code jsonOrNull} set) to that stream; {@code fatalReport} runs after the
     * second interrupt's message, before the exit.
     */
    public static Interrupts install(PrintWriter out, PrintWriter err, JsonProgress jsonOrNull, Runnable fatalReport) {
        Objects.requireNonNull(fatalReport, "fatalReport");
        Interrupts i = new Interrupts(Objects.requireNonNull(out, "out"), jsonOrNull);
        SignalHandler handler = sig -> {
            if (i.first()) {
                return;
            }
            if (jsonOrNull != null) {
                jsonOrNull.emit(jsonOrNull.ui().log("info", FATAL));
            } else {
                err.println(SECOND);
                err.flush();
            }
            try {
                fatalReport.run();
            } finally {
                // halt skips shutdown hooks, among them the one that stops provider plugins
                io.capstan.provider.plugin.PluginProcess.killAllNow();
                Source s = i.forwarded;
                if (s != null) {
                    s.halt(1);
                }
                Runtime.getRuntime().halt(1);
            }
        };
        Source s = source;
        if (s != null) {
            i.forwarded = s;
            s.handle(() -> handler.handle(INT));
            return i;
        }
        try {
            i.previous = Signal.handle(INT, handler);
        } catch (IllegalArgumentException unavailable) {
            i.previous = null; // no SIGINT on this platform or it is reserved: leave defaults
        }
        return i;
    }

    /**
     * Ctrl-C for a command that watches for none ({@code output}, {@code show}, {@code state},
     * {@code workspace}, {@code console}): terraform 1.11 catches SIGINT in every command and only
     * its operations look at it, so these finish as if nothing happened (checked: {@code state list},
     * {@code output}, {@code show} interrupted while their backend read the state exit 0 with their
     * usual output; a piped {@code console} goes on reading). Without this a JVM run would end with
     * 130 and the resident server would halt. Closing leaves the handler in place: the process (or
     * the client's connection) ends with the command, and a Ctrl-C that comes as it finishes is
     * ignored too, as terraform's, rather than turn a finished run into 130.
     */
    public static Interrupts ignoring() {
        Interrupts i = new Interrupts(new PrintWriter(java.io.Writer.nullWriter()), null);
        Source s = source;
        if (s != null) {
            s.handle(IGNORE);
            return i;
        }
        try {
            Signal.handle(INT, sig -> {
            });
        } catch (IllegalArgumentException unavailable) {
            // no SIGINT on this platform or it is reserved: leave defaults
        }
        return i;
    }

    /** The handler of a run that ignores Ctrl-C (see {@link #ignoring()}). */
    public static final Runnable IGNORE = () -> {
    };

    /** Whether {@code command} (the first argument after {@code -chdir}) watches for no Ctrl-C, as terraform's. */
    public static boolean ignoredBy(String command) {
        return switch (command) {
            case "output", "show", "state", "workspace", "console" -> true;
            default -> false;
        };
    }

    /** Handles a first interrupt (true), or says it is a later one (false). */
    private synchronized boolean first() {
        if (++count > 1) {
            return false;
        }
        print(INTERRUPTED, INTERRUPTED + "\n");
        if (armed != null) {
            print(STOPPING, STOPPING + "\n");
            startStop();
        }
        return true;
    }

    /**
     * From now on an interrupt stops the run with {@code stop}; when one was already received, the
     * stop runs now (without a second "Stopping operation...": terraform prints none there).
     */
    public synchronized void arm(Runnable stop) {
        armed = Objects.requireNonNull(stop, "stop");
        if (count > 0) {
            startStop();
        }
    }

    private void startStop() {
        if (stopped) {
            return;
        }
        stopped = true;
        Thread t = new Thread(armed, "capstan-stop");
        t.setDaemon(true);
        t.start();
    }

    private void print(String jsonMessage, String human) {
        if (json != null) {
            json.emit(json.ui().log("info", jsonMessage));
        } else {
            synchronized (out) {
                out.print(human);
                out.flush();
            }
        }
    }

    /** True once an interrupt was received: the run is stopping and its result is not to be kept. */
    public synchronized boolean interrupted() {
        return count > 0;
    }

    @Override
    public void close() {
        if (forwarded != null) {
            forwarded.handle(null);
        } else if (previous != null) {
            Signal.handle(INT, previous);
        }
    }
}
