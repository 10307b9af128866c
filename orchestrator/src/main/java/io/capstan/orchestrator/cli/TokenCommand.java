package io.capstan.orchestrator.cli;

import io.capstan.orchestrator.api.v1.CreateTokenRequest;
import io.capstan.orchestrator.client.Connection;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code capstan orchestrator token --role viewer|deployer|admin [--namespaces a,b]}: mints a token (admins only). */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Create an API token for a role (admin only).")
final class TokenCommand extends ClientCommand {
    @Option(names = "--role", required = true, description = "admin, deployer or viewer.")
    String role;

    @Option(names = "--namespaces", split = ",", description = "Namespaces a deployer may write.")
    List<String> namespaces = new ArrayList<>();

    @Option(names = "--name", defaultValue = "", description = "A name for the token's holder.")
    String name;

    @Override
    int run(Connection c) {
        out().println(c.blocking().createToken(CreateTokenRequest.newBuilder().setRole(role).addAllNamespaces(namespaces).setName(name).build()).getToken());
        return ExitCodes.OK;
    }
}
