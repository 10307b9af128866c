package io.capstan.orchestrator.server;

import io.grpc.Status;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/** Fetches an instance's captured output from the log service of the agent that runs it. */
public final class LogFetcher {
    private final String joinSecret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public LogFetcher(String joinSecret) {
        this.joinSecret = Objects.requireNonNull(joinSecret);
    }

    public String fetch(String endpoint, String namespace, String instance, int tail) {
        if (endpoint.isEmpty()) {
            throw Status.UNAVAILABLE.withDescription("the instance's node has no log service").asRuntimeException();
        }
        try {
            URI uri = URI.create(endpoint + "/logs?namespace=" + URLEncoder.encode(namespace, StandardCharsets.UTF_8)
                    + "&instance=" + URLEncoder.encode(instance, StandardCharsets.UTF_8) + "&tail=" + tail);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + joinSecret).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 404) {
                throw Status.NOT_FOUND.withDescription("no logs for instance \"" + instance + "\" on its node").asRuntimeException();
            }
            if (r.statusCode() != 200) {
                throw Status.UNAVAILABLE.withDescription("node log service answered " + r.statusCode()).asRuntimeException();
            }
            return r.body();
        } catch (java.io.IOException e) {
            throw Status.UNAVAILABLE.withDescription("cannot reach the node's log service: " + e.getMessage()).asRuntimeException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.asRuntimeException();
        }
    }
}
