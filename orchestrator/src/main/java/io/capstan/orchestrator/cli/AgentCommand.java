package io.capstan.orchestrator.cli;

import io.capstan.orchestrator.agent.NodeAgent;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code capstan orchestrator agent}: a node agent joining a server. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Run a node agent: join the server, run the instances scheduled here, proxy services.")
final class AgentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--join", required = true, description = "Server address (host:port).")
    String join;

    @Option(names = "--token", required = true, description = "Join token (DATA/join.token on the server).")
    String token;

    @Option(names = "--name", description = "Node name (default: host name).")
    String name;

    @Option(names = "--address", defaultValue = "127.0.0.1", description = "This node's address: services and instances are reached on it.")
    String address;

    @Option(names = "--data-dir", description = "Agent data directory (logs, work dirs). Default: ~/.capstan/agent-NAME.")
    Path dataDir;

    @Option(names = "--cpu", description = "CPU capacity in millicores (default: the machine's).")
    Long cpu;

    @Option(names = "--memory", description = "Memory capacity in MiB (default: the machine's).")
    Long memory;

    @Option(names = "--label", description = "Node label key=value (repeatable).")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--heartbeat", defaultValue = "2s", description = "Heartbeat interval.")
    String heartbeat;

    @Option(names = "--drain", defaultValue = "1s", description = "How long an instance stays out of endpoints before it is stopped.")
    String drain;

    @Option(names = "--docker-socket", description = "The Docker daemon's socket for the container driver "
            + "(default: $CAPSTAN_DOCKER_HOST, else /var/run/docker.sock).")
    Path dockerSocket;

    static NodeAgent.Options options(String join, String token, String name, String address, Path dataDir, Long cpu, Long memory,
                                     Map<String, String> labels, long heartbeatMs, long drainMs) throws Exception {
        String node = name != null ? name : InetAddress.getLocalHost().getHostName().toLowerCase();
        long c = cpu != null ? cpu : Runtime.getRuntime().availableProcessors() * 1000L;
        long m = memory != null ? memory : machineMemoryMb();
        Path d = dataDir != null ? dataDir : Paths.get(System.getProperty("user.home"), ".capstan", "agent-" + node);
        return new NodeAgent.Options(join, token, node, address, d, c, m, labels, heartbeatMs, drainMs);
    }

    static long machineMemoryMb() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize() / (1024 * 1024);
        }
        return 4096;
    }

    @Override
    public Integer call() throws Exception {
        NodeAgent agent;
        try {
            NodeAgent.Options o = options(join, token, name, address, dataDir, cpu, memory, labels,
                    Durations.millis(heartbeat), Durations.millis(drain));
            if (dockerSocket != null) {
                o = new NodeAgent.Options(o.server(), o.joinToken(), o.nodeName(), o.address(), o.dataDir(), o.cpuMillis(),
                        o.memoryMb(), o.labels(), o.heartbeatMs(), o.drainMs(), dockerSocket);
            }
            agent = NodeAgent.start(o);
        } catch (java.io.IOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("Error: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        spec.commandLine().getOut().println("Node " + agent.nodeName() + " joined " + join + " (address " + address + ")");
        spec.commandLine().getOut().flush();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            done.countDown();
        }));
        done.await();
        return ExitCodes.OK;
    }
}
