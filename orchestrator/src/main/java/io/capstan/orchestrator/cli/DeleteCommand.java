package io.capstan.orchestrator.cli;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.DeleteRequest;
import io.capstan.orchestrator.client.Connection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code capstan orchestrator delete KIND NAME}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an object.")
final class DeleteCommand extends ClientCommand {
    @Parameters(index = "0", description = "Kind.")
    String kind;

    @Parameters(index = "1", description = "Name.")
    String name;

    @Override
    int run(Connection c) {
        Kind k = GetCommand.kind(kind);
        c.blocking().delete(DeleteRequest.newBuilder().setKind(k.wireName()).setNamespace(namespace).setName(name).build());
        out().println(k.wireName().toLowerCase() + "/" + name + " deleted");
        return ExitCodes.OK;
    }
}
