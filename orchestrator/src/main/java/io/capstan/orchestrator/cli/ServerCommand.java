package io.capstan.orchestrator.cli;

import io.capstan.orchestrator.client.ClientConfig;
import io.capstan.orchestrator.server.ControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code capstan orchestrator server}: the API server, store, scheduler and controllers. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the control plane (API server, store, scheduler, controllers) until interrupted.")
final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", description = "Data directory (store, CA, tokens). Default: ~/.capstan/orchestrator-data.")
    Path dataDir;

    @Option(names = "--listen", defaultValue = "127.0.0.1:7443", description = "Address to serve the API on (host:port; port 0 picks a free one).")
    String listen;

    @Option(names = "--node-grace", defaultValue = "10s", description = "How long a node may miss heartbeats before it goes NotReady.")
    String nodeGrace;

    @Option(names = "--etcd", description = "Keep the state in this etcd v3 cluster (comma-separated http://host:port) instead of "
            + "SQLite; several servers may share it: every one serves the API, the elected leader runs the scheduler and controllers. "
            + "Servers of one cluster need the same tls/, secrets.key, admin.token and join.token (copy the first server's data directory).")
    String etcd;

    @Option(names = "--max-heartbeats", defaultValue = "50", description = "Heartbeats per second the cluster may send: "
            + "beyond that many nodes, every node's heartbeat interval is stretched (nodes / this), and the NotReady deadline with it.")
    int maxHeartbeats;

    @Option(names = "--config", description = "Where to write the client config (default: $" + ClientConfig.ENV + " or ~/.capstan/orchestrator.json).")
    String config;

    static Path defaultData() {
        return Paths.get(System.getProperty("user.home"), ".capstan", "orchestrator-data");
    }

    static String[] hostPort(String listen) {
        int c = listen.lastIndexOf(':');
        if (c < 0) {
            throw new IllegalArgumentException("--listen: \"" + listen + "\" must be host:port");
        }
        return new String[] {listen.substring(0, c), listen.substring(c + 1)};
    }

    /** Starts the control plane, writes the client config and prints what a user needs. */
    static ControlPlane startAndAnnounce(CommandSpec spec, Path dataDir, String listen, long graceMs, String config) throws Exception {
        return startAndAnnounce(spec, dataDir, listen, graceMs, config, null, ControlPlane.Options.DEFAULT_MAX_HEARTBEATS_PER_SECOND);
    }

    static ControlPlane startAndAnnounce(CommandSpec spec, Path dataDir, String listen, long graceMs, String config, String etcd,
                                         int maxHeartbeats)
            throws Exception {
        String[] hp = hostPort(listen);
        ControlPlane cp = ControlPlane.start(new ControlPlane.Options(dataDir, hp[0], Integer.parseInt(hp[1]), graceMs, 500, etcd, maxHeartbeats));
        String address = hp[0] + ":" + cp.port();
        Path cfg = ClientConfig.locate(config, System.getenv());
        new ClientConfig(address, Files.readString(cp.caCert()), cp.adminToken()).write(cfg);
        var out = spec.commandLine().getOut();
        out.println("Capstan orchestrator server listening on " + address + " (TLS)");
        out.println("Data directory: " + dataDir.toAbsolutePath());
        if (cp.firstStart()) {
            out.println("Bootstrap admin token (shown once; kept in " + dataDir.resolve("admin.token") + "):");
            out.println("  " + cp.adminToken());
        }
        out.println("Join an agent with:");
        out.println("  capstan orchestrator agent --join " + address + " --token $(cat " + dataDir.resolve("join.token") + ")");
        out.println("Client config written to " + cfg);
        out.flush();
        return cp;
    }

    @Override
    public Integer call() throws Exception {
        Path data = dataDir != null ? dataDir : defaultData();
        ControlPlane cp;
        try {
            cp = startAndAnnounce(spec, data, listen, Durations.millis(nodeGrace), config, etcd, maxHeartbeats);
        } catch (java.io.IOException | IllegalArgumentException | IllegalStateException e) {
            spec.commandLine().getErr().println("Error: " + e.getMessage()
                    + (e.getCause() instanceof java.net.BindException ? " (is another server using " + listen + "?)" : ""));
            return ExitCodes.ERROR;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(cp::close));
        cp.awaitTermination();
        return ExitCodes.OK;
    }
}
