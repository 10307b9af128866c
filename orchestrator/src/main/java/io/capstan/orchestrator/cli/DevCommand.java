package io.capstan.orchestrator.cli;

import io.capstan.orchestrator.agent.NodeAgent;
import io.capstan.orchestrator.server.ControlPlane;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code capstan orchestrator dev}: a server and one agent in one process, for a laptop. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Run a one-node cluster in this process (server + agent), like nomad agent -dev.")
final class DevCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", description = "Data directory. Default: ~/.capstan/orchestrator-data.")
    Path dataDir;

    @Option(names = "--listen", defaultValue = "127.0.0.1:7443", description = "API address (host:port).")
    String listen;

    @Option(names = "--config", description = "Where to write the client config.")
    String config;

    @Override
    public Integer call() throws Exception {
        Path data = dataDir != null ? dataDir : ServerCommand.defaultData();
        ControlPlane cp;
        try {
            cp = ServerCommand.startAndAnnounce(spec, data, listen, 10_000, config);
        } catch (java.io.IOException | IllegalArgumentException | IllegalStateException e) {
            spec.commandLine().getErr().println("Error: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        String host = ServerCommand.hostPort(listen)[0];
        NodeAgent agent;
        try {
            agent = NodeAgent.start(AgentCommand.options(host + ":" + cp.port(), cp.joinToken(), null, host,
                    data.resolve("agent"), null, null, Map.of(), 2000, 1000));
        } catch (Exception e) {
            cp.close();
            spec.commandLine().getErr().println("Error: the dev agent could not start: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        spec.commandLine().getOut().println("Dev node " + agent.nodeName() + " is running. Try: capstan orchestrator nodes");
        spec.commandLine().getOut().flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            cp.close();
        }));
        cp.awaitTermination();
        return ExitCodes.OK;
    }
}
