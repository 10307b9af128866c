package io.capstan.orchestrator.cli;

import io.capstan.orchestrator.client.ClientConfig;
import io.capstan.orchestrator.client.Connection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shared by the client verbs: finds the client config, connects, and turns failures into clear messages and exit codes. */
abstract class ClientCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "Client config file (default: $" + ClientConfig.ENV + " or ~/.capstan/orchestrator.json).")
    String config;

    @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default).", defaultValue = "default")
    String namespace;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    abstract int run(Connection c) throws Exception;

    @Override
    public Integer call() {
        ClientConfig cfg;
        try {
            cfg = ClientConfig.read(ClientConfig.locate(config, System.getenv()));
        } catch (IOException e) {
            err().println("Error: " + e.getMessage());
            err().flush();
            return ExitCodes.ERROR;
        }
        try (Connection c = Connection.open(cfg)) {
            int code = run(c);
            out().flush();
            return code;
        } catch (StatusRuntimeException e) {
            out().flush();
            err().println("Error: " + message(e, cfg.address()));
            err().flush();
            return ExitCodes.of(e.getStatus().getCode());
        } catch (UsageException e) {
            err().println("Error: " + e.getMessage());
            err().flush();
            return ExitCodes.USAGE;
        } catch (Exception e) {
            out().flush();
            err().println("Error: " + e.getMessage());
            err().flush();
            return ExitCodes.ERROR;
        }
    }

    static String message(StatusRuntimeException e, String address) {
        Status s = e.getStatus();
        String d = s.getDescription() == null ? "" : s.getDescription();
        return switch (s.getCode()) {
            case UNAVAILABLE -> "cannot reach the orchestrator at " + address + " (" + d + "); is \"capstan orchestrator server\" running?";
            case UNAUTHENTICATED -> "not authenticated: " + d;
            case PERMISSION_DENIED -> "forbidden: " + d;
            case ABORTED -> "conflict: " + d;
            default -> d.isEmpty() ? s.getCode().toString() : d;
        };
    }

    /** A user mistake in the arguments (exit code 2). */
    static final class UsageException extends RuntimeException {
        UsageException(String m) {
            super(m);
        }
    }
}
