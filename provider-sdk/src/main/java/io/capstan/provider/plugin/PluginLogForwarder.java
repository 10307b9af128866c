package io.capstan.provider.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards what a plugin writes (stderr lines, GRPCStdio chunks) to Capstan's log. Go
 * providers log with hclog as JSON lines ({@code {"@level":"debug","@message":...}}); those
 * are logged at their own level with their extra fields appended as {@code key=value}.
 * Other lines are logged as they are at DEBUG, as go-plugin does, and every line is kept
 * in the {@link OutputTail} for error messages.
 */
public final class PluginLogForwarder {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Logger log;
    private final OutputTail tail;

    public PluginLogForwarder(String pluginName, OutputTail tail) {
        this.log = LoggerFactory.getLogger("capstan.plugin." + Objects.requireNonNull(pluginName, "pluginName"));
        this.tail = Objects.requireNonNull(tail, "tail");
    }

    /** Reads {@code in} line by line on a daemon thread until EOF. */
    public Thread forward(InputStream in, String threadName) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    accept(line);
                }
            } catch (IOException e) {
                log.debug("stopped reading plugin output: {}", e.getMessage());
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Logs one line of plugin output. */
    public void accept(String line) {
        if (line.isBlank()) {
            return;
        }
        tail.add(line);
        LogLine l = parse(line);
        log(l.level(), l.message());
    }

    /** One line of plugin output as it will be logged: an hclog level name and the message. */
    public record LogLine(String level, String message) {
    }

    /** hclog JSON lines keep their level; anything else is DEBUG text, as go-plugin logs it. */
    public static LogLine parse(String line) {
        if (line.startsWith("{") && line.contains("\"@level\"")) {
            try {
                JsonNode n = MAPPER.readTree(line);
                return new LogLine(n.path("@level").asText("debug"), render(n));
            } catch (IOException e) {
                // not JSON after all: log the text as it is
            }
        }
        return new LogLine("debug", line);
    }

    private static String render(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        String module = n.path("@module").asText("");
        if (!module.isEmpty()) {
            sb.append(module).append(": ");
        }
        sb.append(n.path("@message").asText(""));
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().startsWith("@")) {
                JsonNode v = e.getValue();
                sb.append(' ').append(e.getKey()).append('=').append(v.isTextual() ? v.textValue() : v.toString());
            }
        }
        return sb.toString();
    }

    private void log(String level, String msg) {
        switch (level) {
            case "trace" -> log.trace("{}", msg);
            case "info" -> log.info("{}", msg);
            case "warn" -> log.warn("{}", msg);
            case "error" -> log.error("{}", msg);
            default -> log.debug("{}", msg);
        }
    }
}
