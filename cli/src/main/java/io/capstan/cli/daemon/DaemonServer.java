package io.capstan.cli.daemon;

import io.capstan.cli.Main;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The resident Capstan process behind {@code CAPSTAN_DAEMON=1 bin/capstan}: it listens on an
 * ephemeral loopback port, publishes port, pid and a random token in a 0600 state file, and
 * runs one client command at a time through {@link Main#runFor} with the client's directory,
 * console, environment and standard input (lines on request), streaming stdout and stderr back
 * as frames ({@link FrameOutputStream}) and ending with the exit code; Ctrl-C the client forwards
 * reaches the run as SIGINT reaches a JVM run ({@link ClientChannel}). A JVM that is already
 * started and warmed up answers {@code validate} in milliseconds instead of the ~0.7 s of CPU a
 * fresh JVM spends, and plans and applies without a JVM's start-up and warm-up.
 *
 * <p>Runs do not overlap: the command layer keeps the run's directory, environment and
 * interrupt source in static state. A client that connects while a run is in progress gets a
 * {@code b} (busy) frame at once and runs its command in a JVM of its own, so two commands at once
 * never share output, environment or state, and none waits behind another's approval prompt.
 * (Serving them side by side would need every static the command layer keeps per run — Main's
 * run context, the interrupt source, System.out/err and user.dir — made per run first.)
 *
 * <p>The client's Ctrl-C reaches the run's handler when it has one (plan, apply, destroy,
 * refresh); output, show, state, workspace and console ignore it, as terraform's do; before a
 * handler is in place (plan starting) it ends the run with 130 as SIGINT ends a JVM run, and
 * the server halts with it, as after a second Ctrl-C ({@link ClientChannel}).
 *
 * <p>It exits after {@code CAPSTAN_DAEMON_IDLE} (default 3 h) without requests, on a
 * {@code stop} request, when its jar changes (a request then gets a "stale" frame and the client
 * starts a new server), or when its state file names another process (it was replaced).
 */
public final class DaemonServer {
    static final Duration DEFAULT_IDLE = Duration.ofHours(3);
    /** How often an idle server checks that its state file still names it. */
    private static final Duration CHECK = Duration.ofSeconds(30);
    /** A client has this long to send its request after connecting. */
    private static final int REQUEST_TIMEOUT_MS = 30_000;

    private final Path stateFile;
    private final Path jar;
    private final Duration idle;
    private final String token;
    private final long jarStamp;
    private final Instant started = Instant.now();
    private ServerSocket socket;
    private volatile long requests;
    private volatile boolean running = true;
    /** A run is in progress (runs do not overlap; see the class comment). */
    private final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long lastActive = System.nanoTime();
    private final java.util.Set<Thread> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();

    DaemonServer(Path stateFile, Path jar, Duration idle) {
        this.stateFile = Objects.requireNonNull(stateFile);
        this.jar = Objects.requireNonNull(jar);
        this.idle = Objects.requireNonNull(idle);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.token = HexFormat.of().formatHex(secret);
        this.jarStamp = stamp(jar);
    }

    /** {@code DaemonServer STATE_FILE JAR}: started detached by bin/capstan. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DaemonServer STATE_FILE JAR");
            System.exit(2);
        }
        Duration idle = parseIdle(System.getenv("CAPSTAN_DAEMON_IDLE"));
        DaemonServer server = new DaemonServer(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]).toAbsolutePath(), idle);
        server.start();
        server.serve();
        System.exit(0);
    }

    /** {@code CAPSTAN_DAEMON_IDLE}: seconds, or a number with s, m or h; the default when unset or unreadable. */
    static Duration parseIdle(String s) {
        if (s == null || s.isBlank()) {
            return DEFAULT_IDLE;
        }
        String t = s.trim();
        char unit = Character.toLowerCase(t.charAt(t.length() - 1));
        long mult = switch (unit) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            default -> 0;
        };
        try {
            long n = Long.parseLong(mult == 0 ? t : t.substring(0, t.length() - 1));
            return n > 0 ? Duration.ofSeconds(n * Math.max(mult, 1)) : DEFAULT_IDLE;
        } catch (NumberFormatException e) {
            return DEFAULT_IDLE;
        }
    }

    /** Binds the port and publishes the state file (pid, port, token, jar, jar stamp, start time). */
    void start() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Files.createDirectories(stateFile.getParent());
        Path tmp = stateFile.resolveSibling(stateFile.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, ProcessHandle.current().pid() + "\n" + socket.getLocalPort() + "\n" + token + "\n"
                + jar + "\n" + jarStamp + "\n" + started.getEpochSecond() + "\n");
        Files.move(tmp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    int port() {
        return socket.getLocalPort();
    }

    String token() {
        return token;
    }

    /**
     * Accepts connections until stopped, idle or replaced, each on a thread of its own (a run
     * reads its client's interrupts while it runs; a second client is told "busy" at once).
     * Returns after the run in progress, if any, has finished.
     */
    void serve() throws IOException {
        lastActive = System.nanoTime();
        try {
            while (running) {
                long idleLeft = busy.get() ? CHECK.toMillis()
                        : idle.toMillis() - (System.nanoTime() - lastActive) / 1_000_000;
                if (idleLeft <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(idleLeft, CHECK.toMillis())));
                Socket s;
                try {
                    s = socket.accept();
                } catch (SocketTimeoutException e) {
                    if (!ownsStateFile()) {
                        running = false;
                    }
                    continue;
                } catch (IOException e) {
                    if (!running) {
                        break;
                    }
                    throw e;
                }
                Thread t = new Thread(() -> {
                    try (s) {
                        handle(s);
                    } catch (IOException e) {
                        // A client that disconnects or sends garbage only loses its own request.
                    } finally {
                        lastActive = System.nanoTime();
                        connections.remove(Thread.currentThread());
                    }
                }, "capstan-daemon-connection");
                connections.add(t);
                t.start();
            }
        } finally {
            shutdown();
            for (Thread t : connections) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    /** Ends serving from a connection's thread: wakes the accept loop, which then shuts down. */
    private void stopServing() {
        running = false;
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Stops serving: closes the port and removes the state file when it still names this process. */
    void shutdown() {
        running = false;
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        if (ownsStateFile()) {
            try {
                Files.deleteIfExists(stateFile);
            } catch (IOException e) {
                // a leftover file names a dead pid, which the client treats as stale
            }
        }
    }

    private boolean ownsStateFile() {
        try {
            List<String> lines = Files.readAllLines(stateFile);
            return lines.size() >= 3 && lines.get(0).equals(Long.toString(ProcessHandle.current().pid()))
                    && lines.get(1).equals(Integer.toString(socket.getLocalPort()));
        } catch (IOException e) {
            return false;
        }
    }

    private void handle(Socket s) throws IOException {
        s.setSoTimeout(REQUEST_TIMEOUT_MS);
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = new BufferedOutputStream(s.getOutputStream());
        boolean allowed = checkToken(in);
        // The request is read (bounded) even when refused, so that the client is not cut off mid-write.
        DaemonRequest req = DaemonRequest.read(in);
        if (!allowed) {
            out.write(frame('E', "capstan: the Capstan daemon refused the connection: wrong token.\n"));
            FrameOutputStream.control(out, 'x', 1);
            return;
        }
        s.setSoTimeout(0);
        switch (req.verb()) {
            case "stop" -> {
                FrameOutputStream.control(out, 'x', 0);
                stopServing();
            }
            case "status" -> {
                out.write(frame('O', "pid " + ProcessHandle.current().pid() + "\nport " + port() + "\njar " + jar
                        + "\nstarted " + started + "\nrequests " + requests + "\nidle-timeout " + idle.toSeconds() + "s\n"));
                FrameOutputStream.control(out, 'x', 0);
            }
            case "run" -> {
                if (stamp(jar) != jarStamp) {
                    FrameOutputStream.control(out, 's', 0);
                    stopServing();
                    return;
                }
                if (!busy.compareAndSet(false, true)) {
                    FrameOutputStream.control(out, 'b', 0);
                    return;
                }
                int code;
                try {
                    requests++;
                    ClientChannel channel = new ClientChannel(in, out, exit -> halt(out, exit));
                    code = run(req, out, channel);
                    channel.finish();
                } finally {
                    // Free before the exit code goes out: a client that got it may connect again at
                    // once (a script's next command) and must not be told "busy" by this run's tail.
                    busy.set(false);
                }
                FrameOutputStream.control(out, 'x', code);
                // What a run allocated made the heap grow (a plan of 1,000 resources: to ~170 MB RSS
                // after a few runs); a full collection after each run, once its client has its exit
                // code, gives the pages back so the server rests near its live set between runs.
                System.gc();
            }
            default -> {
                out.write(frame('E', "capstan: the Capstan daemon has no request \"" + req.verb() + "\".\n"));
                FrameOutputStream.control(out, 'x', 1);
            }
        }
    }

    /**
     * A second Ctrl-C: a JVM run halts there ("Two interrupts received. Exiting immediately"), its
     * provider processes killed, what completed in the journal for the next run to replay. This
     * process cannot end one command's threads alone, so it does the same: the client gets its
     * output and exit code, then the server stops serving and halts; the next client starts a new one.
     */
    private void halt(OutputStream sink, int code) {
        try {
            System.out.flush();
            System.err.flush();
            FrameOutputStream.control(sink, 'x', code);
        } catch (IOException e) {
            // the client is gone: halt anyway
        } finally {
            running = false;
            shutdown();
            // halt skips shutdown hooks, among them the one that stops the run's provider plugins
            io.capstan.provider.plugin.PluginProcess.killAllNow();
            Runtime.getRuntime().halt(code);
        }
    }

    /** Runs the client's command with System.out/err pointing at its frames too (for stray prints). */
    private static int run(DaemonRequest req, OutputStream sink, ClientChannel channel) {
        Charset cs = charset(req.charset());
        FrameOutputStream o = new FrameOutputStream(sink, false);
        FrameOutputStream e = new FrameOutputStream(sink, true);
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        PrintWriter out = new PrintWriter(new OutputStreamWriter(o, cs), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(e, cs), true);
        System.setOut(new PrintStream(o, true, cs));
        System.setErr(new PrintStream(e, true, cs));
        // abspath() resolves against user.dir, as a JVM started in the client's directory would
        String savedDir = System.getProperty("user.dir");
        System.setProperty("user.dir", req.cwd().toString());
        io.capstan.cli.engine.Interrupts.forwardFrom(channel);
        java.util.List<String> args = req.args();
        int first = !args.isEmpty() && args.get(0).startsWith("-chdir=") ? 1 : 0;
        if (args.size() > first && io.capstan.cli.engine.Interrupts.ignoredBy(args.get(first))) {
            // in place before the client's Ctrl-C can arrive, as a JVM run's would be (see Interrupts.ignoring)
            channel.handle(io.capstan.cli.engine.Interrupts.IGNORE);
        }
        channel.start();
        int code;
        try {
            code = Main.runFor(req.cwd(), req.console(), req.env(), channel.input(), req.args().toArray(String[]::new),
                    out, err);
        } catch (Throwable t) {
            err.println("Error: " + t);
            code = 1;
        } finally {
            io.capstan.cli.engine.Interrupts.forwardFrom(null);
            System.setProperty("user.dir", savedDir);
            out.flush();
            err.flush();
            System.out.flush();
            System.err.flush();
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        return code;
    }

    /** The charset a JVM started by the client would write with (its locale's), UTF-8 when Java does not know it. */
    static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private boolean checkToken(InputStream in) throws IOException {
        byte[] line = new byte[128];
        int n = 0;
        boolean fits = true;
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("no token line");
            }
            if (n == line.length) {
                fits = false;
            } else {
                line[n++] = (byte) c;
            }
        }
        if (!fits) {
            return false;
        }
        byte[] given = java.util.Arrays.copyOf(line, n);
        return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] frame(char kind, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        byte[] h = (kind + " " + b.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = java.util.Arrays.copyOf(h, h.length + b.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    /**
     * The modification times and sizes of the jar and of the dependency jars beside it in
     * {@code lib/} (bin/capstan's layout, where {@code mvn package} replaces a rebuilt module's jar
     * even when capstan.jar itself is unchanged): any change makes this server stale.
     */
    static long stamp(Path jar) {
        long h = 17;
        try {
            h = mix(h, jar);
            Path lib = jar.resolveSibling("lib");
            if (Files.isDirectory(lib)) {
                try (java.util.stream.Stream<Path> s = Files.list(lib)) {
                    for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                        h = mix(h * 31 + p.getFileName().toString().hashCode(), p);
                    }
                }
            }
            return h;
        } catch (IOException e) {
            return -1;
        }
    }

    private static long mix(long h, Path p) throws IOException {
        return (h * 31 + Files.getLastModifiedTime(p).toMillis()) * 31 + Files.size(p);
    }
}
