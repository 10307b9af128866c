package io.capstan.state.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A state server speaking Terraform's HTTP backend protocol, for tests: documents by path
 * (GET/POST/DELETE), locks by path (LOCK answers 423 with the holder's info when taken,
 * UNLOCK with a matching ID releases), updates with {@code ?ID=} refused (409) when someone else
 * holds the lock, optional basic auth, and a switch to answer 503 a number of times (retries).
 */
public final class HttpStateServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, byte[]> docs = new ConcurrentHashMap<>();
  private final Map<String, byte[]> locks = new ConcurrentHashMap<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile String basicAuth;

  private HttpStateServer(HttpServer server) {
    this.server = server;
  }

  public static HttpStateServer start() {
    try {
      return serve(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** HTTPS with the given server context; {@code needClientAuth} demands a client certificate. */
  public static HttpStateServer startTls(javax.net.ssl.SSLContext ctx, boolean needClientAuth) {
    try {
      com.sun.net.httpserver.HttpsServer s = com.sun.net.httpserver.HttpsServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      s.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(ctx) {
        @Override
        public void configure(com.sun.net.httpserver.HttpsParameters params) {
          javax.net.ssl.SSLParameters p = ctx.getDefaultSSLParameters();
          p.setNeedClientAuth(needClientAuth);
          params.setSSLParameters(p);
        }
      });
      return serve(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpStateServer serve(HttpServer s) {
    {
      HttpStateServer h = new HttpStateServer(s);
      s.createContext("/", h::handle);
      s.setExecutor(Executors.newFixedThreadPool(8));
      s.start();
      return h;
    }
  }

  public String url(String path) {
    return (server instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public void requireBasicAuth(String user, String password) {
    basicAuth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
  }

  /** The next {@code n} requests are answered 503. */
  public void failNext(int n) {
    failNext.set(n);
  }

  public int requests() {
    return requests.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try (ex) {
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        reply(ex, 503, new byte[0]);
        return;
      }
      if (basicAuth != null && !basicAuth.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        reply(ex, 401, new byte[0]);
        return;
      }
      String path = ex.getRequestURI().getPath();
      String query = ex.getRequestURI().getQuery();
      byte[] body = ex.getRequestBody().readAllBytes();
      switch (ex.getRequestMethod()) {
        case "GET" -> {
          byte[] d = docs.get(path);
          reply(ex, d == null ? 404 : 200, d == null ? new byte[0] : d);
        }
        case "POST", "PUT" -> {
          byte[] lock = locks.get(path);
          if (lock != null && query != null && query.startsWith("ID=")
              && !JSON.readTree(lock).path("ID").asText().equals(query.substring(3))) {
            reply(ex, 409, lock);
            return;
          }
          docs.put(path, body);
          reply(ex, 200, new byte[0]);
        }
        case "DELETE" -> {
          docs.remove(path);
          reply(ex, 200, new byte[0]);
        }
        case "LOCK" -> {
          byte[] existing = locks.putIfAbsent(path, body);
          reply(ex, existing == null ? 200 : 423, existing == null ? new byte[0] : existing);
        }
        case "UNLOCK" -> {
          byte[] existing = locks.get(path);
          if (existing == null) {
            reply(ex, 200, new byte[0]);
            return;
          }
          JsonNode req = body.length == 0 ? null : JSON.readTree(body);
          if (req != null && !req.path("ID").asText().equals(JSON.readTree(existing).path("ID").asText())) {
            reply(ex, 409, existing);
            return;
          }
          locks.remove(path, existing);
          reply(ex, 200, new byte[0]);
        }
        default -> reply(ex, 405, new byte[0]);
      }
    }
  }

  private static void reply(HttpExchange ex, int code, byte[] body) throws IOException {
    ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
