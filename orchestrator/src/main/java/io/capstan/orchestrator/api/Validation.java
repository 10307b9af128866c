package io.capstan.orchestrator.api;

import io.capstan.orchestrator.api.v1.Check;
import io.capstan.orchestrator.api.v1.Deployment;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Service;
import io.capstan.orchestrator.api.v1.ServicePort;
import io.capstan.orchestrator.api.v1.Template;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks an object a client sent; every problem names the field it is about. */
public final class Validation {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?");

    private Validation() {
    }

    /** Returns the problems found, each as {@code field: what is wrong}; empty when valid. */
    public static List<String> validate(ApiObject o) {
        List<String> errs = new ArrayList<>();
        Kind kind = Kind.parse(o.getKind()).orElse(null);
        if (kind == null) {
            errs.add("kind: unknown kind \"" + o.getKind() + "\" (expected one of Namespace, Deployment, Service, ConfigMap, Secret, Node, Instance, Endpoints)");
            return errs;
        }
        String name = o.getMetadata().getName();
        if (name.isEmpty()) {
            errs.add("metadata.name: required");
        } else if (!NAME.matcher(name).matches()) {
            errs.add("metadata.name: \"" + name + "\" must be lower-case letters, digits, '-' or '.', starting and ending with a letter or digit, at most 63 characters");
        }
        String ns = o.getMetadata().getNamespace();
        if (kind.namespaced() && !ns.isEmpty() && !NAME.matcher(ns).matches()) {
            errs.add("metadata.namespace: \"" + ns + "\" is not a valid namespace name");
        }
        if (o.getBodyCase() != ApiObject.BodyCase.BODY_NOT_SET && o.getBodyCase() != kind.body()) {
            errs.add("kind: object body is " + o.getBodyCase() + " but kind is " + kind.wireName());
        }
        switch (kind) {
            case DEPLOYMENT -> deployment(o.getDeployment(), errs);
            case SERVICE -> service(o.getService(), errs);
            default -> { }
        }
        return errs;
    }

    private static void deployment(Deployment d, List<String> errs) {
        var spec = d.getSpec();
        if (spec.getReplicas() < 0) {
            errs.add("spec.replicas: must be 0 or more, got " + spec.getReplicas());
        }
        if (!spec.hasTemplate()) {
            errs.add("spec.template: required");
            return;
        }
        Template t = spec.getTemplate();
        switch (t.getDriverCase()) {
            case PROCESS -> {
                if (t.getProcess().getCommand().isEmpty()) {
                    errs.add("spec.template.process.command: required");
                }
            }
            case CONTAINER -> {
                if (t.getContainer().getImage().isBlank()) {
                    errs.add("spec.template.container.image: required");
                }
            }
            default -> errs.add("spec.template: a driver is required (process or container)");
        }
        for (var e : spec.getSelector().entrySet()) {
            if (!e.getValue().equals(t.getLabelsMap().get(e.getKey()))) {
                errs.add("spec.selector." + e.getKey() + ": template labels do not match the selector");
            }
        }
        Set<String> ports = new HashSet<>();
        for (int i = 0; i < t.getPortsCount(); i++) {
            String p = t.getPorts(i).getName();
            if (p.isEmpty() || !NAME.matcher(p).matches()) {
                errs.add("spec.template.ports[" + i + "].name: \"" + p + "\" is not a valid port name");
            } else if (!ports.add(p)) {
                errs.add("spec.template.ports[" + i + "].name: duplicate port name \"" + p + "\"");
            }
        }
        if (t.getRequests().getCpuMillis() < 0) {
            errs.add("spec.template.requests.cpu_millis: must not be negative");
        }
        if (t.getRequests().getMemoryMb() < 0) {
            errs.add("spec.template.requests.memory_mb: must not be negative");
        }
        check("spec.template.readiness", t.hasReadiness() ? t.getReadiness() : null, ports, errs);
        check("spec.template.liveness", t.hasLiveness() ? t.getLiveness() : null, ports, errs);
        String policy = t.getRestart().getPolicy();
        if (!policy.isEmpty() && !Set.of("Always", "OnFailure", "Never").contains(policy)) {
            errs.add("spec.template.restart.policy: \"" + policy + "\" must be Always, OnFailure or Never");
        }
        var s = spec.getStrategy();
        if (s.getMaxSurge() < 0) {
            errs.add("spec.strategy.max_surge: must not be negative");
        }
        if (s.getMaxUnavailable() < 0) {
            errs.add("spec.strategy.max_unavailable: must not be negative");
        }
        if (spec.hasStrategy() && s.getMaxSurge() == 0 && s.getMaxUnavailable() == 0) {
            errs.add("spec.strategy: max_surge and max_unavailable cannot both be 0");
        }
    }

    private static void check(String field, Check c, Set<String> ports, List<String> errs) {
        if (c == null) {
            return;
        }
        switch (c.getProbeCase()) {
            case HTTP -> {
                if (!ports.contains(c.getHttp().getPort())) {
                    errs.add(field + ".http.port: \"" + c.getHttp().getPort() + "\" is not a named port of the template");
                }
            }
            case TCP -> {
                if (!ports.contains(c.getTcp().getPort())) {
                    errs.add(field + ".tcp.port: \"" + c.getTcp().getPort() + "\" is not a named port of the template");
                }
            }
            case EXEC -> {
                if (c.getExec().getCommandCount() == 0) {
                    errs.add(field + ".exec.command: required");
                }
            }
            default -> errs.add(field + ": one of http, tcp or exec is required");
        }
        if (c.getIntervalMs() < 0 || c.getTimeoutMs() < 0 || c.getFailureThreshold() < 0) {
            errs.add(field + ": intervals and thresholds must not be negative");
        }
    }

    private static void service(Service s, List<String> errs) {
        if (s.getSpec().getSelectorCount() == 0) {
            errs.add("spec.selector: required (a service selects instances by label)");
        }
        for (int i = 0; i < s.getSpec().getPortsCount(); i++) {
            ServicePort p = s.getSpec().getPorts(i);
            if (p.getPort() < 1 || p.getPort() > 65535) {
                errs.add("spec.ports[" + i + "].port: must be 1-65535, got " + p.getPort());
            }
            if (p.getTargetPort().isEmpty()) {
                errs.add("spec.ports[" + i + "].target_port: required (a named port of the instances)");
            }
        }
    }
}
