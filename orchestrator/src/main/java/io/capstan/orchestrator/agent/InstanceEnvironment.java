package io.capstan.orchestrator.agent;

import io.capstan.orchestrator.api.v1.Template;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What an instance finds in its environment, whichever driver runs it: config maps and secrets
 * it asks for, the template's env, {@code PORT_<NAME>} for each assigned host port (and
 * {@code PORT} for the first), its own name, namespace and node, and {@code HOST}.
 */
final class InstanceEnvironment {
    private InstanceEnvironment() {
    }

    static Map<String, String> of(NodeAgent agent, Template template, String namespace, String name, Map<String, Integer> ports) {
        Map<String, String> env = new LinkedHashMap<>();
        for (var from : template.getEnvFromList()) {
            if (!from.getConfigMap().isEmpty()) {
                env.putAll(agent.configMap(namespace, from.getConfigMap()));
            }
            if (!from.getSecret().isEmpty()) {
                env.putAll(agent.secret(namespace, from.getSecret()));
            }
        }
        env.putAll(template.getEnvMap());
        boolean first = true;
        for (var e : ports.entrySet()) {
            env.put("PORT_" + e.getKey().toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_'), String.valueOf(e.getValue()));
            if (first) {
                env.put("PORT", String.valueOf(e.getValue()));
                first = false;
            }
        }
        env.put("CAPSTAN_INSTANCE", name);
        env.put("CAPSTAN_NAMESPACE", namespace);
        env.put("CAPSTAN_NODE", agent.nodeName());
        env.put("HOST", agent.address());
        return env;
    }

    /** A host port nobody listens on right now (the instance binds it next). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress("0.0.0.0", 0));
            return s.getLocalPort();
        }
    }
}
