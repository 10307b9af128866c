package io.capstan.orchestrator.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The agent's small HTTP service that hands an instance's captured output to the API server
 * ({@code capstan orchestrator logs}); it answers only callers holding the cluster's join secret.
 */
final class LogService implements AutoCloseable {
    private final HttpServer http;

    private LogService(HttpServer http) {
        this.http = http;
    }

    /**
     * {@code live}: for "namespace/name", the running container's output by tail length (null for
     * processes, whose output is in the log file as it is written).
     */
    static LogService start(String address, Path dataDir, String secret, Function<String, IntFunction<String>> live) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(address, 0), 16);
        http.createContext("/logs", ex -> {
            try (ex) {
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                if (auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8),
                        ("Bearer " + secret).getBytes(StandardCharsets.UTF_8))) {
                    send(ex, 401, "unauthorized");
                    return;
                }
                Map<String, String> q = query(ex.getRequestURI().getRawQuery());
                String ns = q.getOrDefault("namespace", "default");
                String name = q.getOrDefault("instance", "");
                if (name.contains("/") || ns.contains("/") || name.contains("..") || ns.contains("..")) {
                    send(ex, 400, "bad name");
                    return;
                }
                Path file = InstanceSupervisor.logFile(dataDir, ns, name);
                IntFunction<String> container = live.apply(ns + "/" + name);
                if (!Files.exists(file) && container == null) {
                    send(ex, 404, "no logs");
                    return;
                }
                int tail = Integer.parseInt(q.getOrDefault("tail", "0"));
                String text = Files.exists(file) ? RotatingLog.tail(file, tail, 2) : "";
                if (container != null) {
                    text = lastLines(text + container.apply(tail), tail);
                }
                send(ex, 200, text);
            } catch (RuntimeException e) {
                send(ex, 500, String.valueOf(e.getMessage()));
            }
        });
        http.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "log-service");
            t.setDaemon(true);
            return t;
        }));
        http.start();
        return new LogService(http);
    }

    private static String lastLines(String text, int n) {
        if (n <= 0) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        if (count <= n) {
            return text;
        }
        return String.join("\n", java.util.Arrays.copyOfRange(lines, count - n, lines.length));
    }

    int port() {
        return http.getAddress().getPort();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null) {
            return m;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
