package io.capstan.orchestrator.cli;

import io.capstan.orchestrator.client.Connection;
import picocli.CommandLine.Command;

/** {@code capstan orchestrator nodes}: the cluster's nodes with status and load. */
@Command(name = "nodes", mixinStandardHelpOptions = true, description = "List the nodes of the cluster.")
final class NodesCommand extends ClientCommand {
    @Override
    int run(Connection c) {
        GetCommand g = new GetCommand();
        g.spec = spec;
        g.kind = "nodes";
        g.output = "table";
        g.namespace = namespace;
        return g.run(c);
    }
}
