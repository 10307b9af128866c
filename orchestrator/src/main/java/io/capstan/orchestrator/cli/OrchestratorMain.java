package io.capstan.orchestrator.cli;

import picocli.CommandLine;

/** Runs {@code orchestrator} commands without the rest of Capstan (used by tests and benchmarks to start processes). */
public final class OrchestratorMain {
    private OrchestratorMain() {
    }

    public static void main(String[] args) {
        CommandLine cmd = new CommandLine(new OrchestratorCommand());
        cmd.setExecutionExceptionHandler((ex, c, p) -> {
            c.getErr().println("Error: " + ex.getMessage());
            return ExitCodes.ERROR;
        });
        System.exit(cmd.execute(args));
    }
}
