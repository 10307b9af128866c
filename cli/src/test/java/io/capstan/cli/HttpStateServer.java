package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A state server for the {@code http} backend, as terraform's backend speaks to it, on loopback: GET a
 * state (404 when there is none), POST stores it (500 while {@link #failWrites} is set or {@link #refuse}d), DELETE
 * removes it. Each stored POST's body is kept, in order, by path ({@link #uploads}); Capstan also posts
 * its state history under {@code ADDRESS/history/N}, which lands under that path, not the state's.
 */
final class HttpStateServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The stored states by path ({@code /KEY}). */
    final Map<String, byte[]> states = new ConcurrentHashMap<>();
    /** While set, every POST is refused with 500 and stores nothing. */
    final AtomicBoolean failWrites = new AtomicBoolean();
    /** How many more POSTs to a path are refused with 500 (see {@link #refuse}). */
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    private final Map<String, List<JsonNode>> posts = new ConcurrentHashMap<>();
    private final HttpServer server;

    HttpStateServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String key = ex.getRequestURI().getPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            byte[] out = new byte[0];
            int status = 200;
            switch (ex.getRequestMethod()) {
                case "GET" -> {
                    out = states.getOrDefault(key, out);
                    status = states.containsKey(key) ? 200 : 404;
                }
                case "POST" -> {
                    if (failWrites.get() || refused(key)) {
                        status = 500;
                    } else {
                        states.put(key, body);
                        posts.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(JSON.readTree(body));
                    }
                }
                case "DELETE" -> states.remove(key);
                default -> status = 405;
            }
            ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                ex.getResponseBody().write(out);
            }
            ex.close();
        });
        server.start();
    }

    /** The next {@code n} POSTs to PATH ({@code /KEY}; not its history's) are refused with 500. */
    void refuse(String path, int n) {
        refusals.put(path, n);
    }

    private boolean refused(String path) {
        synchronized (refusals) {
            Integer left = refusals.get(path);
            if (left == null || left == 0) {
                return false;
            }
            refusals.put(path, left - 1);
            return true;
        }
    }

    /** The backend's {@code address} for a state named KEY. */
    String address(String key) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + key;
    }

    /** A {@code terraform} block with an {@code http} backend at {@link #address}, and a blank line. */
    String backend(String key) {
        return "terraform {\n  backend \"http\" {\n    address = \"" + address(key) + "\"\n  }\n}\n\n";
    }

    /** The bodies stored at PATH ({@code /KEY}), in order. */
    List<JsonNode> uploads(String path) {
        return posts.getOrDefault(path, List.of());
    }

    /** The serials of {@link #uploads}. */
    List<Long> serials(String path) {
        return uploads(path).stream().map(n -> n.path("serial").asLong()).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
