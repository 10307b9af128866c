package io.capstan.orchestrator.cli;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.GetRequest;
import io.capstan.orchestrator.api.v1.ListRequest;
import io.capstan.orchestrator.client.Connection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code capstan orchestrator describe KIND NAME}: the whole object, plus a deployment's instances. */
@Command(name = "describe", mixinStandardHelpOptions = true, description = "Show one object in detail.")
final class DescribeCommand extends ClientCommand {
    @Parameters(index = "0", description = "Kind.")
    String kind;

    @Parameters(index = "1", description = "Name.")
    String name;

    @Override
    int run(Connection c) {
        Kind k = GetCommand.kind(kind);
        ApiObject o = c.blocking().get(GetRequest.newBuilder().setKind(k.wireName()).setNamespace(namespace).setName(name).build());
        if (k == Kind.SECRET) {
            var b = o.toBuilder();
            b.getSecretBuilder().getDataMap().keySet().forEach(key -> b.getSecretBuilder().putData(key, "<redacted>"));
            o = b.build();
        }
        out().print(Printing.yaml(o));
        if (k == Kind.DEPLOYMENT) {
            out().println("Instances:");
            for (ApiObject i : c.blocking().list(ListRequest.newBuilder().setKind("Instance").setNamespace(namespace).build()).getItemsList()) {
                if (i.getInstance().getSpec().getDeployment().equals(name)) {
                    var s = i.getInstance().getStatus();
                    out().println("  " + i.getMetadata().getName() + "  rev " + i.getInstance().getSpec().getRevision() + "  "
                            + (i.getInstance().getSpec().getTerminating() ? "Terminating" : s.getState()) + "  ready=" + s.getReady()
                            + "  node=" + i.getInstance().getSpec().getNode() + "  restarts=" + s.getRestarts()
                            + (s.getMessage().isEmpty() ? "" : "  " + s.getMessage())
                            + (s.getLastError().isEmpty() ? "" : "  last error: " + s.getLastError()));
                }
            }
        }
        return ExitCodes.OK;
    }
}
