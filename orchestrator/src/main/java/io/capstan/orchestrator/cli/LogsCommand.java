package io.capstan.orchestrator.cli;

import io.capstan.orchestrator.api.v1.LogsRequest;
import io.capstan.orchestrator.client.Connection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capstan orchestrator logs INSTANCE}: the captured stdout/stderr of an instance. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print an instance's captured output.")
final class LogsCommand extends ClientCommand {
    @Parameters(index = "0", description = "Instance name.")
    String instance;

    @Option(names = "--tail", defaultValue = "0", description = "Only the last N lines (0: all).")
    int tail;

    @Override
    int run(Connection c) {
        out().print(c.blocking().logs(LogsRequest.newBuilder().setNamespace(namespace).setInstance(instance).setTailLines(tail).build()).getText());
        return ExitCodes.OK;
    }
}
