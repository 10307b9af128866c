package io.capstan.orchestrator.cli;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.Manifests;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.GetRequest;
import io.capstan.orchestrator.client.Connection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code capstan orchestrator apply -f FILE}: creates or updates the objects of a JSON or YAML file. */
@Command(name = "apply", mixinStandardHelpOptions = true, description = "Create or update objects from a JSON or YAML file.")
final class ApplyCommand extends ClientCommand {
    @Option(names = {"-f", "--filename"}, required = true, description = "File (.json, .yaml or .yml).")
    Path file;

    @Override
    int run(Connection c) throws Exception {
        if (!Files.exists(file)) {
            throw new UsageException("-f: file " + file + " does not exist");
        }
        String name = file.getFileName().toString();
        List<ApiObject> objects;
        try {
            objects = Manifests.parse(Files.readString(file), name.endsWith(".yaml") || name.endsWith(".yml"), file.toString());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        for (ApiObject o : objects) {
            Kind k = Kind.parse(o.getKind()).orElseThrow();
            if (k.namespaced() && o.getMetadata().getNamespace().isEmpty()) {
                o = o.toBuilder().setMetadata(o.getMetadata().toBuilder().setNamespace(namespace)).build();
            }
            out().println(k.wireName().toLowerCase() + "/" + o.getMetadata().getName() + " " + apply(c, k, o));
        }
        return ExitCodes.OK;
    }

    static String apply(Connection c, Kind k, ApiObject o) {
        for (int attempt = 0; ; attempt++) {
            ApiObject cur;
            try {
                cur = c.blocking().get(GetRequest.newBuilder().setKind(k.wireName()).setNamespace(o.getMetadata().getNamespace())
                        .setName(o.getMetadata().getName()).build());
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                    throw e;
                }
                c.blocking().create(o);
                return "created";
            }
            ApiObject next = o.toBuilder().setMetadata(o.getMetadata().toBuilder()
                    .setResourceVersion(cur.getMetadata().getResourceVersion())).build();
            if (k == Kind.DEPLOYMENT && cur.getDeployment().getSpec().equals(o.getDeployment().getSpec())
                    && cur.getMetadata().getLabelsMap().equals(o.getMetadata().getLabelsMap())) {
                return "unchanged";
            }
            try {
                c.blocking().update(next);
                return "configured";
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.ABORTED || attempt >= 5) {
                    throw e;
                }
            }
        }
    }
}
