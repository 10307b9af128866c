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
 * console and environment, streaming stdout and stderr back as frames ({@link FrameOutputStream})
 * and ending with the exit code. A JVM that is already started and warmed up answers
 * {@code validate} in milliseconds instead of the ~0.7 s of CPU a fresh JVM spends.
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
    private long requests;
    private volatile boolean running = true;

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

    /** Accepts and serves connections one at a time until stopped, idle or replaced. */
    void serve() throws IOException {
        long lastActive = System.nanoTime();
        try {
            while (running) {
                long idleLeft = idle.toMillis() - (System.nanoTime() - lastActive) / 1_000_000;
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
                try (s) {
                    handle(s);
                } catch (IOException e) {
                    // A client that disconnects or sends garbage only loses its own request.
                }
                lastActive = System.nanoTime();
            }
        } finally {
            shutdown();
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
                running = false;
            }
            case "status" -> {
                out.write(frame('O', "pid " + ProcessHandle.current().pid() + "\nport " + port() + "\njar " + jar
                        + "\nstarted " + started + "\nrequests " + requests + "\nidle-timeout " + idle.toSeconds() + "s\n"));
                FrameOutputStream.control(out, 'x', 0);
            }
            case "run" -> {
                if (stamp(jar) != jarStamp) {
                    FrameOutputStream.control(out, 's', 0);
                    running = false;
                    return;
                }
                requests++;
                FrameOutputStream.control(out, 'x', run(req, out));
            }
            default -> {
                out.write(frame('E', "capstan: the Capstan daemon has no request \"" + req.verb() + "\".\n"));
                FrameOutputStream.control(out, 'x', 1);
            }
        }
    }

    /** Runs the client's command with System.out/err pointing at its frames too (for stray prints). */
    private static int run(DaemonRequest req, OutputStream sink) {
        Charset cs = charset(req.charset());
        FrameOutputStream o = new FrameOutputStream(sink, false);
        FrameOutputStream e = new FrameOutputStream(sink, true);
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        PrintWriter out = new PrintWriter(new OutputStreamWriter(o, cs), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(e, cs), true);
        System.setOut(new PrintStream(o, true, cs));
        System.setErr(new PrintStream(e, true, cs));
        int code;
        try {
            code = Main.runFor(req.cwd(), req.console(), req.env(), req.args().toArray(String[]::new), out, err);
        } catch (Throwable t) {
            err.println("Error: " + t);
            code = 1;
        } finally {
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
