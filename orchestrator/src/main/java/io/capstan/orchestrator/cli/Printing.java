package io.capstan.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import java.util.ArrayList;
import java.util.List;

/** Tables and JSON/YAML renderings of API objects for the terminal. */
final class Printing {
    private Printing() {
    }

    static String json(ApiObject o) {
        try {
            return JsonFormat.printer().preservingProtoFieldNames().print(o);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    static String yaml(ApiObject o) {
        try {
            JsonNode n = new ObjectMapper().readTree(json(o));
            return new YAMLMapper().writeValueAsString(n);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String age(long createdMs) {
        long s = Math.max(0, (System.currentTimeMillis() - createdMs) / 1000);
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return s / 60 + "m";
        }
        if (s < 172800) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }

    static List<String> header(Kind k) {
        return switch (k) {
            case DEPLOYMENT -> List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "REVISION", "PHASE", "AGE");
            case INSTANCE -> List.of("NAME", "STATE", "READY", "RESTARTS", "NODE", "PORTS", "AGE", "MESSAGE");
            case NODE -> List.of("NAME", "STATUS", "ADDRESS", "CPU", "MEMORY", "INSTANCES", "AGE");
            case SERVICE -> List.of("NAME", "SELECTOR", "PORTS", "AGE");
            case ENDPOINTS -> List.of("NAME", "ENDPOINTS", "AGE");
            case CONFIG_MAP, SECRET -> List.of("NAME", "KEYS", "AGE");
            case NAMESPACE -> List.of("NAME", "AGE");
        };
    }

    static List<String> row(ApiObject o, List<ApiObject> instances) {
        String name = o.getMetadata().getName();
        String age = age(o.getMetadata().getCreatedMs());
        Kind k = Kind.parse(o.getKind()).orElseThrow();
        return switch (k) {
            case DEPLOYMENT -> {
                var s = o.getDeployment().getStatus();
                yield List.of(name, s.getReady() + "/" + o.getDeployment().getSpec().getReplicas(), String.valueOf(s.getUpdated()),
                        String.valueOf(s.getAvailable()), String.valueOf(s.getCurrentRevision()), s.getPhase(), age);
            }
            case INSTANCE -> {
                var i = o.getInstance();
                String state = i.getSpec().getTerminating() ? "Terminating" : i.getStatus().getState();
                List<String> ports = new ArrayList<>();
                i.getStatus().getHostPortsMap().forEach((pn, port) -> ports.add(pn + ":" + port));
                yield List.of(name, state, i.getStatus().getReady() ? "true" : "false", String.valueOf(i.getStatus().getRestarts()),
                        i.getSpec().getNode().isEmpty() ? "<none>" : i.getSpec().getNode(), String.join(",", ports), age,
                        !i.getStatus().getMessage().isEmpty() ? i.getStatus().getMessage() : i.getStatus().getLastError());
            }
            case NODE -> {
                var n = o.getNode();
                long count = instances.stream().filter(i -> i.getInstance().getSpec().getNode().equals(name)).count();
                yield List.of(name, n.getStatus().getCondition(), n.getSpec().getAddress(),
                        n.getStatus().getAllocatable().getCpuMillis() + "m", n.getStatus().getAllocatable().getMemoryMb() + "Mi",
                        String.valueOf(count), age);
            }
            case SERVICE -> {
                List<String> ports = new ArrayList<>();
                o.getService().getSpec().getPortsList().forEach(p -> ports.add(p.getPort() + "->" + p.getTargetPort()));
                yield List.of(name, o.getService().getSpec().getSelectorMap().toString(), String.join(",", ports), age);
            }
            case ENDPOINTS -> {
                List<String> eps = new ArrayList<>();
                o.getEndpoints().getReadyList().forEach(e -> eps.add(e.getAddress() + ":" + e.getPort()));
                yield List.of(name, eps.isEmpty() ? "<none>" : String.join(",", eps), age);
            }
            case CONFIG_MAP -> List.of(name, String.valueOf(o.getConfigMap().getDataCount()), age);
            case SECRET -> List.of(name, String.valueOf(o.getSecret().getDataCount()), age);
            case NAMESPACE -> List.of(name, age);
        };
    }

    static String table(List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> r : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < w.length; i++) {
                line.append(i == w.length - 1 ? r.get(i) : String.format("%-" + (w[i] + 3) + "s", r.get(i)));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
