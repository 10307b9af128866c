package io.capstan.orchestrator.cli;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.GetRequest;
import io.capstan.orchestrator.client.Connection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capstan orchestrator scale deployment NAME --replicas N}. */
@Command(name = "scale", mixinStandardHelpOptions = true, description = "Set a deployment's number of replicas.")
final class ScaleCommand extends ClientCommand {
    @Parameters(index = "0", description = "deployment")
    String kind;

    @Parameters(index = "1", description = "Deployment name.")
    String name;

    @Option(names = "--replicas", required = true, description = "Desired replicas.")
    int replicas;

    @Override
    int run(Connection c) {
        if (!GetCommand.kind(kind).wireName().equals("Deployment")) {
            throw new UsageException("only deployments can be scaled");
        }
        if (replicas < 0) {
            throw new UsageException("--replicas must be 0 or more");
        }
        for (int attempt = 0; ; attempt++) {
            ApiObject d = c.blocking().get(GetRequest.newBuilder().setKind("Deployment").setNamespace(namespace).setName(name).build());
            var b = d.toBuilder();
            b.getDeploymentBuilder().getSpecBuilder().setReplicas(replicas);
            try {
                c.blocking().update(b.build());
                out().println("deployment/" + name + " scaled to " + replicas);
                return ExitCodes.OK;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.ABORTED || attempt >= 5) {
                    throw e;
                }
            }
        }
    }
}
