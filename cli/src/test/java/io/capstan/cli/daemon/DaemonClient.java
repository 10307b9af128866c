package io.capstan.cli.daemon;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Java client of the daemon protocol for tests, doing what bin/capstan's bash client does. */
final class DaemonClient {
    private DaemonClient() {
    }

    /** The answer: stdout, stderr, exit code (-1 when none came) and whether the server said it is stale. */
    record Answer(String out, String err, int code, boolean stale) {
    }

    static Answer run(int port, String token, Path cwd, Map<String, String> env, String... args) throws IOException {
        List<String> fields = new ArrayList<>(List.of(DaemonRequest.MAGIC, "run", cwd.toString(), "0", "UTF-8",
                Integer.toString(args.length)));
        fields.addAll(List.of(args));
        fields.add(Integer.toString(env.size()));
        env.forEach((k, v) -> fields.add(k + "=" + v));
        return send(port, token, fields);
    }

    static Answer send(int port, String token, List<String> fields) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream o = s.getOutputStream();
            o.write((token + "\n").getBytes(StandardCharsets.US_ASCII));
            for (String f : fields) {
                o.write(f.getBytes(StandardCharsets.UTF_8));
                o.write(0);
            }
            o.flush();
            return read(new BufferedInputStream(s.getInputStream()));
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        while (true) {
            String header = line(in);
            if (header == null) {
                return new Answer(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), -1, false);
            }
            char kind = header.charAt(0);
            int n = Integer.parseInt(header.substring(2));
            switch (kind) {
                case 'o', 'O' -> out.write(in.readNBytes(n));
                case 'e', 'E' -> err.write(in.readNBytes(n));
                case 'x' -> {
                    return new Answer(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), n, false);
                }
                case 's' -> {
                    return new Answer("", "", -1, true);
                }
                default -> throw new IOException("unexpected frame " + header);
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return null;
            }
            b.append((char) c);
        }
        return b.toString();
    }
}
