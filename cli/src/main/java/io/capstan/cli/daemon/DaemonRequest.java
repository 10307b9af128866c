package io.capstan.cli.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request from {@code bin/capstan} to the daemon, after the token line: NUL-terminated
 * fields {@code capstan-daemon-1, verb} and, for {@code run}, the client's working directory,
 * whether it has a console ({@code 1}/{@code 0}), its output charset (as {@code locale charmap}
 * names it), the argument count and arguments, the count of environment entries and the
 * entries {@code NAME=value}. Verbs: {@code run}, {@code status}, {@code stop}.
 */
record DaemonRequest(String verb, Path cwd, boolean console, String charset, List<String> args,
        Map<String, String> env) {
    static final String MAGIC = "capstan-daemon-1";
    /** Arguments and environment of a command line are far below this; anything longer is not our client. */
    private static final int MAX_FIELD = 1 << 20;
    private static final int MAX_FIELDS = 100_000;

    DaemonRequest {
        Objects.requireNonNull(verb);
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    /** Reads a request; throws IOException when the bytes are not one. */
    static DaemonRequest read(InputStream in) throws IOException {
        String magic = field(in);
        if (!MAGIC.equals(magic)) {
            throw new IOException("not a capstan daemon request");
        }
        String verb = field(in);
        if (!verb.equals("run")) {
            return new DaemonRequest(verb, null, false, "UTF-8", List.of(), Map.of());
        }
        Path cwd = Path.of(field(in));
        if (!cwd.isAbsolute()) {
            throw new IOException("working directory must be absolute");
        }
        boolean console = field(in).equals("1");
        String charset = field(in);
        int argc = count(field(in));
        List<String> args = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            args.add(field(in));
        }
        int envc = count(field(in));
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < envc; i++) {
            String e = field(in);
            int eq = e.indexOf('=');
            if (eq > 0) {
                env.put(e.substring(0, eq), e.substring(eq + 1));
            }
        }
        return new DaemonRequest(verb, cwd, console, charset, args, env);
    }

    private static int count(String s) throws IOException {
        try {
            int n = Integer.parseInt(s);
            if (n < 0 || n > MAX_FIELDS) {
                throw new IOException("bad count " + s);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IOException("bad count " + s, e);
        }
    }

    private static String field(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != 0; c = in.read()) {
            if (c < 0) {
                throw new IOException("request ended early");
            }
            if (b.size() >= MAX_FIELD) {
                throw new IOException("request field too long");
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
