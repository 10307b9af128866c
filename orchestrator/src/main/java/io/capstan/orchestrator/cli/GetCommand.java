package io.capstan.orchestrator.cli;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.GetRequest;
import io.capstan.orchestrator.api.v1.ListRequest;
import io.capstan.orchestrator.client.Connection;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capstan orchestrator get KIND [NAME]}: a table, or JSON/YAML with {@code -o}. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "List objects of a kind, or show one.")
final class GetCommand extends ClientCommand {
    @Parameters(index = "0", description = "Kind: namespaces, deployments, services, configmaps, secrets, nodes, instances, endpoints.")
    String kind;

    @Parameters(index = "1", arity = "0..1", description = "Object name.")
    String name;

    @Option(names = {"-o", "--output"}, description = "table (default), json or yaml.", defaultValue = "table")
    String output;

    @Option(names = {"-A", "--all-namespaces"}, description = "List across all namespaces.")
    boolean all;

    static Kind kind(String text) {
        return Kind.parse(text).orElseThrow(() -> new UsageException("unknown kind \"" + text
                + "\" (expected namespaces, deployments, services, configmaps, secrets, nodes, instances or endpoints)"));
    }

    @Override
    int run(Connection c) {
        Kind k = kind(kind);
        List<ApiObject> items;
        if (name != null) {
            items = List.of(c.blocking().get(GetRequest.newBuilder().setKind(k.wireName()).setNamespace(namespace).setName(name).build()));
        } else {
            items = c.blocking().list(ListRequest.newBuilder().setKind(k.wireName()).setNamespace(all ? "*" : namespace).build()).getItemsList();
        }
        switch (output) {
            case "json" -> items.forEach(o -> out().println(Printing.json(o)));
            case "yaml" -> items.forEach(o -> out().print(Printing.yaml(o))); // each document starts with its own "---"
            case "table" -> {
                if (items.isEmpty()) {
                    err().println("No " + k.plural() + " found" + (k.namespaced() && !all ? " in namespace " + namespace : "") + ".");
                    return ExitCodes.OK;
                }
                List<ApiObject> instances = k == Kind.NODE
                        ? c.blocking().list(ListRequest.newBuilder().setKind("Instance").setNamespace("*").build()).getItemsList()
                        : List.of();
                List<List<String>> rows = new ArrayList<>();
                List<String> header = new ArrayList<>(Printing.header(k));
                if (all && k.namespaced()) {
                    header.add(0, "NAMESPACE");
                }
                for (ApiObject o : items) {
                    List<String> r = new ArrayList<>(Printing.row(o, instances));
                    if (all && k.namespaced()) {
                        r.add(0, o.getMetadata().getNamespace());
                    }
                    rows.add(r);
                }
                out().print(Printing.table(header, rows));
            }
            default -> throw new UsageException("-o: \"" + output + "\" must be table, json or yaml");
        }
        return ExitCodes.OK;
    }
}
