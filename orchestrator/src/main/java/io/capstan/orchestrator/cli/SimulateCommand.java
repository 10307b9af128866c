package io.capstan.orchestrator.cli;

import io.capstan.orchestrator.sim.SimulatedNodes;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code capstan orchestrator simulate}: many fake nodes in this process, for scale tests (like kwok). */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Join many simulated nodes that heartbeat and report their instances ready without running anything.")
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--join", required = true, description = "Server address (host:port).")
    String join;

    @Option(names = "--token", required = true, description = "Join token (DATA/join.token on the server).")
    String token;

    @Option(names = "--nodes", defaultValue = "1000", description = "How many nodes.")
    int nodes;

    @Option(names = "--prefix", defaultValue = "sim", description = "Node names are PREFIX-00001, PREFIX-00002, ...")
    String prefix;

    @Option(names = "--cpu", defaultValue = "4000", description = "Each node's CPU capacity in millicores.")
    long cpu;

    @Option(names = "--memory", defaultValue = "8192", description = "Each node's memory capacity in MiB.")
    long memory;

    @Option(names = "--heartbeat", defaultValue = "2s", description = "Heartbeat interval each node asks for (the server may stretch it).")
    String heartbeat;

    @Option(names = "--threads", defaultValue = "4", description = "Threads shared by all simulated nodes.")
    int threads;

    @Override
    public Integer call() throws Exception {
        SimulatedNodes sim;
        try {
            sim = SimulatedNodes.start(new SimulatedNodes.Options(join, token, prefix, nodes, cpu, memory,
                    Durations.millis(heartbeat), threads));
        } catch (java.io.IOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("Error: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        spec.commandLine().getOut().println(nodes + " simulated nodes joined " + join + " (heartbeat every "
                + sim.interval(sim.names().get(0)) + " ms as assigned by the server)");
        spec.commandLine().getOut().flush();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            done.countDown();
        }));
        done.await();
        return ExitCodes.OK;
    }
}
