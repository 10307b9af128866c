package io.capstan.orchestrator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code capstan orchestrator}: the built-in container orchestrator's server, agent, dev mode and client verbs. */
@Command(name = "orchestrator",
        description = "The built-in container orchestrator: run a server, agents or a dev cluster, and manage its objects.",
        mixinStandardHelpOptions = true,
        subcommands = {ServerCommand.class, AgentCommand.class, DevCommand.class, GetCommand.class, DescribeCommand.class,
                ApplyCommand.class, DeleteCommand.class, LogsCommand.class, ScaleCommand.class, RolloutCommand.class,
                NodesCommand.class, TokenCommand.class, SimulateCommand.class})
public final class OrchestratorCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
