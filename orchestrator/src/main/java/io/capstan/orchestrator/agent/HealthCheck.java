package io.capstan.orchestrator.agent;

import io.capstan.orchestrator.api.v1.Check;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.util.List;
import java.util.Map;

/** Runs one readiness or liveness probe (HTTP, TCP or exec) against an instance; returns null on success, else why it failed. */
final class HealthCheck {
    private HealthCheck() {
    }

    static int interval(Check c) {
        return c.getIntervalMs() > 0 ? c.getIntervalMs() : 1000;
    }

    static int timeout(Check c) {
        return c.getTimeoutMs() > 0 ? c.getTimeoutMs() : 1000;
    }

    static int failureThreshold(Check c) {
        return c.getFailureThreshold() > 0 ? c.getFailureThreshold() : 3;
    }

    static int successThreshold(Check c) {
        return c.getSuccessThreshold() > 0 ? c.getSuccessThreshold() : 1;
    }

    static String run(Check c, String address, Map<String, Integer> ports, Map<String, String> env, Workload w) {
        int timeout = timeout(c);
        try {
            switch (c.getProbeCase()) {
                case HTTP -> {
                    Integer port = ports.get(c.getHttp().getPort());
                    if (port == null) {
                        return "no port named " + c.getHttp().getPort();
                    }
                    String path = c.getHttp().getPath().isEmpty() ? "/" : c.getHttp().getPath();
                    HttpURLConnection conn = (HttpURLConnection) new URL("http://" + address + ":" + port + path).openConnection();
                    conn.setConnectTimeout(timeout);
                    conn.setReadTimeout(timeout);
                    conn.setRequestProperty("Connection", "close");
                    try {
                        int code = conn.getResponseCode();
                        conn.getInputStream().readAllBytes();
                        return code >= 200 && code < 400 ? null : "HTTP GET " + path + " answered " + code;
                    } finally {
                        conn.disconnect();
                    }
                }
                case TCP -> {
                    Integer port = ports.get(c.getTcp().getPort());
                    if (port == null) {
                        return "no port named " + c.getTcp().getPort();
                    }
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(address, port), timeout);
                        return null;
                    }
                }
                case EXEC -> {
                    return w.exec(List.copyOf(c.getExec().getCommandList()), env, timeout);
                }
                default -> {
                    return "no probe";
                }
            }
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
