package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.Backends;
import io.capstan.state.WriteCondition;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code data "terraform_remote_state"} through the CLI on each backend state-backends offers
 * besides local: configuration A is applied into a local state, its snapshot is stored in a real
 * pg / etcd server (started as RealServers starts them) or an in-process HTTP state server, and
 * configuration B reads it with {@code backend = TYPE} and the server's arguments as {@code config}.
 * B's {@code output -json} must equal what B prints reading A's local state file, which
 * plan-apply's RemoteStateTest holds equal to terraform's. Skipped with a printed reason when a
 * server's binaries are missing.
 */
class RemoteStateDataSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = """
            resource "terraform_data" "x" {
              input = "hello"
            }
            output "plain" {
              value = terraform_data.x.output
            }
            output "secret" {
              value     = "s3cr3t"
              sensitive = true
            }
            output "obj" {
              value = { n = 1, l = ["a", "b"] }
            }
            """;

    private static String b(String backend, Map<String, String> config) {
        StringBuilder c = new StringBuilder();
        config.forEach((k, v) -> c.append("    ").append(k).append(" = \"").append(v).append("\"\n"));
        return "data \"terraform_remote_state\" \"a\" {\n  backend = \"" + backend + "\"\n  config = {\n" + c
                + "  }\n  defaults = {\n    extra = \"dflt\"\n  }\n}\n"
                + "output \"plain\" {\n  value = data.terraform_remote_state.a.outputs.plain\n}\n"
                + "output \"obj\" {\n  value = data.terraform_remote_state.a.outputs.obj\n}\n"
                + "output \"extra\" {\n  value = data.terraform_remote_state.a.outputs.extra\n}\n"
                + "output \"secret\" {\n  value     = data.terraform_remote_state.a.outputs.secret\n"
                + "  sensitive = true\n}\n";
    }

    private static JsonNode applyAndOutputs(Path dir, String config) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("main.tf"), config);
        String[] apply = run(dir, "apply", "-auto-approve", "-no-color");
        assertThat(apply[0]).as(apply[1] + apply[2]).isEqualTo("0");
        String[] out = run(dir, "output", "-json");
        assertThat(out[0]).as(out[2]).isEqualTo("0");
        return JSON.readTree(out[1]);
    }

    /** {@code capstan -chdir=DIR ARGS}: exit code, stdout, stderr. */
    private static String[] run(Path dir, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "-chdir=" + dir;
        System.arraycopy(args, 0, all, 1, args.length);
        java.io.StringWriter o = new java.io.StringWriter();
        java.io.StringWriter e = new java.io.StringWriter();
        int code = Main.run(all, new java.io.PrintWriter(o, true), new java.io.PrintWriter(e, true));
        return new String[] {String.valueOf(code), o.toString(), e.toString()};
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pg", "etcd", "http"})
    void readsOutputsStoredInTheBackend(String type, @TempDir Path tmp) throws Exception {
        Optional<String> missing = RealServers.missing(type);
        if (missing.isPresent()) {
            System.out.println("SKIP: terraform_remote_state on " + type + ": " + missing.get());
            Assumptions.abort(missing.get());
        }
        applyAndOutputs(tmp.resolve("a"), A);
        byte[] state = Files.readAllBytes(tmp.resolve("a/terraform.tfstate"));
        JsonNode local = applyAndOutputs(tmp.resolve("local"), b("local",
                Map.of("path", "../a/terraform.tfstate")));
        assertThat(local.path("plain").path("value").asText()).isEqualTo("hello");
        assertThat(local.path("extra").path("value").asText()).isEqualTo("dflt");
        String[] plan = run(tmp.resolve("local"), "plan", "-no-color");
        assertThat(plan[1]).as("the read is announced as terraform plan does")
                .startsWith("data.terraform_remote_state.a: Reading...\ndata.terraform_remote_state.a: Read complete after ")
                .contains("No changes. Your infrastructure matches the configuration.");
        if (type.equals("http")) {
            // a document store per path, as an HTTP state server is (Capstan keeps history below the address)
            Map<String, byte[]> stored = new java.util.concurrent.ConcurrentHashMap<>();
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/state", ex -> {
                String path = ex.getRequestURI().getPath();
                switch (ex.getRequestMethod()) {
                    case "POST" -> {
                        stored.put(path, ex.getRequestBody().readAllBytes());
                        ex.sendResponseHeaders(200, -1);
                    }
                    case "DELETE" -> {
                        stored.remove(path);
                        ex.sendResponseHeaders(200, -1);
                    }
                    default -> {
                        byte[] body = stored.get(path);
                        if (body == null) {
                            ex.sendResponseHeaders(404, -1);
                        } else {
                            ex.sendResponseHeaders(200, body.length);
                            ex.getResponseBody().write(body);
                        }
                    }
                }
                ex.close();
            });
            http.start();
            try {
                Map<String, String> args = Map.of("address", "http://127.0.0.1:" + http.getAddress().getPort() + "/state");
                store(type, args, state);
                assertThat(applyAndOutputs(tmp.resolve("b"), b(type, args))).isEqualTo(local);
            } finally {
                http.stop(0);
            }
            return;
        }
        try (RealServers.Server server = RealServers.start(type)) {
            store(type, server.arguments(), state);
            assertThat(applyAndOutputs(tmp.resolve("b"), b(type, server.arguments()))).isEqualTo(local);
        }
    }

    private static void store(String type, Map<String, String> args, byte[] state) {
        try (Backend backend = Backends.open(new BackendConfig(type, args, Map.of()))) {
            backend.write("default", state, WriteCondition.unconditional());
        }
    }
}
